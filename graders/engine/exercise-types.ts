/**
 * The shape of exercises/<slug>/exercise.json (see exercise.schema.json, the
 * source of truth; these types mirror it).
 */

/**
 * int | pfn | order | migratetype (number), u64 | vaddr | paddr (bigint), bool,
 * string, void, or a capitalised type name exported by mmkata/kata; a `[]`
 * suffix makes an array. See exercise.schema.json.
 */
export type IdlType = string;

export interface ApiParam {
  name: string;
  type: IdlType;
  doc: string;
}

export interface ApiFunction {
  name: string;
  doc: string;
  params: ApiParam[];
  returns: { type: IdlType; doc?: string };
  see: string;
  reference: string;
}

export interface RubricGroup {
  id: string;
  title: string;
  points: number;
  parent?: string;
  cases: string[];
}

export interface GeneratorSpec {
  id: string;
  generator: string;
  title?: string;
  count: number;
  ops: number;
  params?: Record<string, unknown>;
}

export interface Exercise {
  slug: string;
  title: string;
  track: string;
  difficulty: number;
  minutes: number;
  prerequisites: string[];
  kernelRefs: { file: string; function: string }[];
  suite: string;
  api: { imports: string[]; functions: ApiFunction[] };
  rubric: RubricGroup[];
  /** handcrafted: a file under graders/suites/<suite>/cases/, or "./<file>" next to exercise.json */
  cases: { handcrafted: string; generated?: GeneratorSpec[] };
  limits?: { caseMs?: number; runMs?: number; heapMb?: number };
  /** absolute folder of the exercise (added by the loader) */
  dir: string;
}
