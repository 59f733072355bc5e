/**
 * `npm run fuzz`: structure-aware mutations of the sample data folder's YAML
 * (fuzz/mutate.ts), each checked and built as an editor would, and judged
 * (fuzz/oracle.ts): no crash, no stack trace, no failure that names no file,
 * and `check` and `build` agree. Runs for a time budget; a seed replays a run,
 * and a case. Never part of `npm test`.
 */
import { fork, spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import fc from "fast-check";
import { caseArbitrary, caseFiles, sampleOf, type FuzzCase, type Sample } from "./mutate.ts";
import { judgeBuild, judgeCheck, signature, type CaseContext, type Finding, type Run } from "./oracle.ts";
import type { Job, Reply, Uncaught } from "./worker.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));

const USAGE = `Usage: npm run fuzz -- [options]

Mutates the YAML of the sample data folder (types swapped, keys written twice,
aliases, characters that are not text, huge values, fields missing or unknown,
wrong ids, impossible dates), runs check on each case and build on every case
that check passes (and on some it refuses), and reports every crash, stack
trace, failure that names no file, and disagreement between check and build.
Each failure is saved, with its data folder, under fuzz-failures/.

  --minutes N          how long to run (default 10); the case under way finishes
  --seed N             the run's seed (default: a new one, printed), to replay a run
  --case N             run only case N of the seed (with --seed): replays one failure
  --replay DIR         run check and build on a saved case's data folder (fuzz-failures/…/data)
  --data DIR           the data folder to mutate (default _data)
  --pdf-every N        print the PDFs (through the command, in its own process) in every Nth build
                       of a case that check passed (default 6; 0 never)
  --build-refused N    build every Nth case that check refused, too (default 3; 0 never)
  --build-timeout MIN  a build still running after this long is a failure (default 15)
  --memory MB          the memory the commands may use (default 1536)
  --failures DIR       where failures are saved (default fuzz-failures)
  -h, --help           show this help

Exit code 0 when no case failed, 1 when one did.`;

interface Options {
  readonly minutes: number;
  readonly seed: number;
  readonly only?: number;
  readonly replay?: string;
  readonly dataDir: string;
  readonly pdfEvery: number;
  readonly buildRefused: number;
  readonly buildTimeoutMs: number;
  readonly checkTimeoutMs: number;
  readonly memoryMb: number;
  readonly failuresDir: string;
}

class UsageError extends Error {}

const OPTIONS = {
  minutes: { type: "string" }, seed: { type: "string" }, case: { type: "string" }, replay: { type: "string" }, data: { type: "string" },
  "pdf-every": { type: "string" }, "build-refused": { type: "string" }, "build-timeout": { type: "string" }, memory: { type: "string" },
  failures: { type: "string" }, help: { type: "boolean", short: "h" },
} as const;

function parsed(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: OPTIONS });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function options(argv: readonly string[]): Options {
  const { values } = parsed(argv);
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const number = (name: string, text: string | undefined, fallback: number) => {
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!Number.isFinite(n) || n < 0) throw new UsageError(`--${name} must be a number, not "${text}"`);
    return n;
  };
  if (values.case !== undefined && values.seed === undefined) throw new UsageError("--case replays a case of a seed: give --seed too");
  return {
    minutes: number("minutes", values.minutes, 10),
    seed: Math.trunc(number("seed", values.seed, Math.floor(Math.random() * 2 ** 31))),
    ...(values.case !== undefined ? { only: Math.trunc(number("case", values.case, 0)) } : {}),
    ...(values.replay !== undefined ? { replay: path.resolve(values.replay) } : {}),
    dataDir: path.resolve(values.data ?? path.join(ROOT, "_data")),
    pdfEvery: Math.trunc(number("pdf-every", values["pdf-every"], 6)),
    buildRefused: Math.trunc(number("build-refused", values["build-refused"], 3)),
    buildTimeoutMs: number("build-timeout", values["build-timeout"], 15) * 60_000,
    checkTimeoutMs: 3 * 60_000,
    memoryMb: number("memory", values.memory, 1536),
    failuresDir: path.resolve(values.failures ?? path.join(ROOT, "fuzz-failures")),
  };
}

// ------------------------------------------------------------------ the commands

/** The environment of the commands: none of the REPORT_ settings of the shell, the check's picture cache beside the output. */
function commandEnv(outputDir: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("REPORT_") && !key.startsWith("npm_")));
  return { ...env, REPORT_OUTPUT: outputDir, FORCE_COLOR: "0" };
}

