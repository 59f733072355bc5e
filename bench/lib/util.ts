/** Small helpers shared by the benchmark's runner and its worker processes. */
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const BENCH_DIR = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const ROOT = path.dirname(BENCH_DIR);
export const WORKER = path.join(BENCH_DIR, "worker.ts");
/** Generated data, built sites and PDFs; git-ignored. */
export const DATA_ROOT = path.join(BENCH_DIR, ".data");

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function round(value: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Peak resident memory of this process so far, in MB. */
export function peakRssMb(): number {
  return round(process.resourceUsage().maxRSS / 1024, 1);
}

const MARK = "BENCH_RESULT ";

/** A worker prints its result on one line that starts with MARK. */
export function reply(result: unknown): void {
  process.stdout.write(`\n${MARK}${JSON.stringify(result)}\n`);
}

export interface WorkerOptions {
  /** Killed after this long (the worker's result is then `undefined`). */
  readonly timeoutMs?: number;
  /** Write a V8 CPU profile of the worker into this folder. */
  readonly cpuProfileDir?: string;
  readonly env?: NodeJS.ProcessEnv;
}

export class WorkerError extends Error {}

/** Runs one task of bench/worker.ts in a fresh Node process, so that each measurement has its own memory. */
export function runWorker<T>(task: string, args: unknown, options: WorkerOptions = {}): Promise<T> {
  const nodeArgs = ["--import", "tsx"];
  if (options.cpuProfileDir) nodeArgs.push("--cpu-prof", `--cpu-prof-dir=${options.cpuProfileDir}`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, WORKER, task, JSON.stringify(args)], {
      cwd: ROOT,
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = options.timeoutMs
      ? setTimeout(() => {
          child.kill("SIGKILL");
        }, options.timeoutMs)
      : undefined;
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const line = stdout.split("\n").reverse().find((l) => l.startsWith(MARK));
      if (code === 0 && line) {
        resolve(JSON.parse(line.slice(MARK.length)) as T);
        return;
      }
      reject(new WorkerError(`worker ${task} ${signal ? `was killed (${signal})` : `exited with ${code}`}\n${stderr.slice(-4000)}${stdout.slice(-2000)}`));
    });
  });
}
