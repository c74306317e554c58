/**
 * Take-home bundles (`mmkata assign`) and grading them back with the
 * interviewer's key (`mmkata grade <bundle> --key-file F`).
 *
 * A bundle is a folder (and a .zip of it next to it):
 *   README.md                 rules and the time box (templates/takehome/README.md.hbs)
 *   .mmkata-assignment.json   {format, candidate, exercises, assignedAt, bundleId, kitVersion, keyId, seedSource, timeBoxMinutes}
 *   <slug>/                   one workspace per kata, exactly as `mmkata start` writes it
 * It holds no hidden case file, no reference source, no key and no seed: the
 * seed is HMAC(key, candidate, slug) (signing.ts), or an explicit --seed the
 * interviewer keeps. bundleId hashes everything but assignedAt, so the same
 * assignment gives the same id whenever it is built.
 */

import { createHash } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import yazl from "yazl";
import { EXIT_BELOW_MIN_SCORE, EXIT_OK, inputError, usageError } from "../cli/errors.js";
import { workspaceFiles } from "../cli/commands/start.js";
import { validateAgainst } from "./ajv.js";
import { loadExercise } from "./catalog.js";
import { extractArchive } from "./archive.js";
import { KIT_VERSION } from "./paths.js";
import { renderTemplate } from "./render-template.js";
import { emitFormats } from "../report/render/emit.js";
import type { Format } from "../report/render/index.js";
import type { Report } from "../report/report-types.js";
import { canonicalJson, deriveSeed, keyId, readKeyFile, writeSignedReport } from "./signing.js";
import { MANIFEST, readManifest } from "./workspace.js";

export const ASSIGNMENT = ".mmkata-assignment.json";

export interface Assignment {
  format: "mmkata-assignment-v1";
  candidate: string;
  exercises: string[];
  /** ISO time; not part of bundleId */
  assignedAt: string;
  bundleId: string;
  kitVersion: string;
  /** fingerprint of the interviewer's key, or null when the seed was given explicitly */
  keyId: string | null;
  seedSource: "key" | "explicit";
  timeBoxMinutes: number;
}

export interface AssignOptions {
  exercises: string[];
  candidate: string;
  out: string;
  key?: Buffer;
  seed?: number;
  now?: Date;
  force?: boolean;
  /** catalog root (tests) */
  root?: string;
}

export interface AssignResult {
  dir: string;
  zip: string;
  assignment: Assignment;
  /** slug → seed, for the interviewer's eyes only (never written to the bundle) */
  seeds: Record<string, number>;
}

const CANDIDATE_RE = /^[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}$/;

/** A candidate id safe in file names and commands. */
export function checkCandidate(id: string): string {
  if (!CANDIDATE_RE.test(id)) throw usageError(`--candidate "${id}": use 1–64 letters, digits and . _ @ + - (starting with a letter or digit)`);
  return id;
}

/** Sum of the kata's minutes, rounded up to the next quarter hour. */
export function timeBox(minutes: readonly number[]): number {
  return Math.ceil(minutes.reduce((s, m) => s + m, 0) / 15) * 15;
}

function formatMinutes(m: number): string {
  const h = Math.floor(m / 60);
  return h ? `${h} h${m % 60 ? ` ${m % 60} min` : ""}` : `${m} min`;
}

/** Every file of the bundle except the manifest: [relative path, content]. */
function bundleFiles(o: AssignOptions, total: number): [string, string][] {
  const files: [string, string][] = [];
  const kata = o.exercises.map((slug) => loadExercise(slug, o.root));
  for (const ex of kata) for (const [name, content] of workspaceFiles(ex, "ts")) files.push([`${ex.slug}/${name}`, content]);
  const view = { candidate: o.candidate, timeBox: formatMinutes(total), kata: kata.map((ex) => ({ slug: ex.slug, title: ex.title, minutes: ex.minutes })) };
  files.push(["README.md", renderTemplate(join("takehome", "README.md.hbs"), view)]);
  return files.sort(([a], [b]) => (a < b ? -1 : 1));
}

function checkOut(dir: string, force: boolean): void {
  if (existsSync(dir) && readdirSync(dir).length > 0 && !force) throw usageError(`${dir} already exists and is not empty`, "choose another --out folder, or pass --force");
}

