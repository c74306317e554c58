/** The report as JSON: the schema-valid document itself, pretty-printed. */

import type { Report } from "../report-types.js";

export function renderJson(report: Report): string {
  return JSON.stringify(report, null, 2) + "\n";
}
