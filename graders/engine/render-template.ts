/**
 * Handlebars, the one way mmkata renders a text file from a template.
 *
 * Every template under templates/ is compiled in strict mode, so a variable the
 * template names but the view lacks is an error, never an empty string. Views
 * are passed through JSON first: a key whose value is `undefined` counts as
 * missing (optional values must be `null` on purpose). Output is plain text,
 * not HTML, so nothing is escaped; use {{json x}} to write a JSON string.
 *
 * Who calls it: stubs.ts (solution stubs) and `mmkata start` (workspace files).
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import Handlebars from "handlebars";
import { TEMPLATES_DIR } from "./paths.js";

const hb = Handlebars.create();
hb.registerHelper("json", (value: unknown) => JSON.stringify(value));

const cache = new Map<string, Handlebars.TemplateDelegate>();

/** Render template source `src` strictly; `name` labels errors (a file name). */
export function renderString(src: string, view: object, name = "template"): string {
  let template = cache.get(src);
  if (!template) {
    template = hb.compile(src, { strict: true, noEscape: true });
    cache.set(src, template);
  }
  try {
    return template(JSON.parse(JSON.stringify(view)) as object);
  } catch (e) {
    throw new Error(`${name}: ${(e as Error).message}`, { cause: e });
  }
}

/**
 * Render `templates/<relPath>` with `view`. A missing template file or a
 * missing variable throws (both are bugs in the kit, not user errors).
 */
export function renderTemplate(relPath: string, view: object, dir: string = TEMPLATES_DIR): string {
  const file = join(dir, relPath);
  return renderString(readFileSync(file, "utf8"), view, file);
}
