/**
 * Which process is which, across runs: a process id alone is reused after the
 * process ends (and after a restart), so a lock or a leftover folder records
 * its owner's id together with when that process started.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

export interface ProcessIdentity {
  readonly pid: number;
  /** When the process started, in a form only that process has; undefined when it cannot be told. */
  readonly start?: string;
}

function bootId(): string {
  try {
    return readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
  } catch {
    return "";
  }
}

/** When process `pid` started, or undefined when there is no such process (or it cannot be told). */
export function processStart(pid: number): string | undefined {
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Field 22 (start time in clock ticks since boot); the command name before it may hold spaces and ")".
    const ticks = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
    return ticks ? `${bootId()}:${ticks}` : undefined;
  } catch {
    if (process.platform === "linux") return undefined;
  }
  try {
    // Elsewhere (macOS), ps tells the start time to the second.
    return execFileSync("ps", ["-o", "lstart=", "-p", String(pid)], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim() || undefined;
  } catch {
    return undefined;
  }
}

export function identityOf(pid: number): ProcessIdentity {
  const start = processStart(pid);
  return start === undefined ? { pid } : { pid, start };
}

/**
 * Whether the process recorded as `identity` is known to have ended: no process has its id, or the
 * one that has it started at another time (the id was reused). False when that cannot be told.
 */
export function isGone(identity: Partial<ProcessIdentity> | undefined): boolean {
  const pid = identity?.pid;
  if (typeof pid !== "number" || !Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: a process of another user has the id, so it runs.
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return true;
  }
  if (typeof identity?.start !== "string") return false;
  const now = processStart(pid);
  return now !== undefined && now !== identity.start;
}

/**
 * Ends (SIGKILL) every process of this user whose command line names `path`, and says which. Where there
 * is no /proc to read (macOS), it ends none. Used for the browser's folder: Chromium's crash reporter runs
 * in a session of its own, outside the browser's process group, and would outlive a killed browser.
 */
export function endProcessesUsing(path: string): number[] {
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return [];
  }
  const ended: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let command: string;
    try {
      command = readFileSync(`/proc/${entry}/cmdline`, "utf8");
    } catch {
      continue;
    }
    if (!command.split("\0").some((arg) => arg.includes(path))) continue;
    try {
      process.kill(Number(entry), "SIGKILL");
      ended.push(Number(entry));
    } catch {
      // Gone meanwhile, or another user's.
    }
  }
  return ended;
}
