import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { ROOT } from "./data.ts";

const require = createRequire(import.meta.url);

function run(command: string, args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (out += c.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out }));
  });
}

/** Broken internal links and #fragments in the given pages, as hyperlink reports them ("not ok" blocks). */
export async function brokenLinks(root: string, pages: readonly string[]): Promise<string[]> {
  const bin = path.join(path.dirname(require.resolve("hyperlink/package.json")), "lib", "cli.js");
  const { out } = await run(process.execPath, [bin, "--root", root, "--internal", ...pages.map((p) => path.join(root, p))]);
  const failures = out.split(/\n(?=not ok |ok )/).filter((block) => block.startsWith("not ok"));
  if (!/^# (pass|fail) /m.test(out) && failures.length === 0) throw new Error(`hyperlink did not run:\n${out}`);
  return failures.map((block) => block.split("\n").filter((l) => /^not ok|actual|at:/.test(l.trim())).join(" ").replace(/\s+/g, " "));
}

/** Errors the Nu Html Checker finds in the HTML files under `dir`. */
export async function htmlErrors(dir: string): Promise<string[]> {
  const jar = path.join(path.dirname(require.resolve("vnu-jar/package.json")), "build", "dist", "vnu.jar");
  const { code, out } = await run("java", ["-jar", jar, "--errors-only", "--skip-non-html", "--format", "gnu", dir]);
  const errors = out.split("\n").filter((l) => l.trim() !== "");
  if (code !== 0 && errors.length === 0) throw new Error(`the Nu Html Checker failed with exit code ${code}`);
  return errors;
}