/** The worker process (fuzz/worker.ts) that runs the commands in-process, started again after a crash or a time-out. */
class Worker {
  private child?: ChildProcess;
  private raw = "";
  private next = 0;
  private pending?: { id: number; resolve: (run: Run) => void; started: number; child: ChildProcess };
  private uncaught?: string;
  private served = 0;

  constructor(private readonly env: NodeJS.ProcessEnv, private readonly memoryMb: number) {}

  private start(): ChildProcess {
    const child = fork(path.join(ROOT, "fuzz/worker.ts"), [], {
      cwd: ROOT,
      env: this.env,
      execArgv: ["--import", "tsx", `--max-old-space-size=${this.memoryMb}`],
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    child.stdout!.on("data", (chunk: Buffer) => (this.raw += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (this.raw += chunk.toString()));
    child.on("message", (message: Reply | Uncaught) => {
      if (child !== this.child) return;
      if ("uncaught" in message) this.uncaught ??= message.uncaught;
      else if (this.pending?.id === message.id) this.finish({ ...(message.code !== undefined ? { code: message.code } : {}), out: message.out, err: message.err, ms: message.ms, ...(message.thrown ? { crash: message.thrown } : {}) });
    });
    child.on("exit", (code, signal) => {
      if (this.child === child) this.child = undefined;
      // A process stopped on purpose (a fresh one, or after a time-out) had no command under way.
      if (this.pending?.child === child) this.finish({ out: [], err: [], ms: performance.now() - this.pending.started, crash: this.uncaught ?? `the process ended (${signal ?? `exit ${code}`})` });
    });
    return child;
  }

  private finish(run: Omit<Run, "raw">): void {
    const pending = this.pending!;
    this.pending = undefined;
    const raw = this.raw;
    this.raw = "";
    // An error no command waited for is a crash of the command that was running, though the command answered first.
    const crash = run.crash ?? this.uncaught;
    this.uncaught = undefined;
    pending.resolve({ ...run, raw, ...(crash ? { crash } : {}) });
  }

  run(args: readonly string[], timeoutMs: number): Promise<Run> {
    // A fresh process now and then: what one command leaves in memory does not pile up over hundreds.
    if (this.child && ++this.served > 40) this.stop();
    if (!this.child) { this.child = this.start(); this.served = 0; }
    const id = ++this.next;
    const started = performance.now();
    return new Promise<Run>((resolve) => {
      const timer = setTimeout(() => {
        if (this.pending?.id !== id) return;
        this.pending = undefined;
        const raw = this.raw;
        this.stop();
        resolve({ out: [], err: [], raw, ms: performance.now() - started, timedOut: true });
      }, timeoutMs);
      this.pending = { id, started, child: this.child!, resolve: (run) => { clearTimeout(timer); resolve(run); } };
      this.child!.send({ id, args } satisfies Job);
    });
  }

  stop(): void {
    const child = this.child;
    this.child = undefined;
    child?.kill("SIGKILL");
  }
}

/** The command in a process of its own, as an editor runs it (for the builds that print PDFs). */
function runCommand(args: readonly string[], env: NodeJS.ProcessEnv, memoryMb: number, timeoutMs: number): Promise<Run> {
  const started = performance.now();
  const child = spawn(process.execPath, [`--max-old-space-size=${memoryMb}`, path.join(ROOT, "bin/activity-report.js"), ...args], {
    cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"], detached: true,
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  let timedOut = false;
  // The whole group: the browser too.
  const timer = setTimeout(() => { timedOut = true; try { process.kill(-child.pid!, "SIGKILL"); } catch { /* already gone */ } }, timeoutMs);
  return new Promise((resolve) => {
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const lines = (text: string) => text.split("\n").filter((line, i, all) => line !== "" || i < all.length - 1);
      const crash = signal && !timedOut ? `the process ended by ${signal}` : code !== null && code >= 128 ? `the process ended with exit ${code}` : undefined;
      resolve({
        ...(code !== null && !timedOut ? { code } : {}),
        out: lines(stdout), err: lines(stderr), raw: "", ms: performance.now() - started,
        ...(timedOut ? { timedOut } : {}), ...(crash ? { crash } : {}),
      });
    });
  });
}

// ------------------------------------------------------------------ the data

async function yamlFiles(dir: string, under = ""): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(path.join(dir, under), { withFileTypes: true })) {
    const name = path.posix.join(under, entry.name);
    if (entry.isDirectory()) found.push(...await yamlFiles(dir, name));
    else if (/\.ya?ml$/.test(entry.name)) found.push(name);
  }
  return found;
}

async function readTexts(dir: string): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const file of await yamlFiles(dir)) texts.set(file, await readFile(path.join(dir, file), "utf8"));
  return texts;
}

