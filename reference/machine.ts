/**
 * A whole machine: NUMA nodes, each with its zones (DMA, DMA32, Normal,
 * Movable, as present), booted from a description of its memory map.
 *
 * What Linux does at boot, and what bootMachine() repeats per zone:
 *   1. The zone spans [zone_start_pfn, zone_start_pfn + spanned_pages); the
 *      RAM inside it (memblock.memory, from the e820 map) is `present`, the
 *      rest are holes (PCI hole, BIOS areas).
 *   2. memmap_init sets every pageblock whose first pfn is RAM to
 *      MIGRATE_MOVABLE; the others keep the zeroed pageblock bitmap, i.e.
 *      MIGRATE_UNMOVABLE (so DMA's first pageblock, whose pfn 0 is not RAM,
 *      shows up as "Unmovable" in /proc/pagetypeinfo on real machines).
 *   3. memblock_free_all frees RAM minus memblock.reserved (kernel image,
 *      the first MiB, swiotlb, the memmap itself...) with
 *      __free_pages_memory; managed_pages counts exactly the pages freed.
 *
 * Invariants after bootMachine(): zone.presentPages = RAM pages in the span;
 * zone.managedPages = NR_FREE_PAGES = pages freed; every free block is RAM
 * and not reserved; every other page of the span is PG_reserved.
 *
 * Differences from Linux: no deferred struct-page init, no early
 * allocations after memblock (boot ends with every managed page free), no
 * per-CPU lists; memory ranges are given per zone (the kernel's memblock
 * ranges may cross zone boundaries; x86 zone boundaries are MAX_PAGE_ORDER
 * aligned, so the boot free order is the same).
 *
 * @see mm/mm_init.c free_area_init, memmap_init, memmap_init_range
 * @see mm/memblock.c memblock_free_all, free_low_memory_core_early
 */

import { BUG_ON } from "./core/assert.js";
import { MIGRATE_MOVABLE, MIGRATE_UNMOVABLE, pageblock_nr_pages, zone_names } from "./core/constants.js";
import { zoneInitFree, type PfnRange } from "./zone/init.js";
import { Zone } from "./zone/zone.js";

/** The zone types a machine may have, spelled as /proc prints them. @see mm/page_alloc.c zone_names */
export type ZoneTypeName = "DMA" | "DMA32" | "Normal" | "Movable";

/**
 * One zone as firmware and memblock describe it at boot.
 * @see mm/mm_init.c calculate_node_totalpages (spanned, present)
 */
export interface ZoneSpec {
  type: ZoneTypeName;
  zoneStartPfn: number;
  spannedPages: number;
  /** RAM inside the span (memblock.memory); default: the whole span. */
  memory?: PfnRange[];
  /** memblock.reserved inside the span: RAM that never reaches the buddy allocator. */
  reserved?: PfnRange[];
  /** Declared counts; when given, bootMachine checks them against memory and reserved. */
  presentPages?: number;
  managedPages?: number;
}

/** A NUMA node's zones. @see include/linux/mmzone.h struct pglist_data */
export interface NodeSpec {
  nid: number;
  /** In zone-type order. */
  zones: ZoneSpec[];
}

/** A machine's memory map: what `mmkata sim` scenarios and presets describe. @see mm/mm_init.c free_area_init */
export interface MachineConfig {
  name: string;
  description?: string;
  nodes: NodeSpec[];
}

/** A booted node. @see include/linux/mmzone.h struct pglist_data */
export interface MachineNode {
  nid: number;
  /** The node's populated zones, in zone-type order. */
  zones: Zone[];
}

/** A RAM range and the zone it belongs to. @see include/linux/memblock.h struct memblock_region */
export interface MemoryRange extends PfnRange {
  zone: Zone;
}

/** A booted machine. @see include/linux/numa.h NODE_DATA */
export interface Machine {
  config: MachineConfig;
  nodes: MachineNode[];
  /** Every zone, node by node, in zone-type order: the order /proc walks them. */
  zones: Zone[];
  /** All RAM, ascending. */
  memory: MemoryRange[];
}

/** Pages in a list of disjoint ranges. @see mm/memblock.c __free_memory_core (its return value) */
export function rangesPages(ranges: readonly PfnRange[]): number {
  return ranges.reduce((n, r) => n + (r.end - r.start), 0);
}

/**
 * `ranges` with every pfn in `remove` taken out (both sorted, disjoint):
 * memblock.memory minus memblock.reserved, the free ranges boot releases.
 * @see include/linux/memblock.h for_each_free_mem_range
 */
