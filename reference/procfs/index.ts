/**
 * /proc renderers: text byte-compatible with the kernel's seq_file output,
 * computed from the simulator's state. Renderers only read; they never change
 * a zone.
 *
 * @see mm/vmstat.c
 */

export { padLeft, padRight, populatedZone, buddyinfoLine, renderBuddyinfo } from "./buddyinfo.js";
export {
  PAGETYPEINFO_FREE_CAP,
  type PageZoneFn,
  type PagetypeinfoOptions,
  freeListCount,
  pagetypeinfoFreeLines,
  pageblockCounts,
  pagetypeinfoBlockLine,
  pagetypeinfoNode,
  renderPagetypeinfo,
} from "./pagetypeinfo.js";
export {
  type ZoneinfoSource,
  zoneinfoHeader,
  zoneinfoWatermarkLines,
  zoneinfoDeviceLines,
  renderZoneinfoWatermarks,
} from "./zoneinfo.js";
