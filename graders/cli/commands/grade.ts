/** `mmkata grade` (placeholder: being written). */
import type { Command } from "commander";
export function register(program: Command): void {
  program.command("grade [workspace]").description("grade a workspace against the hidden suite").action(() => {
    throw new Error("grade: not implemented yet");
  });
}
