/**
 * reference/policy: vm_commit_limit, __vm_enough_memory in modes 0/1/2 (exact
 * boundaries from KERNEL.md §9), reserves, accountable mappings, MAP_NORESERVE, the
 * sysctl coupling and the /proc/meminfo lines.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import * as index from "../../reference/index.js";
import * as acctMod from "../../reference/policy/vm-acct.js";
import * as ocMod from "../../reference/policy/overcommit.js";
import {
  AcctMm,
  VmAcct,
  ENOMEM,
  MAP_NORESERVE,
  MAP_PRIVATE,
  MAP_SHARED,
  PROT_READ,
  PROT_WRITE,
  VM_NORESERVE,
  VM_SHARED,
  VM_WRITE,
  accountableMapping,
  meminfoCommitLines,
  mmapVmFlags,
  vmCommitLimit,
  vmEnoughMemory,
  writeVmSysctl,
} from "../../reference/index.js";

const machine = (): VmAcct => new VmAcct(1_000_000, 250_000);

describe("vmCommitLimit", () => {
  it("is (RAM − hugetlb) · ratio / 100 + swap, or kbytes / 4 + swap", () => {
    const vm = machine();
    expect(vmCommitLimit(vm)).toBe(750_000);
    vm.hugetlbPages = 1000;
    expect(vmCommitLimit(vm), "(999000 · 50 / 100) + 250000").toBe(749_500);
    writeVmSysctl(vm, "overcommit_kbytes", 4_000_003);
    expect([vm.overcommitRatio, vmCommitLimit(vm)]).toEqual([0, 1_000_000 + 250_000]);
    writeVmSysctl(vm, "overcommit_ratio", 33);
    expect([vm.overcommitKbytes, vmCommitLimit(vm)]).toEqual([0, Math.floor((999_000 * 33) / 100) + 250_000]);
  });
});

describe("vmEnoughMemory", () => {
  it("mode 0 refuses one request bigger than RAM + swap (T ok, T+1 not), whatever is committed", () => {
    const vm = machine();
    expect(vmEnoughMemory(vm, null, 1_250_000, false)).toBe(0);
    expect(vmEnoughMemory(vm, null, 1_250_001, false)).toBe(ENOMEM);
    expect(vm.committed, "the refused charge is taken back").toBe(1_250_000);
  });

  it("mode 1 accepts everything and still counts it", () => {
    const vm = machine();
    writeVmSysctl(vm, "overcommit_memory", 1);
    expect(vmEnoughMemory(vm, null, 10 ** 12, false)).toBe(0);
    expect(vm.committed).toBe(10 ** 12);
  });

  it("mode 2: headroom − 1 accepted, headroom refused (worked example: 745,952)", () => {
    const vm = machine();
    writeVmSysctl(vm, "overcommit_memory", 2);
    expect([vm.adminReserveKbytes, vm.userReserveKbytes], "min(4,000,000 kB / 32, 8 MiB / 128 MiB)").toEqual([8192, 125_000]);
    const mm = new AcctMm(1, 64_000);
    expect(vmEnoughMemory(vm, mm, 745_952, false)).toBe(ENOMEM);
    expect(vm.committed).toBe(0);
    expect(vmEnoughMemory(vm, mm, 745_951, false)).toBe(0);
    expect(vmEnoughMemory(vm, mm, 1, false)).toBe(ENOMEM);
    expect(vmEnoughMemory(vm, mm, 1, true), "CAP_SYS_ADMIN may use the admin reserve").toBe(0);
    expect(vmEnoughMemory(vm, null, 2000, true), "no mm: no user reserve").toBe(0);
  });

  it("mode 2 matches the kernel's formula for any state", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_000_000 }), fc.integer({ min: 1, max: 500_000 }), fc.integer({ min: 0, max: 4_000_000 }), fc.boolean(), (pre, pages, totalVm, admin) => {
        const vm = machine();
        vm.overcommitMemory = 2;
        vm.committed = pre;
        const allowed = 750_000 - (admin ? 0 : 2048) - Math.min(Math.floor(totalVm / 32), 31_250);
        const ok = pre + pages < allowed;
        expect(vmEnoughMemory(vm, new AcctMm(1, totalVm), pages, admin)).toBe(ok ? 0 : ENOMEM);
        expect(vm.committed).toBe(ok ? pre + pages : pre);
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it("small machines get reserves of free kB / 32", () => {
    const vm = new VmAcct(4096, 0);
    expect([vm.adminReserveKbytes, vm.userReserveKbytes]).toEqual([512, 512]);
  });
});

describe("accountable mappings and MAP_NORESERVE", () => {
  it("charges private writable mappings only", () => {
    expect(accountableMapping(false, VM_WRITE)).toBe(true);
    expect(accountableMapping(false, 0x1)).toBe(false);
    expect(accountableMapping(false, VM_WRITE | VM_SHARED)).toBe(false);
    expect(accountableMapping(false, VM_WRITE | VM_NORESERVE)).toBe(false);
    expect(accountableMapping(true, VM_WRITE)).toBe(false);
  });

  it("honours MAP_NORESERVE except in mode 2 (hugetlbfs always)", () => {
    const rw = PROT_READ | PROT_WRITE;
    expect(mmapVmFlags(rw, MAP_PRIVATE | MAP_NORESERVE, 0, false) & VM_NORESERVE).toBe(VM_NORESERVE);
    expect(mmapVmFlags(rw, MAP_PRIVATE | MAP_NORESERVE, 2, false) & VM_NORESERVE).toBe(0);
    expect(mmapVmFlags(rw, MAP_PRIVATE | MAP_NORESERVE, 2, true) & VM_NORESERVE).toBe(VM_NORESERVE);
    expect(mmapVmFlags(rw, MAP_SHARED, 0, false)).toBe(0x1 | 0x2 | 0x8 | 0x80);
  });
});

describe("sysctls and /proc/meminfo", () => {
  it("rejects bad values and renders CommitLimit / Committed_AS in the kernel's format", () => {
    const vm = machine();
    expect(writeVmSysctl(vm, "overcommit_memory", 3)).toBe(-22);
    expect(writeVmSysctl(vm, "overcommit_ratio", -1)).toBe(-22);
    vm.committed = 12_345;
    expect(meminfoCommitLines(vmCommitLimit(vm), vm)).toBe("CommitLimit:     3000000 kB\nCommitted_AS:      49380 kB\n");
    vm.committed = -5;
    expect(meminfoCommitLines(0, vm)).toBe("CommitLimit:           0 kB\nCommitted_AS:          0 kB\n");
  });

  it("reference/index.ts re-exports every policy export", () => {
    const all = index as Record<string, unknown>;
    for (const mod of [acctMod, ocMod] as Record<string, unknown>[]) expect(Object.keys(mod).filter((k) => all[k] !== mod[k])).toEqual([]);
  });
});
