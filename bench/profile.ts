/**
 * Reads a V8 CPU profile (node --cpu-prof) and says where the time went:
 * self time by owner (our src/, our templates, each npm package, Node itself)
 * and the hottest functions. Used by `npm run bench -- --profile` and on its
 * own: `npx tsx bench/profile.ts FILE.cpuprofile`.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { ROOT, round } from "./lib/util.ts";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface ProfileSummary {
  readonly totalMs: number;
  /** Self time by owner, largest first. */
  readonly owners: readonly { readonly owner: string; readonly ms: number; readonly share: number }[];
  /** Self time by function, largest first. */
  readonly functions: readonly { readonly fn: string; readonly owner: string; readonly ms: number; readonly share: number }[];
}

/** `ours: src/data/load.ts`, `npm: @11ty/eleventy`, `node`, `(garbage collector)`… */
export function ownerOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  const file = url.startsWith("file://") ? decodeURIComponent(new URL(url).pathname) : url;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file);
  if (pkg) return `npm: ${pkg[1]}`;
  if (file.startsWith("node:")) return "node";
  if (path.isAbsolute(file)) {
    const relative = path.relative(ROOT, file);
    if (!relative.startsWith("..")) return `ours: ${relative.split(path.sep).slice(0, relative.startsWith("src") ? 3 : 2).join("/")}`;
  }
  // Nunjucks compiles templates to functions evaluated without a file.
  return file.includes("eval") ? "(compiled templates)" : file;
}

export async function summarizeProfile(file: string, top = 15): Promise<ProfileSummary> {
  const profile = JSON.parse(await readFile(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const owners = new Map<string, number>();
  const functions = new Map<string, { owner: string; us: number }>();
  for (const [id, us] of self) {
    const { callFrame } = byId.get(id)!;
    const owner = ownerOf(callFrame.url, callFrame.functionName);
    owners.set(owner, (owners.get(owner) ?? 0) + us);
    const where = callFrame.url ? `${path.basename(callFrame.url)}:${callFrame.lineNumber + 1}` : "";
    const key = `${callFrame.functionName || "(anonymous)"} ${where}`.trim();
    const entry = functions.get(key) ?? { owner, us: 0 };
    entry.us += us;
    functions.set(key, entry);
  }
  const share = (us: number) => round((100 * us) / total, 1);
  return {
    totalMs: round(total / 1000),
    owners: [...owners].sort((a, b) => b[1] - a[1]).slice(0, top).map(([owner, us]) => ({ owner, ms: round(us / 1000), share: share(us) })),
    functions: [...functions].sort((a, b) => b[1].us - a[1].us).slice(0, top).map(([fn, { owner, us }]) => ({ fn, owner, ms: round(us / 1000), share: share(us) })),
  };
}

export function formatSummary(summary: ProfileSummary): string {
  const lines = [`${summary.totalMs} ms of samples`, "", "self time by owner:"];
  for (const o of summary.owners) lines.push(`  ${String(o.share).padStart(5)}%  ${String(o.ms).padStart(7)} ms  ${o.owner}`);
  lines.push("", "hottest functions (self time):");
  for (const f of summary.functions) lines.push(`  ${String(f.share).padStart(5)}%  ${String(f.ms).padStart(7)} ms  ${f.fn}  [${f.owner}]`);
  return lines.join("\n");
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write("usage: npx tsx bench/profile.ts FILE.cpuprofile\n");
    process.exit(2);
  }
  process.stdout.write(`${formatSummary(await summarizeProfile(file, Number(process.argv[3] ?? 25)))}\n`);
}
