/**
 * `npm run verify-pdf [FILE…]`: the built PDFs against PDF/UA-1 and PDF/A-2u. The machine
 * checks of conformance.ts always run; veraPDF, the reference validator (a Java program that
 * is not on npm or Debian), runs too when it is installed, with its PDF/UA-1 and PDF/A-2u
 * profiles. Without FILE, every PDF under output/.
 */
import { execFile } from "node:child_process";
import { accessSync, constants, readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import path from "node:path";
import { SaxesParser } from "saxes";
import { plural } from "../../format/text.ts";
import { CHECKS, conformanceProblems } from "./conformance.ts";

export const VERAPDF_INSTALL = [
  "veraPDF is not installed, so only the machine checks above ran. To run veraPDF as well:",
  "  1. install Java 11 or later (Debian: apt-get install default-jre-headless);",
  "  2. download the veraPDF installer from https://verapdf.org/software/ and run it (java -jar verapdf-installer.jar);",
  "  3. put its folder on PATH, or set VERAPDF to its verapdf script, e.g. VERAPDF=~/verapdf/verapdf npm run verify-pdf.",
].join("\n");

/** The veraPDF command: $VERAPDF, `verapdf` on PATH, or where its installer puts it. */
export function findVeraPdf(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const runnable = (file: string) => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (env.VERAPDF) return env.VERAPDF;
  const onPath = (env.PATH ?? "").split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, "verapdf"));
  return [...onPath, path.join(homedir(), "verapdf", "verapdf"), "/opt/verapdf/verapdf", "/usr/local/verapdf/verapdf"].find(runnable);
}

export interface VeraPdfResult {
  readonly file: string;
  readonly profile: string;
  readonly compliant: boolean;
  /** Each failed rule: `ISO 14289-1:2014 7.18.5 (test 2): <description> (3 checks)`. */
  readonly failures: readonly string[];
}

/** The jobs of a veraPDF machine-readable report (its default XML output). */
export function parseVeraPdfReport(xml: string): VeraPdfResult[] {
  const results: VeraPdfResult[] = [];
  const parser = new SaxesParser();
  let file = "";
  let current: { profile: string; compliant: boolean; failures: string[] } | undefined;
  let rule: { attributes: Record<string, string>; description: string } | undefined;
  let text = "";
  parser.on("opentag", (tag) => {
    const a = tag.attributes as Record<string, string>;
    text = "";
    if (tag.name === "validationReport") current = { profile: a.profileName ?? "", compliant: a.isCompliant === "true", failures: [] };
    else if (tag.name === "rule" && a.status === "failed") rule = { attributes: a, description: "" };
  });
  parser.on("text", (t) => (text += t));
  parser.on("closetag", (tag) => {
    if (tag.name === "name" && current === undefined) file = text.trim();
    else if (tag.name === "description" && rule) rule.description = text.replace(/\s+/g, " ").trim();
    else if (tag.name === "rule" && rule && current) {
      const a = rule.attributes;
      current.failures.push(`${a.specification ?? ""} ${a.clause ?? ""} (test ${a.testNumber ?? "?"}): ${rule.description} (${a.failedChecks ?? "?"} checks)`.trim());
      rule = undefined;
    } else if (tag.name === "validationReport" && current) {
      results.push({ file, ...current });
      current = undefined;
    }
    text = "";
  });
  parser.write(xml).close();
  return results;
}

function runVeraPdf(command: string, flavour: "ua1" | "2u", files: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    // veraPDF exits 1 when a file does not comply: its report says so; only a report that is missing is a failure.
    execFile(command, ["--flavour", flavour, "--format", "mrr", ...files], { maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (stdout.includes("<report")) resolve(stdout);
      else reject(new Error(`${command} --flavour ${flavour} failed: ${(stderr || error?.message || "no report").trim()}`));
    });
  });
}

/** The PDFs under `dir`, sorted. */
export function pdfsUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".pdf")).map((f) => path.join(dir, f)).sort();
  } catch {
    return [];
  }
}

export interface VerifyIo {
  out(line: string): void;
  err(line: string): void;
}

/** Exit codes: 0 every check passed (veraPDF included), 1 a check failed, 2 no PDF to check, 3 veraPDF is not installed. */
export async function verifyPdfs(files: readonly string[], io: VerifyIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (files.length === 0) {
    io.err("verify-pdf: no PDF to check: build the site first (npm run build), or name the files: npm run verify-pdf -- FILE.pdf");
    return 2;
  }
  let failed = false;
  for (const file of files) {
    let problems: string[];
    try {
      problems = await conformanceProblems(await readFile(file));
    } catch (error) {
      problems = [`cannot be read as a PDF: ${(error as Error).message}`];
    }
    failed ||= problems.length > 0;
    io.out(problems.length === 0 ? `${file}: meets all ${CHECKS.length} machine checks of PDF/UA-1 and PDF/A-2u` : `${file}: ${plural(problems.length, "problem")}`);
    for (const p of problems) io.out(`  ${p}`);
  }
  const command = findVeraPdf(env);
  if (!command) {
    io.err(VERAPDF_INSTALL);
    return failed ? 1 : 3;
  }
  for (const flavour of ["ua1", "2u"] as const) {
    for (const result of parseVeraPdfReport(await runVeraPdf(command, flavour, files))) {
      failed ||= !result.compliant;
      io.out(`${result.file}: veraPDF ${result.profile}: ${result.compliant ? "compliant" : `not compliant, ${plural(result.failures.length, "rule")} failed`}`);
      for (const f of result.failures) io.out(`  ${f}`);
    }
  }
  return failed ? 1 : 0;
}
