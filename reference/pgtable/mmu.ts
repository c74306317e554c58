/**
 * What the MMU's page walker takes and gives: the paging registers, the kind of access,
 * and the outcome (a physical address, a #PF with its error code, or a #GP).
 *
 * #PF error code bits (arch/x86/include/asm/trap_pf.h, enum x86_pf_error_code):
 *   bit 0 P     0 = the entry was not present, 1 = a protection violation
 *   bit 1 W/R   the access was a write
 *   bit 2 U/S   the access came from user mode (CPL 3)
 *   bit 3 RSVD  a reserved bit was set in a paging-structure entry
 *   bit 4 I/D   the access was an instruction fetch
 *   bit 5 PK    the protection key (PKRU) forbade the data access
 * e.g. user read of an unmapped page 0x4, user write to a read-only page 0x7, user fetch
 * from an NX page 0x15, user read with the pkey's access-disable bit set 0x25.
 *
 * PKRU holds two bits per key: AD (bit 2k, access disable) and WD (bit 2k+1, write
 * disable).
 *
 * Differences from Linux/hardware: CR0.WP=1, EFER.NXE=1 and CR4.PKE=1 are fixed; SMEP,
 * SMAP, shadow stacks, SGX and PCID bits in CR3 are not modelled (CR3's low 12 bits are
 * ignored).
 */

export const X86_PF_PROT = 1 << 0;
export const X86_PF_WRITE = 1 << 1;
export const X86_PF_USER = 1 << 2;
export const X86_PF_RSVD = 1 << 3;
export const X86_PF_INSTR = 1 << 4;
export const X86_PF_PK = 1 << 5;

/** The paging registers the walker reads: CR3, CR4.LA57 and PKRU. @see arch/x86/include/asm/pkru.h read_pkru */
export class MmuRegs {
  /**
   * @param cr3 physical address of the top-level table (bits 51:12; low bits ignored)
   * @param la57 5-level paging when true, 4-level when false
   * @param pkru two bits per protection key: AD at bit 2k, WD at bit 2k+1
   */
  constructor(
    public cr3: bigint,
    public la57 = false,
    public pkru = 0,
  ) {}

  /** 4 or 5. */
  get levels(): number {
    return this.la57 ? 5 : 4;
  }
}

/** One memory access: a read, a write or an instruction fetch, from user or kernel mode. @see arch/x86/include/asm/trap_pf.h */
export class Access {
  constructor(
    readonly write: boolean,
    readonly user: boolean,
    readonly fetch = false,
  ) {
    if (write && fetch) throw new RangeError("Access: an access is a write or a fetch, not both");
  }

  /** The W/R, U/S and I/D bits of a #PF error code for this access. */
  get errorBits(): number {
    return (this.write ? X86_PF_WRITE : 0) | (this.user ? X86_PF_USER : 0) | (this.fetch ? X86_PF_INSTR : 0);
  }
}

/** The outcome of a walk. Build one with WalkResult.ok / pageFault / generalProtection. @see arch/x86/mm/fault.c exc_page_fault */
export class WalkResult {
  private constructor(
    readonly kind: "ok" | "pf" | "gp",
    /** the physical address (kind "ok"), else 0n */
    readonly pa: bigint,
    /** the #PF error code (kind "pf"), else 0 */
    readonly errorCode: number,
  ) {}

  /** Translation succeeded: the access goes to physical address `pa`. */
  static ok(pa: bigint): WalkResult {
    return new WalkResult("ok", pa, 0);
  }

  /** A page fault (#PF, vector 14) with its error code. */
  static pageFault(errorCode: number): WalkResult {
    return new WalkResult("pf", 0n, errorCode);
  }

  /** A general-protection fault (#GP, vector 13): the address was not canonical. */
  static generalProtection(): WalkResult {
    return new WalkResult("gp", 0n, 0);
  }

  toString(): string {
    return describeWalkResult(this);
  }
}

/** "pa 0x1234", "#PF 0x7" or "#GP"; anything that is not a WalkResult is described as such. @see arch/x86/mm/fault.c show_fault_oops */
export function describeWalkResult(r: unknown): string {
  if (!(r instanceof WalkResult)) return `not a WalkResult (${r === null ? "null" : typeof r})`;
  if (r.kind === "ok") return typeof r.pa === "bigint" ? `pa 0x${r.pa.toString(16)}` : `pa of type ${typeof r.pa}`;
  if (r.kind === "pf") return `#PF 0x${(r.errorCode >>> 0).toString(16)}`;
  return "#GP";
}
