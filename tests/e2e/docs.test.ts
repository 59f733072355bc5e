/**
 * Every command in the editors' guide (docs/editing.md) is run here as written,
 * on a copy of the sample data, so that the guide stays true; the field tables
 * of docs/data.md are held to the data contract (src/data/contract/schema.ts).
 */
import { spawn } from "node:child_process";
import { cp, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cleanUp, ROOT, SAMPLE_DATA, tempDir } from "../helpers/data.ts";
import { warmOutput } from "../helpers/sites.ts";
import { freePort, waitFor } from "../helpers/dev-server.ts";
import { editionSchema, reportSchema } from "../../src/data/contract/schema.ts";

afterAll(cleanUp);

/** The commands of the guide's `sh` blocks, in order, each once (`npm run dev` is shown twice). */
async function guideCommands(): Promise<string[]> {
  const text = await readFile(path.join(ROOT, "docs", "editing.md"), "utf8");
  return [...new Set([...text.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) => m[1]!.split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"))))];
}

/** Splits a command line as a shell would for these simple commands (double quotes only). */
function words(command: string): string[] {
  return [...command.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

/** Starts a command in a process group of its own, so that stopping it stops what it started (npm runs a child). */
function start(argv: string[], cwd: string, env: NodeJS.ProcessEnv) {
  const child = spawn(argv[0]!, argv.slice(1), { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let out = "";
  child.stdout.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr.on("data", (c: Buffer) => (out += c.toString()));
  const done = new Promise<number | null>((resolve) => child.on("exit", resolve));
  const stop = () => {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      // already gone
    }
  };
  return { child, done, out: () => out, stop };
}

describe("docs/editing.md", () => {
  it("holds commands, and each one works as written", { timeout: 400_000 }, async () => {
    const commands = await guideCommands();
    expect(commands.length).toBeGreaterThanOrEqual(8);
    const work = await tempDir();
    const data = path.join(work, "_data");
    await cp(SAMPLE_DATA, data, { recursive: true });
    // npm runs in the project; the environment points it at the copy, as --data and --output would.
    const env = { REPORT_DATA: data, REPORT_OUTPUT: await warmOutput({ parent: work, name: "output" }) };
    await warmOutput({ parent: work, name: ".preview" });
    for (const command of commands) {
      const argv = words(command);
      if (command === "npm run dev" || argv[0] === "python3") {
        const port = await freePort();
        const run = command === "npm run dev"
          ? start(["npm", "run", "dev", "--", "--port", String(port), "--output", path.join(work, ".preview")], ROOT, env)
          : start(argv.map((w) => (w === "8000" ? String(port) : w)), work, env);
        try {
          await waitFor(async () => (await fetch(`http://localhost:${port}/`).then((r) => r.status).catch(() => 0)) === 200, 60_000, run.out);
        } finally {
          run.stop();
          await run.done;
        }
        continue;
      }
      expect(argv[0], command).toBe("npm");
      const run = start(argv, ROOT, env);
      const code = await run.done;
      expect(code, `${command}\n${run.out()}`).toBe(0);
    }
    // What the guide says the first command writes, it wrote.
    await expect(readFile(path.join(data, "events/2020/2020-03-14-ankara-meeting-silk-routes-region-working-group.yaml"), "utf8")).resolves.toContain("title:");
  });
});

/** The field names in the first column of the first table after `heading` in docs/data.md. */
async function documentedFields(heading: string): Promise<string[]> {
  const lines = (await readFile(path.join(ROOT, "docs", "data.md"), "utf8")).split("\n");
  const start = lines.findIndex((l) => l.startsWith(heading));
  const header = lines.findIndex((l, i) => i > start && l.startsWith("| Field |"));
  const rows = lines.slice(header + 2);
  return rows.slice(0, rows.findIndex((l) => !l.startsWith("|"))).flatMap((row) => [...row.split("|")[1]!.matchAll(/`([a-z_]+)`/g)].map((m) => m[1]!));
}

describe("docs/data.md", () => {
  it("lists in its tables of report.yaml and of an edition exactly the fields the contract allows", async () => {
    expect((await documentedFields("### report.yaml")).sort()).toEqual(Object.keys(reportSchema.shape).sort());
    expect((await documentedFields("Each edition is written under its year")).sort()).toEqual(Object.keys(editionSchema.shape).sort());
  });
});
