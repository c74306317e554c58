/** `mmkata demo` (placeholder: being written). */
import type { Command } from "commander";
export function register(program: Command): void {
  program.command("demo").description("grade a bundled, plausibly buggy buddy-coalesce submission and show the report").action(() => {
    throw new Error("demo: not implemented yet");
  });
}
