/**
 * Option parsers shared by commands: integers in a range, enums. A bad value
 * is a usage error that names the flag and the accepted range.
 */

import { InvalidArgumentError } from "commander";

/** Parser for an integer flag within [min, max]. */
export function intInRange(flag: string, min: number, max: number): (v: string) => number {
  return (v: string) => {
    if (!/^-?\d+$/.test(v.trim())) throw new InvalidArgumentError(`${flag} must be an integer from ${min} to ${max}, got "${v}"`);
    const n = Number(v);
    if (!Number.isSafeInteger(n) || n < min || n > max) throw new InvalidArgumentError(`${flag} must be from ${min} to ${max}, got ${v}`);
    return n;
  };
}

/** Parser for a repeatable string flag. */
export function collect(v: string, prev: string[] = []): string[] {
  return [...prev, v];
}
