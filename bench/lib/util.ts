/** Small helpers shared by the benchmark's runner and its worker processes. */
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
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

/**
 * Runs `a` and `b` `n` times each, alternating which goes first (a, b, then b, a…), so that a
 * machine slowing down or warming up weighs on both; `each` after every pair.
 */
export async function alternately(n: number, a: () => Promise<void>, b: () => Promise<void>, each: () => void = () => {}): Promise<void> {
  for (let i = 0; i < n; i++) {
    if (i % 2 === 0) {
      await a();
      await b();
    } else {
      await b();
      await a();
    }
    each();
  }
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

/**
 * The resident memory of a process and all its descendants, in MB, read from
 * /proc (Linux); undefined elsewhere. Catches what the Node process's own
 * maxRSS cannot: the programs it starts, such as Pagefind or Chromium.
 */
export function treeRssMb(root: number): number | undefined {
  let entries: string[];
  try {
    entries = readdirSync("/proc").filter((e) => /^\d+$/.test(e));
  } catch {
    return undefined;
  }
  const parent = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const e of entries) {
    try {
      const stat = readFileSync(`/proc/${e}/stat`, "utf8");
      // pid (comm) state ppid …; comm may hold spaces and parentheses, so split after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parent.set(Number(e), Number(fields[1]));
      rss.set(Number(e), Number(fields[21]) * 4096);
    } catch {
      // The process ended meanwhile.
    }
  }
  if (!rss.has(root)) return undefined;
  let total = 0;
  for (const pid of rss.keys()) {
    for (let p: number | undefined = pid; p !== undefined && p > 0; p = parent.get(p)) {
      if (p === root) {
        total += rss.get(pid)!;
        break;
      }
    }
  }
  return round(total / 1024 / 1024, 1);
}

export interface WorkerOptions {
  /** Killed after this long (the worker's result is then `undefined`). */
  readonly timeoutMs?: number;
  /** Write a V8 CPU profile of the worker into this folder. */
  readonly cpuProfileDir?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Sample the memory of the worker's process tree every this many ms. */
  readonly sampleTreeMs?: number;
}

/** The peak of the sampled memory of the worker's process tree, added to results that ask for it. */
export interface TreeSampled {
  readonly peakTreeRssMb?: number;
}

export class WorkerError extends Error {}

/** Live workers, each the leader of its own process group (with the browsers it started). */
const live = new Set<number>();

function killGroup(pid: number): void {
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}

/** Ends every live worker and what it started; for an interrupted benchmark. */
export function killWorkers(): void {
  for (const pid of live) killGroup(pid);
  live.clear();
}

/** Runs one task of bench/worker.ts in a fresh Node process, so that each measurement has its own memory. */
export function runWorker<T>(task: string, args: unknown, options: WorkerOptions = {}): Promise<T & TreeSampled> {
  const nodeArgs = ["--import", "tsx"];
  if (options.cpuProfileDir) nodeArgs.push("--cpu-prof", `--cpu-prof-dir=${options.cpuProfileDir}`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, WORKER, task, JSON.stringify(args)], {
      cwd: ROOT,
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
      // Its own process group, so that a timeout or an interruption ends its browsers too.
      detached: true,
    });
    if (child.pid !== undefined) live.add(child.pid);
    let stdout = "";
    let stderr = "";
    let peak: number | undefined;
    const sampler = options.sampleTreeMs && child.pid !== undefined
      ? setInterval(() => {
          const now = treeRssMb(child.pid!);
          if (now !== undefined) peak = Math.max(peak ?? 0, now);
        }, options.sampleTreeMs)
      : undefined;
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = options.timeoutMs
      ? setTimeout(() => {
          if (child.pid !== undefined) killGroup(child.pid);
        }, options.timeoutMs)
      : undefined;
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      clearInterval(sampler);
      if (child.pid !== undefined) live.delete(child.pid);
      const line = stdout.split("\n").reverse().find((l) => l.startsWith(MARK));
      if (code === 0 && line) {
        const result = JSON.parse(line.slice(MARK.length)) as T;
        resolve(options.sampleTreeMs ? { ...result, peakTreeRssMb: peak } : (result as T & TreeSampled));
        return;
      }
      reject(new WorkerError(`worker ${task} ${signal ? `was killed (${signal})` : `exited with ${code}`}\n${stderr.slice(-4000)}${stdout.slice(-2000)}`));
    });
  });
}
