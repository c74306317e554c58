/**
 * The trace protocol, shared by the grader (trusted parent) and the runtime
 * (untrusted child).
 *
 * A hidden case is `{id, setup, ops}`. An op is a JSON object such as
 * `{"op":"free","ref":3}`; `ref` names the result of an earlier op by its index.
 * Running an op yields an observation: its result (as a canonical string, so
 * that 16, "16", 16n, NaN and -0 all differ), and the state after it — a 32-bit
 * digest, plus a full snapshot in "full" mode — or the error it
 * threw, which ends the trace.
 *
 * Messages are NDJSON. Parent → child on stdin: RunRequest. Child → parent on
 * fd 3: Hello once at start, then exactly one RunReply per request, with the
 * request's id.
 */

export interface Op {
  op: string;
  [field: string]: unknown;
}

export interface TraceCase {
  setup: unknown;
  ops: Op[];
}

export type ObserveMode = "digest" | "full";

export interface Observation {
  /** canonical form of the op's result (see canonical()) */
  r?: string;
  /** state digest after the op (both modes) */
  d?: number;
  /** state snapshot after the op (full mode) */
  s?: unknown;
  /** the op threw: its message; the trace stops here */
  e?: string;
}

export interface RunRequest {
  id: number;
  t: "run";
  case: TraceCase;
  mode: ObserveMode;
}

export interface Hello {
  t: "hello";
  /** typeof of each export the submission module has */
  exports: Record<string, string>;
}

export interface RunReply {
  id: number;
  t: "obs";
  obs: Observation[];
}

/** Anything a function returned, as a string that tells apart values JSON would merge. */
export function canonical(x: unknown): string {
  switch (typeof x) {
    case "number":
      return Object.is(x, -0) ? "-0" : String(x);
    case "bigint":
      return `${String(x)}n`;
    case "string":
      return JSON.stringify(x.length > 200 ? x.slice(0, 200) + "…" : x);
    case "boolean":
      return String(x);
    case "undefined":
      return "undefined";
    case "symbol":
      return "<symbol>";
    case "function":
      return "<function>";
    default:
      return x === null ? "null" : "<object>";
  }
}