/** The sample folder, copied afresh, with the case's files written over it. */
async function writeCase(sampleDir: string, caseDir: string, files: ReadonlyMap<string, string>): Promise<void> {
  await rm(caseDir, { recursive: true, force: true });
  await cp(sampleDir, caseDir, { recursive: true });
  for (const [file, text] of files) {
    await mkdir(path.dirname(path.join(caseDir, file)), { recursive: true });
    await writeFile(path.join(caseDir, file), text);
  }
}

/** Case `index` of the run with `seed`: the same case for the same seed and sample, whatever ran before it. */
export function fuzzCase(sample: Sample, seed: number, index: number): FuzzCase {
  if (index === 0) return { file: sample.files[0]!, mutations: [] };
  return fc.sample(caseArbitrary(sample), { seed: (Math.imul(seed, 0x9e3779b1) ^ index) | 0, numRuns: 1 })[0]!;
}

const describeCase = (c: FuzzCase) =>
  c.mutations.length === 0 ? "the sample as it is" : `${c.file}: ${c.mutations.map((m) => m.kind).join(", ")}${c.copyAs ? `, written again as ${c.copyAs}` : ""}`;

/** A mutation in a line: long texts cut short. */
const shortJson = (value: unknown) => JSON.stringify(value, (_key, v: unknown) => (typeof v === "string" && v.length > 80 ? `${v.slice(0, 80)}…(${v.length})` : v));

// ------------------------------------------------------------------ a case

interface Outcome {
  readonly check: Run;
  readonly build?: Run;
  readonly buildKind?: "in-process, --no-pdf" | "command, with the PDFs";
  readonly findings: readonly Finding[];
}

class Fuzzer {
  private readonly worker: Worker;
  private readonly env: NodeJS.ProcessEnv;
  private refused = 0;
  private accepted = 0;
  readonly counts = { cases: 0, passed: 0, refused: 0, builds: 0, pdfBuilds: 0 };
  readonly seen = new Map<string, { count: number; saved?: string }>();

  constructor(private readonly o: Options, private readonly work: string) {
    this.env = commandEnv(path.join(work, "out", "site"));
    this.worker = new Worker(this.env, o.memoryMb);
  }

  get caseDir(): string { return path.join(this.work, "data"); }
  private get outputDir(): string { return path.join(this.work, "out", "site"); }

  async check(context: CaseContext): Promise<{ run: Run; findings: Finding[] }> {
    const run = await this.worker.run(["check", "--data", context.dataDir], this.o.checkTimeoutMs);
    return { run, findings: judgeCheck(run, context) };
  }

  /** check, then build when that is called for: every case that check passes, and some that it refuses. */
  async runCase(context: CaseContext, forceBuild = false): Promise<Outcome> {
    const { run: check, findings } = await this.check(context);
    this.counts.cases++;
    if (check.code === 0) this.counts.passed++;
    if (check.code === 1) this.counts.refused++;
    const build = check.code === 0 ? true
      : check.code === 1 && !check.crash ? forceBuild || (this.o.buildRefused > 0 && this.refused++ % this.o.buildRefused === 0)
      : false;
    if (!build) return { check, findings };
    const withPdf = check.code === 0 && this.o.pdfEvery > 0 && this.accepted++ % this.o.pdfEvery === this.o.pdfEvery - 1;
    const args = ["build", "--data", context.dataDir, "--output", this.outputDir];
    this.counts.builds++;
    if (withPdf) this.counts.pdfBuilds++;
    const run = withPdf
      ? await runCommand(args, this.env, this.o.memoryMb, this.o.buildTimeoutMs)
      : await this.worker.run([...args, "--no-pdf"], this.o.buildTimeoutMs);
    const all = [...findings, ...judgeBuild(run, check, context, withPdf ? "build (with PDFs)" : "build")];
    if (run.code === 0 && !existsSync(path.join(this.outputDir, "index.html"))) all.push({ kind: "build: no site written", detail: `${this.outputDir}/index.html is missing after a build that succeeded` });
    return { check, build: run, buildKind: withPdf ? "command, with the PDFs" : "in-process, --no-pdf", findings: all };
  }

  stop(): void { this.worker.stop(); }
}

async function contextOf(dataDir: string, sample: Sample, files: ReadonlyMap<string, string>): Promise<CaseContext> {
  return { dataDir, texts: new Map([...sample.texts, ...files]) };
}

