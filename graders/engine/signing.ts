/**
 * Interviewer keys, per-candidate seeds and signed reports for take-home grading.
 *
 *  - Key file (`mmkata keygen`): one line `mmkata-key-v1 <64 hex>` (32 bytes
 *    from the OS's CSPRNG — a secret, so deliberately not reference/core/rng.ts),
 *    written with mode 0600. Its fingerprint (keyId) may be shown; the key never.
 *  - Seed: HMAC-SHA256(key, "seed\0" + candidate + "\0" + slug), first 4 bytes
 *    big-endian: a 32-bit seed the candidate cannot compute without the key.
 *  - Signature: a detached `<report>.sig` JSON file holding
 *    HMAC-SHA256(key, "mmkata-report-v1\0" + candidate + "\0" + canonical(report)).
 *    canonical = JSON with keys sorted at every level and no whitespace; the
 *    `timing` section is INCLUDED (every byte the interviewer reads is covered;
 *    a signature is not meant to be reproducible across re-grades).
 *    verifySigned() also requires the file to be byte-for-byte the form mmkata
 *    writes, so even a whitespace-only edit of one byte fails verification.
 */

import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { inputError, usageError } from "../cli/errors.js";
import { renderJson } from "../report/render/json.js";
import type { Report } from "../report/report-types.js";
import { reportProblems } from "../report/validate.js";

const KEY_PREFIX = "mmkata-key-v1";
const SIG_CONTEXT = "mmkata-report-v1";

/** Create a fresh key file (mode 0600); refuses to overwrite unless force. */
export function writeKeyFile(file: string, force = false): string {
  if (existsSync(file) && !force) throw usageError(`${file} already exists`, "choose another file with --out, or pass --force to replace it (reports signed with the old key will no longer verify)");
  const key = randomBytes(32);
  try {
    writeFileSync(file, `${KEY_PREFIX} ${key.toString("hex")}\n`, { mode: 0o600, flag: force ? "w" : "wx" });
  } catch (e) {
    throw inputError(`cannot write the key file ${file}: ${(e as Error).message}`);
  }
  return keyId(key);
}

/** Read a key file; a missing or malformed one is an input error. */
export function readKeyFile(file: string): Buffer {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw inputError(`cannot read the key file ${file}: ${(e as Error).message}`, "create one with `mmkata keygen --out <file>`");
  }
  const m = /^mmkata-key-v1 ([0-9a-f]{64})\s*$/.exec(text);
  if (!m) throw inputError(`${file} is not an mmkata key file (expected one line "${KEY_PREFIX} <64 hex digits>")`, "create one with `mmkata keygen --out <file>`");
  return Buffer.from(m[1]!, "hex");
}

/** A public fingerprint of a key: 16 hex digits of a hash; reveals nothing of the key. */
export function keyId(key: Buffer): string {
  return createHash("sha256").update("mmkata-key-id\0").update(key).digest("hex").slice(0, 16);
}

/** The candidate's 32-bit seed for one kata, derived from the interviewer's key. */
export function deriveSeed(key: Buffer, candidate: string, slug: string): number {
  return createHmac("sha256", key).update(`seed\0${candidate}\0${slug}`).digest().readUInt32BE(0);
}

/** JSON with object keys sorted at every level and no whitespace. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.keys(value as object)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value);
}

/** The detached signature file's content. */
export interface SignatureFile {
  format: "mmkata-signature-v1";
  algorithm: "HMAC-SHA256";
  candidate: string;
  keyId: string;
  /** what the MAC covers, for a reader */
  covers: string;
  mac: string;
}

function mac(key: Buffer, candidate: string, report: unknown): string {
  return createHmac("sha256", key).update(`${SIG_CONTEXT}\0${candidate}\0${canonicalJson(report)}`).digest("hex");
}

/** Sign a report for a candidate. */
export function signReport(report: Report, key: Buffer, candidate: string): SignatureFile {
  const covers = "canonical JSON of the whole report (sorted keys, no whitespace, timing included) and the candidate";
  return { format: "mmkata-signature-v1", algorithm: "HMAC-SHA256", candidate, keyId: keyId(key), covers, mac: mac(key, candidate, report) };
}

/** Write report.json and report.json.sig; returns both paths. */
export function writeSignedReport(file: string, report: Report, key: Buffer, candidate: string): [string, string] {
  try {
    writeFileSync(file, renderJson(report));
    writeFileSync(`${file}.sig`, JSON.stringify(signReport(report, key, candidate), null, 2) + "\n");
  } catch (e) {
    throw inputError(`cannot write the signed report ${file}: ${(e as Error).message}`);
  }
  return [file, `${file}.sig`];
}

export type VerifyResult = { ok: true; candidate: string; report: Report } | { ok: false; reason: string };

function readSignature(sigFile: string): SignatureFile {
  let data: Partial<SignatureFile>;
  try {
    data = JSON.parse(readFileSync(sigFile, "utf8")) as Partial<SignatureFile>;
  } catch (e) {
    throw inputError(`cannot read the signature ${sigFile}: ${(e as Error).message}`, "a signed report comes with <report>.sig next to it (or pass --sig <file>)");
  }
  if (data.format !== "mmkata-signature-v1" || typeof data.mac !== "string" || typeof data.candidate !== "string" || typeof data.keyId !== "string") {
    throw inputError(`${sigFile} is not an mmkata signature file`);
  }
  return data as SignatureFile;
}

/** Check a report file's bytes against its detached signature. */
export function verifySigned(text: string, sigFile: string, key: Buffer): VerifyResult {
  const sig = readSignature(sigFile);
  if (sig.keyId !== keyId(key)) return { ok: false, reason: `signed with another key (key ${sig.keyId}; this key is ${keyId(key)})` };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, reason: "the report is not valid JSON any more: it was modified" };
  }
  const expected = Buffer.from(mac(key, sig.candidate, data), "hex");
  const given = Buffer.from(sig.mac, "hex");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "the signature does not match the report's content: the report (or the signature) was modified" };
  if (renderJson(data as Report) !== text) return { ok: false, reason: "the report's content is signed, but its bytes were changed (reformatted or edited whitespace)" };
  const problems = reportProblems(data);
  if (problems.length) return { ok: false, reason: `the signed report is not a valid mmkata report: ${problems[0]}` };
  return { ok: true, candidate: sig.candidate, report: data as Report };
}