/** Build the bundle folder and its zip; see the file header. */
export async function assign(o: AssignOptions): Promise<AssignResult> {
  checkCandidate(o.candidate);
  if (!o.exercises.length) throw usageError("--exercises: name at least one kata", "see `mmkata list`");
  if (new Set(o.exercises).size !== o.exercises.length) throw usageError(`--exercises ${o.exercises.join(",")}: a kata is named twice`);
  if (!o.key && o.seed === undefined) throw usageError("assign needs --key-file (per-candidate seeds from your key) or --seed", "create a key once with `mmkata keygen --out interviewer.key`");
  const dir = resolve(o.out);
  checkOut(dir, o.force ?? false);
  const minutes = o.exercises.map((s) => loadExercise(s, o.root).minutes);
  const total = timeBox(minutes);
  const files = bundleFiles(o, total);
  const hashed = { candidate: o.candidate, exercises: o.exercises, kitVersion: KIT_VERSION, keyId: o.key ? keyId(o.key) : null, files: files.map(([p, c]) => [p, createHash("sha256").update(c).digest("hex")]) };
  const assignment: Assignment = {
    format: "mmkata-assignment-v1",
    candidate: o.candidate,
    exercises: o.exercises,
    assignedAt: (o.now ?? new Date()).toISOString(),
    bundleId: createHash("sha256").update(canonicalJson(hashed)).digest("hex").slice(0, 16),
    kitVersion: KIT_VERSION,
    keyId: hashed.keyId,
    seedSource: o.seed === undefined ? "key" : "explicit",
    timeBoxMinutes: total,
  };
  files.push([ASSIGNMENT, JSON.stringify(assignment, null, 2) + "\n"]);
  for (const [p, c] of files) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), c);
  }
  const zip = `${dir}.zip`;
  await writeZip(zip, files.map(([p, c]) => ({ path: `${basename(dir)}/${p}`, data: c })), o.now ?? new Date());
  const seeds = Object.fromEntries(o.exercises.map((s) => [s, o.seed ?? deriveSeed(o.key!, o.candidate, s)]));
  return { dir, zip, assignment, seeds };
}

export interface ZipEntry {
  path: string;
  data: string | Buffer;
  /** unix mode, default 0o644 */
  mode?: number;
}

/** Write a zip of the entries (sorted by path, one fixed mtime) with yazl. */
export function writeZip(file: string, entries: readonly ZipEntry[], mtime: Date): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const e of [...entries].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    zip.addBuffer(Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data), e.path, { mtime, mode: e.mode ?? 0o100644 });
  }
  zip.end();
  return new Promise((ok, fail) => {
    const out = createWriteStream(file);
    out.on("error", (err) => fail(inputError(`cannot write ${file}: ${err.message}`)));
    out.on("close", () => ok());
    zip.outputStream.pipe(out);
  });
}

const assignmentSchema = {
  type: "object",
  required: ["format", "candidate", "exercises", "bundleId", "seedSource"],
  properties: {
    format: { const: "mmkata-assignment-v1" },
    candidate: { type: "string", pattern: CANDIDATE_RE.source },
    exercises: { type: "array", minItems: 1, items: { type: "string", pattern: "^[a-z0-9-]+$" } },
    bundleId: { type: "string" },
    keyId: { type: ["string", "null"] },
    seedSource: { enum: ["key", "explicit"] },
  },
};

/** The assignment manifest in dir, if any; a malformed one is an input error. */
export function readAssignment(dir: string): Assignment | undefined {
  const file = join(dir, ASSIGNMENT);
  if (!existsSync(file)) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw inputError(`${file}: not valid JSON: ${(e as Error).message}`);
  }
  const problems = validateAgainst(assignmentSchema, data);
  if (problems.length) throw inputError(`${file} is not a take-home manifest:\n  - ${problems.join("\n  - ")}`);
  return data as Assignment;
}

export interface TakeHomeGradeOptions {
  keyFile: string;
  /** overrides (or stands in for) the manifest's candidate */
  candidate?: string;
  /** an explicit seed (when the assignment was made with --seed) */
  seed?: number;
  out?: string;
  format: Format[];
  minScore?: number;
  /** the kata of a bare folder without .mmkata.json */
  exercise?: string;
  log?: (s: string) => void;
}

/** Grades one workspace folder with a seed (the CLI passes its own gradeWorkspace). */
export type GradeOne = (dir: string, seed: number) => Promise<Report>;

interface Target {
  assignment?: Assignment;
  /** [slug, workspace folder, report folder relative to --out] */
  workspaces: [string, string, string][];
}