/** Fewer mutations, as long as the same kind of failure shows in check: what `check` alone can tell is cheap to retry. */
async function minimise(fuzzer: Fuzzer, o: Options, sample: Sample, original: FuzzCase, kinds: ReadonlySet<string>): Promise<FuzzCase> {
  let best = original;
  const shows = async (candidate: FuzzCase) => {
    const files = caseFiles(candidate, sample);
    await writeCase(o.dataDir, fuzzer.caseDir, files);
    const { findings } = await fuzzer.check(await contextOf(fuzzer.caseDir, sample, files));
    return findings.some((f) => kinds.has(f.kind));
  };
  for (let shrunk = true; shrunk;) {
    shrunk = false;
    const candidates: FuzzCase[] = [
      ...(best.copyAs ? [{ file: best.file, mutations: best.mutations }] : []),
      ...(best.mutations.length > 1 ? best.mutations.map((_, i) => ({ ...best, mutations: best.mutations.filter((_m, j) => j !== i) })) : []),
    ];
    for (const candidate of candidates) {
      if (await shows(candidate)) {
        best = candidate;
        shrunk = true;
        break;
      }
    }
  }
  return best;
}

function printRun(name: string, run: Run): string {
  const how = run.timedOut ? "did not end" : run.crash ? "crashed" : `exit ${run.code}`;
  return [
    `--- ${name}: ${how} in ${(run.ms / 1000).toFixed(1)} s`,
    ...run.out.map((l) => `out: ${l.length > 600 ? `${l.slice(0, 600)}…` : l}`),
    ...run.err.map((l) => `err: ${l.length > 600 ? `${l.slice(0, 600)}…` : l}`),
    ...(run.raw ? [`printed by the process itself:\n${run.raw.slice(0, 4000)}`] : []),
    ...(run.crash ? [`crash:\n${run.crash}`] : []),
  ].join("\n");
}

/** Saves a failing case: its data folder, the case, and what the commands printed. */
async function save(o: Options, name: string, caseDir: string, fuzzCase: FuzzCase | undefined, outcome: Outcome, replay: string): Promise<string> {
  const dir = path.join(o.failuresDir, name);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await cp(caseDir, path.join(dir, "data"), { recursive: true });
  if (fuzzCase) await writeFile(path.join(dir, "case.json"), `${JSON.stringify({ seed: o.seed, case: fuzzCase }, null, 2)}\n`);
  const data = path.relative(ROOT, path.join(dir, "data"));
  await writeFile(path.join(dir, "report.txt"), [
    ...outcome.findings.map((f) => `${f.kind}: ${f.detail}`),
    "",
    `replay: ${replay}`,
    `or:     node bin/activity-report.js check --data ${data} && node bin/activity-report.js build --data ${data} --output /tmp/fuzz-out${outcome.buildKind?.includes("PDF") ? "" : " --no-pdf"}`,
    ...(fuzzCase ? [`case:   ${describeCase(fuzzCase)}`, ...fuzzCase.mutations.map((m) => `        ${shortJson(m)}`)] : []),
    "",
    printRun("check", outcome.check),
    ...(outcome.build ? [printRun(`build (${outcome.buildKind})`, outcome.build)] : []),
    "",
  ].join("\n"));
  return dir;
}

// ------------------------------------------------------------------ the run