export function subtractRanges(ranges: readonly PfnRange[], remove: readonly PfnRange[]): PfnRange[] {
  const out: PfnRange[] = [];
  for (const r of ranges) {
    let start = r.start;
    for (const x of remove) {
      if (x.end <= start || x.start >= r.end) continue;
      if (x.start > start) out.push({ start, end: x.start });
      start = Math.max(start, x.end);
    }
    if (start < r.end) out.push({ start, end: r.end });
  }
  return out;
}

function checkRanges(what: string, ranges: readonly PfnRange[], lo: number, hi: number): PfnRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  let prev = lo;
  for (const r of sorted) {
    BUG_ON(!Number.isInteger(r.start) || !Number.isInteger(r.end) || r.start >= r.end, `bootMachine: ${what}: bad range [${r.start}, ${r.end})`);
    BUG_ON(r.start < prev || r.end > hi, `bootMachine: ${what}: [${r.start}, ${r.end}) overlaps or lies outside [${lo}, ${hi})`);
    prev = r.end;
  }
  return sorted;
}

/**
 * memmap_init for one zone: MIGRATE_MOVABLE for every pageblock whose
 * (aligned) first pfn is RAM in the zone; other pageblocks stay UNMOVABLE.
 * @see mm/mm_init.c memmap_init_range
 */
export function memmapInitPageblocks(zone: Zone, memory: readonly PfnRange[]): void {
  zone.pageblockMt.fill(MIGRATE_UNMOVABLE);
  for (const r of memory) {
    const first = Math.ceil(r.start / pageblock_nr_pages) * pageblock_nr_pages;
    for (let pfn = first; pfn < r.end; pfn += pageblock_nr_pages) zone.pageblockMt[zone.pageblockIdx(pfn)] = MIGRATE_MOVABLE;
  }
}

/**
 * Build and boot one zone: memmap init, then free RAM minus reserved as
 * memblock does. Sets presentPages and managedPages; checks declared ones.
 * @see mm/mm_init.c memmap_init_zone_range
 * @see mm/memblock.c __free_memory_core
 */
export function bootZone(spec: ZoneSpec, nid: number): { zone: Zone; memory: PfnRange[] } {
  const zoneIdx = zone_names.indexOf(spec.type);
  BUG_ON(zoneIdx < 0, `bootMachine: unknown zone type ${spec.type}`);
  const lo = spec.zoneStartPfn;
  const hi = spec.zoneStartPfn + spec.spannedPages;
  const memory = checkRanges(`${spec.type} memory`, spec.memory ?? [{ start: lo, end: hi }], lo, hi);
  const reserved = checkRanges(`${spec.type} reserved`, spec.reserved ?? [], lo, hi);
  const present = rangesPages(memory);
  const free = subtractRanges(memory, reserved);
  const managed = rangesPages(free);
  BUG_ON(spec.presentPages !== undefined && spec.presentPages !== present, `bootMachine: ${spec.type} declares present ${spec.presentPages}, memory holds ${present}`);
  BUG_ON(spec.managedPages !== undefined && spec.managedPages !== managed, `bootMachine: ${spec.type} declares managed ${spec.managedPages}, ${managed} pages are free to manage`);
  const zone = new Zone({ name: spec.type, nid, zoneStartPfn: lo, spannedPages: spec.spannedPages, presentPages: present, managedPages: managed });
  memmapInitPageblocks(zone, memory);
  zoneInitFree(zone, free);
  return { zone, memory };
}

/**
 * Boot a machine from its description: every zone built, its pageblocks
 * initialised and its free RAM handed to the buddy allocator.
 * Throws KernelBug on an inconsistent config (overlapping zones or ranges,
 * zones out of type order, declared counts that do not match the ranges).
 * @see mm/mm_init.c free_area_init
 * @see mm/memblock.c memblock_free_all
 */
export function bootMachine(config: MachineConfig): Machine {
  const nodes: MachineNode[] = [];
  const memory: MemoryRange[] = [];
  for (const node of config.nodes) {
    const zones: Zone[] = [];
    let lastType = -1;
    for (const spec of node.zones) {
      const t = zone_names.indexOf(spec.type);
      BUG_ON(t <= lastType, `bootMachine: node ${node.nid}: zone ${spec.type} out of zone-type order`);
      lastType = t;
      const booted = bootZone(spec, node.nid);
      if (booted.zone.presentPages > 0) zones.push(booted.zone);
      for (const r of booted.memory) memory.push({ ...r, zone: booted.zone });
    }
    nodes.push({ nid: node.nid, zones });
  }
  memory.sort((a, b) => a.start - b.start);
  for (let i = 1; i < memory.length; i++) {
    BUG_ON(memory[i]!.start < memory[i - 1]!.end, `bootMachine: RAM of ${memory[i]!.zone.name} overlaps ${memory[i - 1]!.zone.name}`);
  }
  return { config, nodes, zones: nodes.flatMap((n) => n.zones), memory };
}