/** A returned bundle (grade every kata) or one workspace of it (its parent holds the manifest). */
function findTarget(path: string, exercise?: string): Target {
  const root = resolve(path);
  if (!existsSync(root)) throw usageError(`${path} does not exist`);
  const bundle = readAssignment(root);
  if (bundle) return { assignment: bundle, workspaces: bundle.exercises.map((s) => [s, join(root, s), s]) };
  const m = readManifest(root) ?? (exercise ? { slug: exercise } : undefined);
  if (!m) throw usageError(`${path} is neither a take-home bundle (${ASSIGNMENT}) nor a workspace (${MANIFEST})`, "pass the folder or .zip the candidate returned, or --exercise <slug> for a bare folder");
  const parent = readAssignment(dirname(root));
  if (parent && !parent.exercises.includes(m.slug)) throw inputError(`${path} is ${m.slug}, which the assignment in ${dirname(root)} does not list`);
  return { assignment: parent, workspaces: [[m.slug, root, "."]] };
}

function candidateOf(t: Target, given: string | undefined): string {
  const listed = t.assignment?.candidate;
  if (given && listed && given !== listed) throw usageError(`--candidate ${given}, but the bundle was assigned to ${listed}`, "drop --candidate to use the bundle's");
  const c = given ?? listed;
  if (!c) throw usageError("no candidate: this workspace has no take-home manifest", "pass --candidate <id> as you gave it to `mmkata assign`");
  return checkCandidate(c);
}

function seedFor(t: Target, key: Buffer, candidate: string, slug: string, explicit: number | undefined): number {
  if (explicit !== undefined) return explicit;
  if (t.assignment?.seedSource === "explicit") throw usageError("this bundle was assigned with an explicit --seed", "pass the same --seed to grade it");
  return deriveSeed(key, candidate, slug);
}

/** Grade a returned bundle or workspace with the interviewer's key; writes signed reports; returns the exit code. */
export async function gradeTakeHome(path: string, o: TakeHomeGradeOptions, gradeOne: GradeOne): Promise<number> {
  const unzipped = await unzipReturned(path);
  try {
    return await gradeTarget(unzipped ?? path, o, gradeOne);
  } finally {
    if (unzipped) rmSync(dirname(unzipped), { recursive: true, force: true });
  }
}

/**
 * A returned .zip is extracted (with the batch grader's safety caps: no
 * traversal, no links, size and entry limits) into a temporary folder; the
 * bundle inside it is graded. Returns that folder, or undefined for a folder.
 */
async function unzipReturned(path: string): Promise<string | undefined> {
  if (!/\.zip$/i.test(path) || !existsSync(path) || !statSync(path).isFile()) return undefined;
  const tmp = mkdtempSync(join(tmpdir(), "mmkata-takehome-"));
  const dest = join(tmp, "bundle");
  mkdirSync(dest);
  try {
    await extractArchive(path, dest);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw inputError(`cannot open ${path}: ${(e as Error).message}`);
  }
  const entries = readdirSync(dest).filter((n) => !n.startsWith("__MACOSX"));
  const only = entries.length === 1 ? join(dest, entries[0]!) : undefined;
  return only && statSync(only).isDirectory() && !existsSync(join(dest, ASSIGNMENT)) ? only : dest;
}

async function gradeTarget(path: string, o: TakeHomeGradeOptions, gradeOne: GradeOne): Promise<number> {
  const log = o.log ?? ((s: string) => process.stderr.write(s));
  const t = findTarget(path, o.exercise);
  const candidate = candidateOf(t, o.candidate);
  const key = readKeyFile(o.keyFile);
  if (t.assignment?.keyId && t.assignment.keyId !== keyId(key)) throw inputError(`${o.keyFile} is not the key this bundle was assigned with (bundle key ${t.assignment.keyId}, this key ${keyId(key)})`);
  if (!o.out) throw usageError("grading with --key-file needs --out DIR (signed report.json and report.json.sig go there)");
  let below = false;
  for (const [slug, dir, rel] of t.workspaces) {
    const report = await gradeOne(dir, seedFor(t, key, candidate, slug, o.seed));
    const outDir = resolve(o.out, rel);
    mkdirSync(outDir, { recursive: true });
    const [file, sig] = writeSignedReport(join(outDir, "report.json"), report, key, candidate);
    const others = o.format.filter((f) => f !== "json");
    if (others.length) emitFormats(report, { format: others, out: outDir + "/" });
    log(`${candidate} ${slug}: ${report.score.points}/${report.score.max} (${report.status}); signed report ${file} (+ ${basename(sig)})\n`);
    if (o.minScore !== undefined && report.score.points < o.minScore) below = true;
  }
  return below ? EXIT_BELOW_MIN_SCORE : EXIT_OK;
}
