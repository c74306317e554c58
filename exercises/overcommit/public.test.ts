import { describe, it, expect } from "vitest";
import { VmAcct, AcctMm, ENOMEM, PROT_READ, PROT_WRITE, MAP_PRIVATE, MAP_SHARED, MAP_NORESERVE, VM_WRITE, VM_SHARED, VM_NORESERVE } from "mmkata/kata";
import { vmCommitLimit, vmEnoughMemory, accountableMapping, mmapVmFlags } from "./solution";

/** The worked example's machine: 1,000,000 pages of RAM, 250,000 of swap. */
const machine = (mode = 0): VmAcct => {
  const vm = new VmAcct(1_000_000, 250_000);
  vm.overcommitMemory = mode;
  return vm;
};

describe("vmCommitLimit", () => {
  it("is RAM × ratio / 100 + swap", () => {
    expect(vmCommitLimit(machine())).toBe(750_000);
  });

  it("leaves hugetlb pages out and prefers overcommit_kbytes when set", () => {
    const vm = machine();
    vm.hugetlbPages = 1000;
    expect(vmCommitLimit(vm), "(999,000 × 50 / 100) + 250,000").toBe(749_500);
    vm.overcommitKbytes = 4_000_003;
    expect(vmCommitLimit(vm), "4,000,003 kB is 1,000,000 pages").toBe(1_250_000);
  });
});

describe("vmEnoughMemory", () => {
  it("mode 0: one request of RAM + swap passes, one page more fails", () => {
    const vm = machine(0);
    expect(vmEnoughMemory(vm, null, 1_250_000, false)).toBe(0);
    expect(vmEnoughMemory(vm, null, 1_250_001, false)).toBe(ENOMEM);
    expect(vm.committed, "the refused request was taken back").toBe(1_250_000);
  });

  it("mode 1: everything passes and is counted", () => {
    const vm = machine(1);
    expect(vmEnoughMemory(vm, null, 10_000_000, false)).toBe(0);
    expect(vm.committed).toBe(10_000_000);
  });

  it("mode 2: the worked example's boundary, 745,951 passes and 745,952 fails", () => {
    const mm = new AcctMm(1, 64_000);
    const vm = machine(2);
    expect(vmEnoughMemory(vm, mm, 745_952, false)).toBe(ENOMEM);
    expect(vm.committed, "nothing left behind").toBe(0);
    expect(vmEnoughMemory(vm, mm, 745_951, false)).toBe(0);
  });

  it("mode 2: CAP_SYS_ADMIN may dip into the admin reserve", () => {
    const vm = machine(2);
    expect(vmEnoughMemory(vm, new AcctMm(1, 64_000), 745_951, false)).toBe(0);
    expect(vmEnoughMemory(vm, new AcctMm(1, 64_000), 1, false)).toBe(ENOMEM);
    expect(vmEnoughMemory(vm, new AcctMm(1, 64_000), 2048, true)).toBe(0);
  });
});

describe("accountable mappings", () => {
  it("charges private writable mappings only", () => {
    expect(accountableMapping(false, VM_WRITE)).toBe(true);
    expect(accountableMapping(false, VM_WRITE | VM_SHARED)).toBe(false);
    expect(accountableMapping(false, VM_WRITE | VM_NORESERVE)).toBe(false);
    expect(accountableMapping(true, VM_WRITE), "hugetlbfs").toBe(false);
  });

  it("ignores MAP_NORESERVE in mode 2", () => {
    const rw = PROT_READ | PROT_WRITE;
    expect(mmapVmFlags(rw, MAP_PRIVATE | MAP_NORESERVE, 0, false) & VM_NORESERVE).toBe(VM_NORESERVE);
    expect(mmapVmFlags(rw, MAP_PRIVATE | MAP_NORESERVE, 2, false) & VM_NORESERVE).toBe(0);
    expect(mmapVmFlags(rw, MAP_SHARED, 0, false), "VM_READ|VM_WRITE|VM_SHARED|VM_MAYSHARE").toBe(0x8b);
  });
});
