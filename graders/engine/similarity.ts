/**
 * Token-based similarity between submissions of one kata (MOSS-style).
 *
 * 1. Tokenise with the TypeScript scanner (TS and JS alike): comments and
 *    whitespace are dropped; every identifier becomes `id`, every number
 *    `num`, every string or template piece `str`; keywords and punctuation
 *    stay as they are. Renaming variables or reformatting changes nothing.
 * 2. Hash every k-gram of tokens (k = 6 by default, FNV-1a) and winnow: keep
 *    the smallest hash of each window of w = 4 consecutive k-grams (Schleimer,
 *    Wilkerson, Aiken 2003), so any shared run of k + w - 1 tokens is found.
 * 3. Remove every k-gram of the starter code (the generated stub): text all
 *    submissions were given is not evidence of copying.
 * 4. Score a pair by the Jaccard index of their fingerprint sets: 1 for the
 *    same token stream, 0 for nothing in common (or nothing but starter code).
 *
 * Who calls it: grade-batch, per kata (see docs/authoring.md, "Similarity").
 */

import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";

export interface SimilarityOptions {
  /** the starter code (generated stub) whose k-grams are excluded */
  starter?: string;
  /** tokens per k-gram */
  k?: number;
  /** winnowing window, in k-grams */
  window?: number;
}

export interface Submission {
  id: string;
  source: string;
}

export interface Pair {
  a: string;
  b: string;
  /** Jaccard index of the two fingerprint sets, 0..1 */
  score: number;
}

export interface SimilarityMatrix {
  ids: string[];
  /** every unordered pair once (a before b in `ids` order), in that order */
  pairs: Pair[];
  /** each submission's score against the reference solution, when one was given */
  reference: Record<string, number>;
}

const K = 6;
const WINDOW = 4;

/** Normalised tokens of TS/JS source: identifiers → id, numbers → num, strings → str. */
export function tokenize(source: string): string[] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, source);
  const out: string[] = [];
  const templates: number[] = []; // brace depth at each open `${`
  let depth = 0;
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.CloseBraceToken && templates.at(-1) === depth) {
      kind = scanner.reScanTemplateToken(false);
      if (kind === ts.SyntaxKind.TemplateTail) templates.pop();
    } else if (kind === ts.SyntaxKind.OpenBraceToken) depth++;
    else if (kind === ts.SyntaxKind.CloseBraceToken) depth--;
    if (kind === ts.SyntaxKind.TemplateHead) templates.push(depth);
    out.push(normalise(kind));
  }
  return out;
}

function normalise(kind: ts.SyntaxKind): string {
  if (kind === ts.SyntaxKind.Identifier || kind === ts.SyntaxKind.PrivateIdentifier) return "id";
  if (kind === ts.SyntaxKind.NumericLiteral || kind === ts.SyntaxKind.BigIntLiteral) return "num";
  if (kind >= ts.SyntaxKind.StringLiteral && kind <= ts.SyntaxKind.TemplateTail) return "str";
  return ts.tokenToString(kind) ?? ts.SyntaxKind[kind] ?? String(kind);
}

/** FNV-1a, 32 bits, of a k-gram's tokens. */
function hash(tokens: readonly string[], from: number, k: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < from + k; i++) {
    const t = tokens[i]!;
    for (let j = 0; j < t.length; j++) h = Math.imul(h ^ t.charCodeAt(j), 0x01000193);
    h = Math.imul(h ^ 0x20, 0x01000193);
  }
  return h >>> 0;
}

/** Every k-gram hash of a token list (what the starter contributes). */
function kgrams(tokens: readonly string[], k: number): number[] {
  const out: number[] = [];
  for (let i = 0; i + k <= tokens.length; i++) out.push(hash(tokens, i, k));
  return out;
}

/** Winnowed fingerprints: the rightmost minimum of each window of `w` hashes. */
export function winnow(hashes: readonly number[], w: number): Set<number> {
  const picked = new Set<number>();
  if (hashes.length <= w) return new Set(hashes);
  for (let start = 0; start + w <= hashes.length; start++) {
    let best = start;
    for (let i = start + 1; i < start + w; i++) if (hashes[i]! <= hashes[best]!) best = i;
    picked.add(hashes[best]!);
  }
  return picked;
}

