/**
 * Runs `activity-report` commands in this process, as bin/activity-report.js
 * runs them, for fuzz/run.ts: one command per message, its printed lines
 * captured, its exit code sent back. Staying alive between commands saves the
 * start of a process and the loading of the modules for each case; a crash or
 * a command that never ends costs only this process, which fuzz/run.ts
 * starts again.
 */
import { main } from "../src/cli.ts";

export interface Job {
  readonly id: number;
  readonly args: readonly string[];
}

export interface Reply {
  readonly id: number;
  readonly code?: number;
  readonly out: readonly string[];
  readonly err: readonly string[];
  /** An error that escaped main(): the command would have crashed. */
  readonly thrown?: string;
  readonly ms: number;
}

/** An error that no command was waiting for: in the command's own process, the process would have died of it. */
export interface Uncaught {
  readonly uncaught: string;
}

const send = (message: Reply | Uncaught) => new Promise<void>((resolve) => process.send!(message, () => resolve()));

const stackOf = (error: unknown) => (error instanceof Error ? error.stack ?? error.message : String(error));

process.on("uncaughtException", (error) => void send({ uncaught: stackOf(error) }).then(() => process.exit(70)));
process.on("unhandledRejection", (error) => void send({ uncaught: stackOf(error) }).then(() => process.exit(70)));

process.on("message", async (job: Job) => {
  const out: string[] = [];
  const err: string[] = [];
  const started = performance.now();
  let code: number | undefined;
  let thrown: string | undefined;
  try {
    code = await main(job.args, { out: (line) => out.push(line), err: (line) => err.push(line) });
  } catch (error) {
    thrown = stackOf(error);
  }
  await send({ id: job.id, out, err, ms: performance.now() - started, ...(code !== undefined ? { code } : {}), ...(thrown ? { thrown } : {}) });
});
