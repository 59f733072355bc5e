import { main } from "../../src/cli.ts";
import type { Run } from "./cli.ts";

/**
 * Runs the command in this process through `main`, as `runCli` runs it in a process of its own:
 * the same exit code and output, without the start-up of a new Node process each time.
 * For commands that neither build nor serve (check, new, help).
 */
export async function runMain(args: readonly string[]): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, { out: (line) => (stdout += `${line}\n`), err: (line) => (stderr += `${line}\n`) });
  return { code, stdout, stderr };
}
