/**
 * Seeded trace generators for the pgtable suite. Same seed, same traces.
 *
 *  - "va-split": index, offset, canonical-check and sign-extension queries over addresses
 *    that matter: user and kernel halves of 4- and 5-level paging, the edges of the
 *    non-canonical hole, and random 64-bit values (mostly non-canonical).
 *  - "walk": 4- or 5-level tables (params.levels: 4, 5 or "mixed") built by map ops in a
 *    few 1 GiB areas (user and kernel, 4 KiB / 2 MiB / 1 GiB leaves, random RW/US/NX/G
 *    and protection keys, some PROT_NONE entries), then walks — mostly inside mappings,
 *    some next to them, some random or non-canonical — with protect ops (RW/US/NX/P
 *    changes, reserved bits, PS set on a table pointer), A/D clearing, PKRU changes and
 *    more maps in between. The generator runs the reference binding as it goes, so a map
 *    is emitted only when it applies.
 */

import { Rng } from "../../../reference/core/rng.js";
import { _PAGE_GLOBAL, _PAGE_NX, _PAGE_PRESENT, _PAGE_PROTNONE, _PAGE_PSE, _PAGE_RW, _PAGE_USER, pkeyFlags } from "../../../reference/pgtable/pte.js";
import type { Op, TraceCase } from "../../runtime/protocol.js";
import { pgtableBinding, referenceImpl, SIZE_LEVEL, type PgtableSetup } from "./binding.js";

export type Generator = (rng: Rng, nOps: number, params: Record<string, unknown>) => TraceCase;

const hx = (v: bigint): string => `0x${v.toString(16)}`;

function randBits(rng: Rng, bits: number): bigint {
  let v = 0n;
  for (let b = 0; b < bits; b += 16) v = (v << 16n) | BigInt(rng.int(0x10000));
  return v & ((1n << BigInt(bits)) - 1n);
}

const U64 = (1n << 64n) - 1n;

/** An address from one of the regions that matter for splitting and canonical checks. */
function interestingVa(rng: Rng): bigint {
  switch (rng.weighted([25, 20, 15, 10, 15, 15])) {
    case 0: return randBits(rng, 47); // 4-level user half
    case 1: return U64 - randBits(rng, 47); // 4-level kernel half
    case 2: return randBits(rng, 56); // 5-level user half (mostly non-canonical with 4 levels)
    case 3: return U64 - randBits(rng, 56); // 5-level kernel half
    case 4: { // around the hole edges
      const edge = rng.pick([1n << 47n, 1n << 56n, U64 - (1n << 47n) + 1n, U64 - (1n << 56n) + 1n]);
      return (edge + BigInt(rng.range(-4096, 4096))) & U64;
    }
    default: return randBits(rng, 64);
  }
}

function vaSplitTrace(rng: Rng, nOps: number): TraceCase {
  const ops: Op[] = [];
  for (let i = 0; i < nOps; i++) {
    const va = hx(interestingVa(rng));
    const levels = rng.chance(0.5) ? 4 : 5;
    const kind = rng.weighted([30, 20, 20, 15, 15]);
    if (kind === 0) ops.push({ op: "pxIndex", level: rng.range(1, 5), va });
    else if (kind === 1) ops.push({ op: "pageOffset", level: rng.range(1, 3), va });
    else if (kind === 2) ops.push({ op: "isCanonical", va, levels });
    else if (kind === 3) ops.push({ op: "canonicalize", va, levels });
    else ops.push({ op: "split", va, levels });
  }
  return { setup: {}, ops };
}

interface Leaf { va: bigint; level: number }

const LEAF_SHIFT = [0n, 12n, 21n, 30n];
const SIZES = ["", "4k", "2m", "1g"];

function randomFlags(rng: Rng): bigint {
  let f = rng.chance(0.93) ? _PAGE_PRESENT : _PAGE_PROTNONE;
  if (rng.chance(0.6)) f |= _PAGE_RW;
  if (rng.chance(0.75)) f |= _PAGE_USER;
  if (rng.chance(0.4)) f |= _PAGE_NX;
  if (rng.chance(0.1)) f |= _PAGE_GLOBAL;
  if (rng.chance(0.25)) f |= pkeyFlags(rng.range(1, 3));
  return f;
}

