import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { ROOT } from "./data.ts";

export interface Run {
  readonly code: number | null;
  readonly signal?: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface Running {
  readonly child: ChildProcess;
  readonly stderr: () => string;
  readonly done: Promise<Run>;
}

export interface CliOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Run as another user (e.g. nobody), for tests of permissions: root may write anywhere. */
  readonly uid?: number;
  readonly gid?: number;
  /** A command to run it under, e.g. strace with its options: the bin's process is then that command's child. */
  readonly under?: readonly string[];
}

/** Starts the `activity-report` bin as a user would, in its own process, and lets the test watch it. */
export function startCli(args: readonly string[], options: CliOptions = {}): Running {
  const command = [...(options.under ?? []), process.execPath, path.join(ROOT, "bin/activity-report.js"), ...args];
  const child = spawn(command[0]!, command.slice(1), {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.gid } : {}),
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<Run>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, stderr: () => stderr, done };
}

/** Runs the `activity-report` bin to its end. */
export function runCli(args: readonly string[], options: CliOptions = {}): Promise<Run> {
  return startCli(args, options).done;
}
