/**
 * Colours for the CLI's own text: only on a TTY, NO_COLOR and FORCE_COLOR
 * honoured. (picocolors on its own also turns colour on whenever CI is set,
 * which puts escape codes into CI logs and captured output.)
 */

import picocolors from "picocolors";
import { wantsColor } from "../report/render/terminal.js";

/** For text written to stdout. */
export const pc = picocolors.createColors(wantsColor(process.stdout));
/** For text written to stderr (errors, hints). */
export const pcErr = picocolors.createColors(wantsColor(process.stderr));