/**
 * pfn_to_online_page() then page_zone(): the zone whose memmap holds pfn, or
 * null if pfn has no online struct page. A pfn is online when its 2 MiB
 * subsection holds some RAM (sparse_init_subsection_map); a hole page's
 * struct page belongs to the zone of the next RAM above it, and a trailing
 * hole to the last node's highest zone (memmap_init, init_unavailable_range).
 * @see mm/memory_hotplug.c pfn_to_online_page
 * @see mm/mm_init.c memmap_init
 */
export function pageZone(machine: Machine, pfn: number): Zone | null {
  const sub = pfn - (pfn % pageblock_nr_pages);
  const mem = machine.memory;
  if (!mem.some((r) => r.start < sub + pageblock_nr_pages && r.end > sub)) return null;
  for (const r of mem) if (r.end > pfn) return r.zone;
  const lastNode = machine.nodes[machine.nodes.length - 1];
  return lastNode?.zones[lastNode.zones.length - 1] ?? null;
}

/** The machine's zone of the given type on node nid, or undefined. @see include/linux/mmzone.h struct pglist_data node_zones */
export function machineZone(machine: Machine, type: ZoneTypeName, nid = 0): Zone | undefined {
  return machine.zones.find((z) => z.name === type && z.nid === nid);
}

/** Zones of one node, or of the single-node layout most presets use. */
function oneNode(...zones: ZoneSpec[]): NodeSpec[] {
  return [{ nid: 0, zones }];
}

/**
 * A typical 4 GiB x86-64 laptop (pfns in hex, 4 KiB pages):
 *   e820 RAM: 0x1-0x9f (pfn 0 trimmed by trim_bios_range; 0x9f-0x100 is
 *   EBDA/VGA/BIOS ROM), 0x100-0xa6b6e, 0xa6b70-0xb9cff (two pages of ACPI NVS
 *   between), 0xbcdff (one stray page after the ACPI tables), then the
 *   graphics stolen memory and the PCI hole up to 4 GiB, and 0x100000-0x13f800
 *   remapped above 4 GiB.
 *   reserved: the first MiB (reserve_real_mode), the kernel image at 16 MiB
 *   (44 MiB), a 64 MiB swiotlb bounce buffer at the top of low RAM, and at the
 *   top of RAM the 64 MiB memmap (struct pages, 2 MiB aligned) below which
 *   percpu areas, page tables and other early allocations sit.
 */
const laptop4g: MachineConfig = {
  name: "laptop-4g",
  description: "4 GiB x86-64 laptop: DMA, DMA32 with the PCI hole, 1 GiB of Normal above 4 GiB",
  nodes: oneNode(
    {
      type: "DMA", zoneStartPfn: 0x1, spannedPages: 4095, presentPages: 3998, managedPages: 3840,
      memory: [{ start: 0x1, end: 0x9f }, { start: 0x100, end: 0x1000 }],
      reserved: [{ start: 0x1, end: 0x100 }],
    },
    {
      type: "DMA32", zoneStartPfn: 0x1000, spannedPages: 0x100000 - 0x1000, presentPages: 756990, managedPages: 729342,
      memory: [{ start: 0x1000, end: 0xa6b6e }, { start: 0xa6b70, end: 0xb9cff }, { start: 0xbcdff, end: 0xbce00 }],
      reserved: [{ start: 0x1000, end: 0x3c00 }, { start: 0xb5cff, end: 0xb9cff }],
    },
    {
      type: "Normal", zoneStartPfn: 0x100000, spannedPages: 0x3f800, presentPages: 260096, managedPages: 243104,
      reserved: [{ start: 0x13b5a0, end: 0x13f800 }],
    },
  ),
};

/** One 16 MiB Normal zone at pfn 0, all RAM, nothing reserved: for tests. */
const tiny: MachineConfig = {
  name: "tiny",
  description: "one 16 MiB Normal zone at pfn 0 (4096 pages), all free",
  nodes: oneNode({ type: "Normal", zoneStartPfn: 0, spannedPages: 4096, presentPages: 4096, managedPages: 4096 }),
};

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** Machine descriptions by name (frozen: copy one to change it). @see arch/x86/kernel/e820.c e820__memblock_setup */
export const presets: Readonly<Record<string, MachineConfig>> = deepFreeze({ "laptop-4g": laptop4g, tiny });

/** The names of the presets, for CLI choices and scenario validation. @see mm/mm_init.c free_area_init */
export const machinePresetNames: readonly string[] = Object.keys(presets);