async function main(): Promise<number> {
  const o = options(process.argv.slice(2));
  const work = await mkdtemp(path.join(os.tmpdir(), "activity-report-fuzz-"));
  const fuzzer = new Fuzzer(o, work);
  const started = Date.now();
  const deadline = started + o.minutes * 60_000;
  const elapsed = () => `${((Date.now() - started) / 60_000).toFixed(1)} min`;
  let failed = 0;
  const stopping = () => { fuzzer.stop(); void rm(work, { recursive: true, force: true }).finally(() => process.exit(130)); };
  process.on("SIGINT", stopping);
  process.on("SIGTERM", stopping);
  try {
    if (o.replay) {
      const dataDir = path.join(o.replay, existsSync(path.join(o.replay, "data")) ? "data" : "");
      const texts = await readTexts(dataDir);
      const sample = sampleOf(texts);
      const outcome = await fuzzer.runCase(await contextOf(dataDir, sample, new Map()), true);
      console.log(printRun("check", outcome.check));
      if (outcome.build) console.log(printRun(`build (${outcome.buildKind})`, outcome.build));
      for (const f of outcome.findings) console.log(`FAILED ${f.kind}: ${f.detail}`);
      if (outcome.findings.length === 0) console.log("no failure");
      return outcome.findings.length > 0 ? 1 : 0;
    }
    const sample = sampleOf(await readTexts(o.dataDir));
    console.log(`Fuzzing the YAML of ${path.relative(ROOT, o.dataDir) || o.dataDir} (${sample.files.length} files) with seed ${o.seed}` +
      (o.only === undefined ? ` for ${o.minutes} minutes` : `, case ${o.only} only`) + `; replay a run with: npm run fuzz -- --seed ${o.seed}`);
    for (let index = o.only ?? 0; o.only !== undefined ? index === o.only : Date.now() < deadline; index++) {
      let theCase: FuzzCase;
      let files: Map<string, string>;
      try {
        theCase = fuzzCase(sample, o.seed, index);
        files = caseFiles(theCase, sample);
      } catch (error) {
        // A fault of the harness, not of the build: said, and the run goes on.
        console.log(`[${elapsed()}] case ${index}: could not be made: ${(error as Error).stack}`);
        continue;
      }
      await writeCase(o.dataDir, fuzzer.caseDir, files);
      const context = await contextOf(fuzzer.caseDir, sample, files);
      const outcome = await fuzzer.runCase(context, o.only !== undefined);
      const ran = [`check ${outcome.check.timedOut ? "did not end" : outcome.check.crash ? "crashed" : outcome.check.code === 0 ? "passed" : "refused"} (${(outcome.check.ms / 1000).toFixed(1)} s)`];
      if (outcome.build) ran.push(`build ${outcome.buildKind?.includes("PDF") ? "with the PDFs " : ""}${outcome.build.timedOut ? "did not end" : outcome.build.crash ? "crashed" : `exit ${outcome.build.code}`} (${(outcome.build.ms / 1000).toFixed(1)} s)`);
      console.log(`[${elapsed()}] case ${index}: ${describeCase(theCase)}; ${ran.join(", ")}`);
      if (outcome.findings.length === 0) continue;
      failed++;
      const newKinds = outcome.findings.filter((f) => !fuzzer.seen.has(signature(f, context.dataDir)));
      for (const f of outcome.findings) {
        const key = signature(f, context.dataDir);
        fuzzer.seen.set(key, { count: (fuzzer.seen.get(key)?.count ?? 0) + 1, ...(fuzzer.seen.get(key)?.saved ? { saved: fuzzer.seen.get(key)!.saved! } : {}) });
      }
      for (const f of outcome.findings) console.log(`  FAILED ${f.kind}: ${f.detail.length > 400 ? `${f.detail.slice(0, 400)}…` : f.detail}`);
      // One saved case per kind of failure: the rest are counted.
      if (newKinds.length === 0 && o.only === undefined) continue;
      let saved = theCase;
      let savedOutcome = outcome;
      if (!outcome.build && theCase.mutations.length > 0) {
        saved = await minimise(fuzzer, o, sample, theCase, new Set(outcome.findings.map((f) => f.kind)));
        if (saved !== theCase) {
          console.log(`  the same failure with fewer mutations: ${describeCase(saved)}`);
          const savedFiles = caseFiles(saved, sample);
          await writeCase(o.dataDir, fuzzer.caseDir, savedFiles);
          const { run, findings } = await fuzzer.check(await contextOf(fuzzer.caseDir, sample, savedFiles));
          savedOutcome = { check: run, findings };
        } else await writeCase(o.dataDir, fuzzer.caseDir, files);
      }
      const dir = await save(o, `${o.seed}-${index}`, fuzzer.caseDir, saved, savedOutcome, `npm run fuzz -- --seed ${o.seed} --case ${index}`);
      for (const f of newKinds) fuzzer.seen.get(signature(f, context.dataDir))!.saved = path.relative(ROOT, dir);
      console.log(`  saved in ${path.relative(ROOT, dir)}; replay: npm run fuzz -- --seed ${o.seed} --case ${index}`);
    }
    const c = fuzzer.counts;
    console.log(`\n${c.cases} cases in ${elapsed()}: check passed ${c.passed} and refused ${c.refused}; ${c.builds} builds (${c.pdfBuilds} with the PDFs).`);
    if (failed === 0) console.log("No failure.");
    else {
      console.log(`${failed} cases failed:`);
      for (const [key, { count, saved }] of fuzzer.seen) console.log(`  ${count} × ${key}${saved ? ` (${saved})` : ""}`);
    }
    return failed > 0 ? 1 : 0;
  } finally {
    fuzzer.stop();
    await rm(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (error instanceof UsageError) console.error(`npm run fuzz: ${error.message}\n\n${USAGE}`);
      else console.error(`npm run fuzz failed: ${error instanceof Error ? error.stack : String(error)}`);
      process.exit(2);
    },
  );
}
