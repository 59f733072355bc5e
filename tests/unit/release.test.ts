/** `check --release` reads the data as check does: what check refuses, it refuses; what only warns, it tells. */
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cleanUp, put, ROOT, sampleCopy, tempDir } from "../helpers/data.ts";
import { runMain } from "../helpers/main.ts";

afterAll(cleanUp);

describe("check --release and the catalogues of the report's words", () => {
  it("refuses a catalogue whose message does not parse, as check does, before looking at any report", async () => {
    const data = await sampleCopy();
    await put(data, "locales/ar.yaml", "site:\n  nav:\n    reports: \"{n, plural, one {x}\"\n");
    const run = await runMain(["check", "--release", "--data", data, "--output", await tempDir()]);
    expect(run.stderr).toMatch(/ar\.yaml:3:5: site\.nav\.reports: is not ICU MessageFormat/);
    // Nothing of the release check is told (the project's own path, in the English catalogue's places, may hold the word).
    expect(run.stderr.replaceAll(ROOT, "")).not.toContain("release");
    expect(run.code).toBe(1);
  });

  it("tells what a language lacks as a warning, not as a reason: the reports are published in English", async () => {
    const data = await sampleCopy();
    await put(data, "locales/ar.yaml", "site:\n  nav:\n    reports: التقارير\n");
    const output = await tempDir();
    const run = await runMain(["check", "--release", "--data", data, "--output", output]);
    expect(run.stderr).toContain(`${path.join(data, "locales", "ar.yaml")}:2:3: warning: site.nav.about has no ar text; English is printed instead (`);
    // The one reason: there is no build to check.
    expect(run.stderr).toContain(`\n1 error, `);
    expect(run.stderr).toContain(`${output}: holds no build to release`);
    expect(run.code).toBe(1);
  });
});
