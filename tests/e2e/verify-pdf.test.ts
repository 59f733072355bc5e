/** `npm run verify-pdf`: the machine checks on the built PDFs, veraPDF's verdict when it is installed, and how to install it when not. */
import { chmod, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CHECKS } from "../../src/pdf/checks/conformance.ts";
import { findVeraPdf, parseVeraPdfReport, verifyPdfs } from "../../src/pdf/checks/verify.ts";
import { cleanUp, put, tempDir } from "../helpers/data.ts";
import { builtSite } from "../helpers/sites.ts";

afterAll(cleanUp);

const { dir } = builtSite("sample");
const PDF_2017 = path.join(dir, "2017", "budapest-process-activity-report-2017.pdf");

/** A veraPDF report of the form veraPDF writes (--format mrr), one job per file. */
const report = (jobs: { file: string; profile: string; compliant: boolean; failed?: { clause: string; test: number; description: string; checks: number }[] }[]) => `<?xml version="1.0" encoding="utf-8"?>
<report>
  <buildInformation><releaseDetails id="core" version="1.28.2" buildDate="2025-07-15T16:07:00+03:00"></releaseDetails></buildInformation>
  <jobs>${jobs.map((job) => `
    <job>
      <item size="1000"><name>${job.file}</name></item>
      <validationReport jobEndStatus="normal" profileName="${job.profile}" statement="..." isCompliant="${job.compliant}">
        <details passedRules="100" failedRules="${job.failed?.length ?? 0}" passedChecks="5000" failedChecks="${job.failed?.reduce((n, f) => n + f.checks, 0) ?? 0}">${(job.failed ?? []).map((f) => `
          <rule specification="ISO 14289-1:2014" clause="${f.clause}" testNumber="${f.test}" status="failed" failedChecks="${f.checks}">
            <description>${f.description}</description>
            <object>PDAnnot</object>
            <check status="failed"><context>root/document[0]/pages[0]</context><errorMessage>x</errorMessage></check>
          </rule>`).join("")}
          <rule specification="ISO 14289-1:2014" clause="7.1" testNumber="1" status="passed" passedChecks="10" failedChecks="0"><description>passes</description></rule>
        </details>
      </validationReport>
      <duration start="1" finish="2">00:00:00.100</duration>
    </job>`).join("")}
  </jobs>
</report>
`;

/** A stand-in for veraPDF: prints `ua1`'s or `2u`'s report, whichever --flavour asks for. */
async function fakeVeraPdf(ua1: string, pdfa: string): Promise<string> {
  const folder = await tempDir();
  await put(folder, "ua1.xml", ua1);
  await put(folder, "2u.xml", pdfa);
  const script = path.join(folder, "verapdf");
  await writeFile(script, `#!/bin/sh\ncat "${folder}/$2.xml"\ngrep -q 'isCompliant="false"' "${folder}/$2.xml" && exit 1\nexit 0\n`);
  await chmod(script, 0o755);
  return script;
}

const captured = () => {
  const lines: string[] = [];
  return { lines, io: { out: (l: string) => lines.push(l), err: (l: string) => lines.push(`! ${l}`) } };
};

describe("parseVeraPdfReport", () => {
  it("reads each job's file, profile, verdict and failed rules", () => {
    const results = parseVeraPdfReport(report([
      { file: "/a.pdf", profile: "PDF/UA-1 validation profile", compliant: true },
      { file: "/b.pdf", profile: "PDF/UA-1 validation profile", compliant: false, failed: [{ clause: "7.18.5", test: 2, description: "Links shall contain an alternate description via their Contents key", checks: 3 }] },
    ]));
    expect(results).toEqual([
      { file: "/a.pdf", profile: "PDF/UA-1 validation profile", compliant: true, failures: [] },
      { file: "/b.pdf", profile: "PDF/UA-1 validation profile", compliant: false, failures: ["ISO 14289-1:2014 7.18.5 (test 2): Links shall contain an alternate description via their Contents key (3 checks)"] },
    ]);
  });
});

describe("verifyPdfs", () => {
  it("without veraPDF: runs the machine checks, says how to install veraPDF, and exits 3", async () => {
    const { lines, io } = captured();
    const env = { PATH: await tempDir(), HOME: await tempDir() };
    expect(findVeraPdf(env)).toBeUndefined();
    expect(await verifyPdfs([PDF_2017], io, env)).toBe(3);
    expect(CHECKS.length).toBeGreaterThanOrEqual(22);
    expect(lines[0]).toBe(`${PDF_2017}: meets all ${CHECKS.length} machine checks of PDF/UA-1 and PDF/A-2u`);
    expect(lines.join("\n")).toContain("https://verapdf.org/software/");
  });

  it("with veraPDF (on PATH or named by VERAPDF): its verdict for each profile; 0 when all comply, 1 when one does not", async () => {
    const ok = await fakeVeraPdf(
      report([{ file: PDF_2017, profile: "PDF/UA-1 validation profile", compliant: true }]),
      report([{ file: PDF_2017, profile: "PDF/A-2U validation profile", compliant: true }]),
    );
    expect(findVeraPdf({ PATH: path.dirname(ok) })).toBe(ok);
    const first = captured();
    expect(await verifyPdfs([PDF_2017], first.io, { PATH: path.dirname(ok) })).toBe(0);
    expect(first.lines.slice(1)).toEqual([`${PDF_2017}: veraPDF PDF/UA-1 validation profile: compliant`, `${PDF_2017}: veraPDF PDF/A-2U validation profile: compliant`]);

    const bad = await fakeVeraPdf(
      report([{ file: PDF_2017, profile: "PDF/UA-1 validation profile", compliant: false, failed: [{ clause: "7.21.4.1", test: 1, description: "The font programs for all fonts used for rendering within a conforming file shall be embedded", checks: 2 }] }]),
      report([{ file: PDF_2017, profile: "PDF/A-2U validation profile", compliant: true }]),
    );
    const second = captured();
    expect(await verifyPdfs([PDF_2017], second.io, { VERAPDF: bad, PATH: "" })).toBe(1);
    expect(second.lines).toContain(`${PDF_2017}: veraPDF PDF/UA-1 validation profile: not compliant, 1 rule failed`);
    expect(second.lines).toContain("  ISO 14289-1:2014 7.21.4.1 (test 1): The font programs for all fonts used for rendering within a conforming file shall be embedded (2 checks)");
  });

  it("a file that is not a PDF fails the machine checks by name, and no file at all exits 2", async () => {
    const notPdf = await put(await tempDir(), "report.pdf", "not a PDF");
    const { lines, io } = captured();
    const env = { PATH: "", HOME: await tempDir() };
    expect(await verifyPdfs([notPdf], io, env)).toBe(1);
    expect(lines[1]).toMatch(/^ {2}cannot be read as a PDF: /);
    const none = captured();
    expect(await verifyPdfs([], none.io, env)).toBe(2);
    expect(none.lines[0]).toContain("no PDF to check");
  });
});
