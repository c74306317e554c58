/**
 * Kernel-style assertions. A failed assertion throws a KernelBug whose message
 * names the function and the invariant, as `VM_BUG_ON_PAGE` would print it:
 * `"freeOnePage: pfn 0x41 not aligned to order 1"`.
 *
 * @see include/linux/mmdebug.h VM_BUG_ON
 */

export class KernelBug extends Error {
  override name = "KernelBug";
}

/**
 * Throws KernelBug(message). Hot paths write `if (cond) BUG(\`…\`)` so the
 * message is only built when the assertion fails.
 */
export function BUG(message: string): never {
  throw new KernelBug(message);
}

/** Throws KernelBug(message) when `condition` is true (message built eagerly: not for hot paths). */
export function BUG_ON(condition: boolean, message: string): void {
  if (condition) throw new KernelBug(message);
}

/** Formats a pfn as the kernel does in page dumps: lowercase hex with 0x. */
export function hexPfn(pfn: number): string {
  return "0x" + pfn.toString(16);
}