/** A few 1 GiB-aligned areas, in the user and kernel halves, for maps to cluster in. */
function areas(rng: Rng, levels: number): bigint[] {
  const top = levels === 5 && rng.chance(0.5) ? 56 : 47;
  const out: bigint[] = [];
  for (let i = rng.range(2, 4); i > 0; i--) {
    const user = rng.chance(0.7);
    const base = randBits(rng, top - 30) << 30n;
    out.push(user ? base : U64 - (1n << BigInt(top)) + 1n + base);
  }
  return out;
}

function mapOp(rng: Rng, area: bigint): Op {
  const level = rng.weighted([0, 75, 18, 7]);
  const shift = LEAF_SHIFT[level]!;
  const slots = 1 << Number(30n - shift);
  const va = area + (BigInt(rng.int(Math.min(slots, 64))) << shift) + (level === 1 ? BigInt(rng.int(4)) << 21n : 0n);
  const pa = (randBits(rng, 46) >> shift) << shift;
  return { op: "map", va: hx(va), pa: hx(pa), size: SIZES[level]!, flags: hx(randomFlags(rng)) };
}

function walkVa(rng: Rng, leaves: Leaf[], levels: number): bigint {
  const kind = rng.weighted([65, 15, 12, 8]);
  if (kind <= 1 && leaves.length) {
    const l = rng.pick(leaves);
    const size = 1n << LEAF_SHIFT[l.level]!;
    const off = randBits(rng, Number(LEAF_SHIFT[l.level]!));
    return kind === 0 ? l.va + off : (l.va + size * BigInt(rng.range(1, 3)) + (off & 0xfffn)) & U64;
  }
  if (kind === 3) return randBits(rng, 64);
  const bits = levels === 5 ? 56 : 47;
  return rng.chance(0.5) ? randBits(rng, bits) : U64 - randBits(rng, bits);
}

function protectOp(rng: Rng, l: Leaf, levels: number): Op {
  const level = rng.range(l.level, levels);
  const choices: [bigint, bigint][] = [
    [0n, _PAGE_RW], [_PAGE_RW, 0n], [0n, _PAGE_USER], [_PAGE_USER, 0n], [_PAGE_NX, 0n], [0n, _PAGE_NX], [0n, _PAGE_PRESENT],
    [level >= 4 ? _PAGE_PSE : level >= 2 && level > l.level ? _PAGE_PSE : 1n << 13n, 0n],
  ];
  const [set, clear] = rng.pick(choices);
  return { op: "protect", va: hx(l.va), level, set: hx(set), clear: hx(clear) };
}

function accessOf(rng: Rng): Record<string, boolean> {
  const fetch = rng.chance(0.15);
  return { write: !fetch && rng.chance(0.4), user: rng.chance(0.7), fetch };
}

function walkTrace(rng: Rng, nOps: number, params: Record<string, unknown>): TraceCase {
  const levels = params.levels === 4 || params.levels === 5 ? params.levels : rng.chance(0.5) ? 4 : 5;
  const setup: PgtableSetup = { levels, pkru: rng.chance(0.5) ? 0 : rng.int(1 << 8) & 0xfc };
  const state = pgtableBinding.setup(setup);
  const results: unknown[] = [];
  const ops: Op[] = [];
  const leaves: Leaf[] = [];
  const zones = areas(rng, levels);
  const emit = (op: Op): unknown => {
    const r = pgtableBinding.apply(state, op, referenceImpl, results);
    results.push(r);
    ops.push(op);
    return r;
  };
  const tryMap = (): void => {
    const op = mapOp(rng, rng.pick(zones));
    if (String(pgtableBinding.apply(state, op, referenceImpl, [])).startsWith("refused")) return;
    results.push(null);
    ops.push(op);
    leaves.push({ va: BigInt(op.va as string), level: SIZE_LEVEL[op.size as string]! });
  };
  const initial = Math.min(Math.floor(nOps / 4), rng.range(8, 24));
  for (let tries = 0; ops.length < initial && tries < 200; tries++) tryMap();
  while (ops.length < nOps) {
    const k = rng.weighted([72, 8, 4, 3, 6]);
    if (k === 0) emit({ op: "walk", va: hx(walkVa(rng, leaves, levels)), access: accessOf(rng) });
    else if (k === 1 && leaves.length) emit(protectOp(rng, rng.pick(leaves), levels));
    else if (k === 2) emit({ op: "clearAccessed" });
    else if (k === 3) emit({ op: "pkru", value: rng.int(1 << 8) & 0xfc });
    else tryMap();
  }
  return { setup, ops };
}

export const generators: Record<string, Generator> = {
  "va-split": (rng, n) => vaSplitTrace(rng, n),
  walk: (rng, n, p) => walkTrace(rng, n, p),
};