/** The fingerprint set of `source`, with the starter's k-grams removed. */
export function fingerprint(source: string, opts: SimilarityOptions = {}): Set<number> {
  const k = opts.k ?? K;
  const prints = winnow(kgrams(tokenize(source), k), opts.window ?? WINDOW);
  if (opts.starter !== undefined) for (const h of kgrams(tokenize(opts.starter), k)) prints.delete(h);
  return prints;
}

/** Jaccard index of two fingerprint sets; 0 when either is empty. */
export function jaccard(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const h of a) if (b.has(h)) common++;
  return common / (a.size + b.size - common);
}

/** Similarity of two sources, 0..1 (starter code excluded). */
export function similarity(a: string, b: string, opts: SimilarityOptions = {}): number {
  return jaccard(fingerprint(a, opts), fingerprint(b, opts));
}

/** Every pair of already fingerprinted submissions (batch grading stores the sets). */
export function matrixFromPrints(entries: readonly { id: string; prints: ReadonlySet<number> }[]): SimilarityMatrix {
  const pairs: Pair[] = [];
  for (let i = 0; i < entries.length; i++) {
    for (let j = i + 1; j < entries.length; j++) pairs.push({ a: entries[i]!.id, b: entries[j]!.id, score: round(jaccard(entries[i]!.prints, entries[j]!.prints)) });
  }
  return { ids: entries.map((e) => e.id), pairs, reference: {} };
}

/** Every pair of submissions (of one kata), and each against the reference when given. */
export function similarityMatrix(submissions: readonly Submission[], opts: SimilarityOptions & { reference?: string } = {}): SimilarityMatrix {
  const prints = submissions.map((s) => fingerprint(s.source, opts));
  const { pairs } = matrixFromPrints(submissions.map((s, i) => ({ id: s.id, prints: prints[i]! })));
  const reference: Record<string, number> = {};
  if (opts.reference !== undefined) {
    const ref = fingerprint(opts.reference, opts);
    submissions.forEach((s, i) => (reference[s.id] = round(jaccard(prints[i]!, ref))));
  }
  return { ids: submissions.map((s) => s.id), pairs, reference };
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

/** The pairs scoring at least `threshold`, highest first (ties by ids). */
export function flagged(pairs: readonly Pair[], threshold: number): Pair[] {
  return pairs.filter((p) => p.score >= threshold).sort((x, y) => y.score - x.score || x.a.localeCompare(y.a) || x.b.localeCompare(y.b));
}

/**
 * A gradebook "similar_to" cell per submission: its most similar partner at or
 * above `threshold` ("reference" for the reference solution), as "id (0.93)";
 * "" when none. Several partners: the best one, then "+N more".
 */
export function similarTo(m: SimilarityMatrix, threshold: number): Record<string, string> {
  const cells: Record<string, string> = {};
  for (const id of m.ids) {
    const partners = flagged(m.pairs.filter((p) => p.a === id || p.b === id), threshold).map((p) => ({ other: p.a === id ? p.b : p.a, score: p.score }));
    const ref = m.reference[id];
    if (ref !== undefined && ref >= threshold) partners.push({ other: "reference", score: ref });
    partners.sort((x, y) => y.score - x.score || x.other.localeCompare(y.other));
    const best = partners[0];
    cells[id] = best ? `${best.other} (${best.score.toFixed(2)})${partners.length > 1 ? ` +${partners.length - 1} more` : ""}` : "";
  }
  return cells;
}

/**
 * The source text of a submission folder: every .ts/.js/.mts/.mjs file outside
 * node_modules and tests, sorted by path, concatenated.
 */
export function readSources(root: string): string {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (name === "node_modules" || name.startsWith(".")) continue;
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(m?[jt]s)$/.test(name) && !/\.(test|spec)\.|\.d\.ts$|^vitest\.config\./.test(name)) files.push(p);
    }
  };
  walk(root);
  return files.map((f) => readFileSync(f, "utf8")).join("\n");
}
