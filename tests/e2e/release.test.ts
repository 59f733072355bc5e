/**
 * `check --release` on the sample as built by the global setup: the final reports go out, the 2019 draft does not,
 * and a PDF that fails a check is named. A released report changes only with a corrigendum, and its earlier PDF stays,
 * in English and in each further language it went out in.
 */
import { existsSync } from "node:fs";
import { cp, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.ts";
import { cleanUp, SAMPLE_DATA, sampleCopy, snapshot, tempDir } from "../helpers/data.ts";
import { pdfPages } from "../helpers/pdf.ts";
import { builtSite, warmOutput } from "../helpers/sites.ts";

afterAll(cleanUp);

const site = builtSite("sample").dir;
const release = (...args: string[]) => runCli(["check", "--release", ...args, "--data", SAMPLE_DATA, "--output", site]);

/** The line and column of `status: draft` under the 2019 edition of the sample's report.yaml. */
async function draftStatus(): Promise<string> {
  const lines = (await readFile(path.join(SAMPLE_DATA, "report.yaml"), "utf8")).split("\n");
  const edition = lines.indexOf("  2019:");
  const status = lines.findIndex((line, i) => i > edition && /^ {4}status: draft$/.test(line));
  return `${status + 1}:5`;
}

describe("check --release on the built sample", () => {
  it("passes the final editions, 2016 to 2018, by default, with their PDFs checked", async () => {
    const run = await release();
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe(`Ready for release: the reports of 2016, 2017 and 2018; 5 PDFs in ${site} meet every machine check of PDF/UA-1 and PDF/A-2u.\n`);
    expect(run.code).toBe(0);
  });

  it("refuses the 2019 draft, at its status in report.yaml", async () => {
    const run = await release("2019");
    expect(run.stderr).toBe([
      `_data/report.yaml:${await draftStatus()}: the report of 2019 is a draft: write status: final (or remove the line) when it is ready to go out`,
      "1 error, 0 warnings",
      "Not ready for release: 1 reason above, in checking the report of 2019.",
      "",
    ].join("\n"));
    expect(run.code).toBe(1);
  });

  it("names a PDF of the output that fails a machine check of PDF/UA-1", async () => {
    const copy = path.join(await tempDir(), "site");
    await cp(site, copy, { recursive: true });
    const pdf = path.join(copy, "2017", "budapest-process-activity-report-2017.pdf");
    const bytes = await readFile(pdf);
    const claim = bytes.indexOf("pdfuaid:part>1<");
    expect(claim).toBeGreaterThan(0);
    // The same number of bytes: only the claim of PDF/UA-1 changes, not where the objects are.
    bytes.write("pdfuaid:part>2<", claim, "latin1");
    await writeFile(pdf, bytes);
    const run = await runCli(["check", "--release", "2017", "2018", "--data", SAMPLE_DATA, "--output", copy]);
    expect(run.stderr).toContain(`${pdf}: fails a machine check of PDF/UA-1 and PDF/A-2u: Matterhorn 06-002: pdfuaid:part is 2\n`);
    expect(run.stderr).not.toContain("2018.pdf");
    expect(run.code).toBe(1);
  });

  it("refuses an output folder that holds no build", async () => {
    const empty = await tempDir();
    const run = await runCli(["check", "--release", "--data", SAMPLE_DATA, "--output", empty]);
    expect(run.stderr).toContain(`${empty}: holds no build to release: build the site with its PDFs first (activity-report build), then check it\n`);
    expect(run.code).toBe(1);
  });
});

describe("check's arguments", () => {
  it("takes report years and --output only with --release; a year is written YYYY", async () => {
    const years = await runCli(["check", "2019"]);
    expect(years.stderr).toMatch(/^activity-report check: unexpected argument "2019"; options start with --/);
    expect(years.code).toBe(2);
    const output = await runCli(["check", "--output", site]);
    expect(output.stderr).toMatch(/^activity-report check: --output goes with --release, which checks the PDFs of the built site\n/);
    expect(output.code).toBe(2);
    const short = await runCli(["check", "--release", "19"]);
    expect(short.stderr).toMatch(/^activity-report check: a report year is written YYYY, not "19"\n/);
    expect(short.code).toBe(2);
  });

  it("refuses a year with no report", async () => {
    const run = await release("2015");
    expect(run.stderr).toContain("_data: there is no report of 2015 to release: no activity of 2015 was held, and report.yaml has no edition for it\n");
    expect(run.code).toBe(1);
  });
});

describe("a released report", () => {
  const SARAJEVO = "events/2018/2018-05-07-sarajevo-joint-working-group.yaml";
  const PDF_2018 = "budapest-process-activity-report-2018.pdf";
  const PDF_2018_RU = "budapest-process-activity-report-2018-ru.pdf";

  it("changes only with a corrigendum, which its imprint and year page print, and its released PDF stays at its dated address", async () => {
    // In English alone, which the corrigendum is written in: each build prints the four English PDFs.
    const data = await sampleCopy({ languages: "none" });
    // The sample's build, as the release is made from it.
    const released = path.join(await tempDir(), "site");
    await cp(site, released, { recursive: true });
    const record = await runCli(["check", "--release", "--record", "--date", "2019-03-01", "--data", data, "--output", released]);
    expect(record.stderr).toBe("");
    expect(record.stdout).toBe(`Recorded as released on 2019-03-01: the reports of 2016, 2017 and 2018; their PDFs are kept under ${path.join(data, "releases")}. Commit them with report.yaml.\n`);
    expect(record.code).toBe(0);
    const kept = path.join(data, "releases", "2018", "2019-03-01.pdf");
    expect(await readFile(kept)).toEqual(await readFile(path.join(site, "2018", PDF_2018)));
    expect(await readFile(path.join(data, "report.yaml"), "utf8")).toMatch(/\n {4}releases:\n {6}- date: 2019-03-01\n {8}text: [\w-]{43}\n {2}2019:/);
    // Recorded once: the same text is released already.
    const again = await runCli(["check", "--release", "--record", "--data", data, "--output", released]);
    expect(again.stdout).toBe("Nothing to record: the reports of 2016, 2017 and 2018 are released as they are.\n");

    // One sentence of the 2018 report changes.
    const event = path.join(data, SARAJEVO);
    const text = await readFile(event, "utf8");
    expect(text).toContain("explained how they reintegrate returning citizens.");
    await writeFile(event, text.replace("explained how they reintegrate", "explained how they receive and reintegrate"));
    const output = await warmOutput();
    expect((await runCli(["build", "--data", data, "--output", output])).code).toBe(0);
    const refused = await runCli(["check", "--release", "--data", data, "--output", output]);
    const reportYaml = (await readFile(path.join(data, "report.yaml"), "utf8")).split("\n");
    const edition = `${path.join(data, "report.yaml")}:${reportYaml.indexOf("  2018:") + 1}:3`;
    expect(refused.stderr).toMatch(new RegExp(`^${edition.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: the report of 2018 was released on 2019-03-01, and the text of its PDF has changed since \\(page \\d+: "[^"]*explained how they reintegrate returning", "citizens\\." became "[^"]*explained how they receive and reinteg-", "rate returning citizens\\."\\): a released report changes only with a correction; name it under corrigenda, dated after 2019-03-01, with a note that says what was corrected, or undo the change\n`));
    expect(refused.stderr).not.toMatch(/report of 201[67]/);
    expect(refused.code).toBe(1);

    // The corrigendum names the change.
    const note = "The summary of the joint meeting in Sarajevo now says that Afghanistan and Iraq receive returning citizens.";
    const at = reportYaml.findIndex((line, i) => i > reportYaml.indexOf("  2018:") && line === "    releases:");
    reportYaml.splice(at, 0, "    corrigenda:", "      - date: 2019-06-01", `        note: ${note}`);
    await writeFile(path.join(data, "report.yaml"), reportYaml.join("\n"));
    expect((await runCli(["build", "--data", data, "--output", output])).code).toBe(0);
    const passed = await runCli(["check", "--release", "--data", data, "--output", output]);
    expect(passed.stderr).toBe("");
    expect(passed.code).toBe(0);
    const imprint = (await pdfPages(path.join(output, "2018", PDF_2018)))[1]!;
    expect(imprint).toContain(`Corrected version of 1 June 2019: ${note}`);
    expect(await readFile(path.join(output, "2018", "budapest-process-activity-report-2018-2019-03-01.pdf"))).toEqual(await readFile(kept));
    const page = await readFile(path.join(output, "2018", "index.html"), "utf8");
    expect(page).toContain(`<p class="correction">Corrected version of 1 June 2019: ${note}</p>`);
    expect(page).toContain('<a href="/2018/budapest-process-activity-report-2018-2019-03-01.pdf" type="application/pdf">version of 1 March 2019 (PDF)</a>');
    // The other reports were not corrected: they list no earlier version.
    expect(await readFile(path.join(output, "2017", "index.html"), "utf8")).not.toContain("earlier-versions");
  });

  it("is recorded, when its edition is final in further languages, in each of them", async () => {
    const data = await sampleCopy({ languages: "final" });
    const record = await runCli(["check", "--release", "--record", "--date", "2019-03-01", "--data", data, "--output", site]);
    expect(record.stderr).toBe("");
    expect(record.stdout).toBe(`Recorded as released on 2019-03-01: the reports of 2016, 2017 and 2018, and in Russian those of 2017 and 2018; their PDFs are kept under ${path.join(data, "releases")}. Commit them with report.yaml.\n`);
    expect(record.code).toBe(0);
    expect(await readFile(path.join(data, "releases", "ru", "2018", "2019-03-01.pdf"))).toEqual(await readFile(path.join(site, "ru", "2018", PDF_2018_RU)));
    expect(await readFile(path.join(data, "releases", "2018", "2019-03-01.pdf"))).toEqual(await readFile(path.join(site, "2018", PDF_2018)));
    // English's release, then Russian's, each with its own text.
    const written = await readFile(path.join(data, "report.yaml"), "utf8");
    const [, english, russian] = /\n {4}releases:\n {6}- date: 2019-03-01\n {8}text: ([\w-]{43})\n {6}- date: 2019-03-01\n {8}language: ru\n {8}text: ([\w-]{43})\n {2}2019:/.exec(written) ?? [];
    expect(english).toBeDefined();
    expect(russian).not.toBe(english);
    expect(written.match(/language: ru/g)).toHaveLength(2);
  });

  it("cannot be recorded while a report is not fit to go out, and --record and --date go with --release", async () => {
    const data = await sampleCopy({ languages: "final" });
    const draft = await runCli(["check", "--release", "2019", "--record", "--data", data, "--output", site]);
    expect(draft.stderr).toMatch(/\nNot ready for release, so nothing was recorded: 1 reason above\.\n$/);
    expect(draft.code).toBe(1);
    expect(await readFile(path.join(data, "report.yaml"), "utf8")).toBe(await readFile(path.join(SAMPLE_DATA, "report.yaml"), "utf8"));
    const alone = await runCli(["check", "--record", "--data", data]);
    expect(alone.stderr).toMatch(/^activity-report check: --record goes with --release/);
    expect(alone.code).toBe(2);
    const date = await runCli(["check", "--release", "--record", "--date", "1 March 2019", "--data", data]);
    expect(date.stderr).toMatch(/^activity-report check: --date must be a day written YYYY-MM-DD, not "1 March 2019"/);
    expect(date.code).toBe(2);
  });

  it("in Russian changes only with a corrigendum, which its Russian imprint and year page print in Russian, and its released Russian PDF stays at its dated address under /ru/", async () => {
    const data = await sampleCopy({ languages: "final" });
    expect((await runCli(["check", "--release", "--record", "--date", "2019-03-01", "--data", data, "--output", site])).code).toBe(0);
    const kept = path.join(data, "releases", "ru", "2018", "2019-03-01.pdf");

    // One sentence of the Russian 2018 report changes; its English stays as it was.
    const event = path.join(data, SARAJEVO.replace(/\.yaml$/, ".ru.yaml"));
    const text = await readFile(event, "utf8");
    expect(text).toContain("как они обеспечивают реинтеграцию");
    await writeFile(event, text.replace("как они обеспечивают реинтеграцию", "как они обеспечивают приём и реинтеграцию"));
    const output = await warmOutput();
    expect((await runCli(["build", "--data", data, "--output", output])).code).toBe(0);
    const refused = await runCli(["check", "--release", "--data", data, "--output", output]);
    const reportYaml = (await readFile(path.join(data, "report.yaml"), "utf8")).split("\n");
    const languages = reportYaml.findIndex((line, i) => i > reportYaml.indexOf("  2018:") && line === "    languages: {ru: final}");
    const at = `${path.join(data, "report.yaml")}:${languages + 1}:${reportYaml[languages]!.indexOf("ru") + 1}`;
    const [reason, ...rest] = refused.stderr.split("\n");
    expect(reason!.startsWith(`${at}: the report of 2018 in Russian was released on 2019-03-01, and the text of its Russian PDF has changed since (page `)).toBe(true);
    expect(reason).toMatch(/ became "[^"]*приём/);
    expect(reason!.endsWith("): a released report changes only with a correction; name it under corrigenda, dated after 2019-03-01, with a note that says what was corrected, and its Russian in report.ru.yaml, or undo the change")).toBe(true);
    expect(rest.join("\n")).toBe("1 error, 0 warnings\nNot ready for release: 1 reason above, in checking the reports of 2016, 2017 and 2018.\n");
    expect(refused.code).toBe(1);

    // The corrigendum names the change, in English and in Russian: the report's corrigenda are one list, in each language's words.
    const note = "The Russian summary of the joint meeting in Sarajevo now says that Afghanistan and Iraq receive returning citizens.";
    const noteRu = "В русском тексте резюме совместного заседания в Сараево уточнено, что Афганистан и Ирак принимают возвращающихся граждан.";
    reportYaml.splice(reportYaml.indexOf("  2018:") + 1, 0, "    corrigenda:", "      - date: 2019-06-01", `        note: ${note}`);
    await writeFile(path.join(data, "report.yaml"), reportYaml.join("\n"));
    const russianYaml = path.join(data, "report.ru.yaml");
    const russianLines = (await readFile(russianYaml, "utf8")).split("\n");
    russianLines.splice(russianLines.indexOf("  2018:") + 1, 0, "    corrigenda:", `      - note: ${noteRu}`);
    await writeFile(russianYaml, russianLines.join("\n"));
    expect((await runCli(["build", "--data", data, "--output", output])).code).toBe(0);
    const passed = await runCli(["check", "--release", "--data", data, "--output", output]);
    expect(passed.stderr).toBe("");
    expect(passed.code).toBe(0);

    // Spaces as one; the punctuation set in the Latin face is a run of its own in the PDF, read after a space.
    const spaced = (text: string) => text.replace(/[\s\u202f\u00a0]+/gu, " ").replace(/ (?=[.,:;])/g, "");
    const imprint = spaced((await pdfPages(path.join(output, "ru", "2018", PDF_2018_RU)))[1]!);
    expect(imprint).toContain(`Исправленная версия от 1 июня 2019 г.: ${noteRu}`);
    expect(imprint).not.toContain("Corrected version");
    expect(await readFile(path.join(output, "ru", "2018", "budapest-process-activity-report-2018-ru-2019-03-01.pdf"))).toEqual(await readFile(kept));
    const page = spaced(await readFile(path.join(output, "ru", "2018", "index.html"), "utf8"));
    expect(page).toContain(`<p class="correction">Исправленная версия от 1 июня 2019 г.: ${noteRu}</p>`);
    expect(page).toContain('<p class="earlier-versions">Предыдущие версии: <a href="/ru/2018/budapest-process-activity-report-2018-ru-2019-03-01.pdf" type="application/pdf">версия от 1 марта 2019 г. (PDF)</a></p>');
    // English lists its own earlier version, and the same correction in its words.
    const english = await readFile(path.join(output, "2018", "index.html"), "utf8");
    expect(english).toContain(`<p class="correction">Corrected version of 1 June 2019: ${note}</p>`);
    expect(english).toContain('<a href="/2018/budapest-process-activity-report-2018-2019-03-01.pdf" type="application/pdf">version of 1 March 2019 (PDF)</a>');
    expect(english).not.toContain("-ru-2019-03-01.pdf");
    // Russian 2017 was not corrected: it lists no earlier version.
    expect(await readFile(path.join(output, "ru", "2017", "index.html"), "utf8")).not.toContain("earlier-versions");

    // The corrected report cannot be recorded on the day of the release it corrects, in either language; nothing is written.
    const before = await snapshot(data);
    const sameDay = await runCli(["check", "--release", "--record", "--date", "2019-03-01", "--data", data, "--output", output]);
    const releaseAt = (lines: readonly string[], language: string) => {
      const i = lines.findIndex((line, n) => n > lines.indexOf("  2018:") && line === "      - date: 2019-03-01" && (lines[n + 1] === "        language: ru") === (language === "ru"));
      return `${path.join(data, "report.yaml")}:${i + 1}:9`;
    };
    expect(sameDay.stderr).toBe([
      `${releaseAt(reportYaml, "en")}: the report of 2018 has a release of 2019-03-01 already, with another text: record this one on another day (--date)`,
      `${releaseAt(reportYaml, "ru")}: the report of 2018 in Russian has a release of 2019-03-01 already, with another text: record this one on another day (--date)`,
      "2 errors, 0 warnings",
      "Nothing was recorded: the 2 releases above cannot be recorded on 2019-03-01.",
      "",
    ].join("\n"));
    expect(sameDay.code).toBe(1);
    expect(await snapshot(data)).toEqual(before);
    // On a later day, the corrected report is recorded in both languages: the correction is printed in both.
    const corrected = await runCli(["check", "--release", "--record", "--date", "2019-06-02", "--data", data, "--output", output]);
    expect(corrected.stdout).toBe(`Recorded as released on 2019-06-02: the report of 2018, and in Russian that of 2018; their PDFs are kept under ${path.join(data, "releases")}. Commit them with report.yaml.\n`);
    expect(await readFile(path.join(data, "releases", "ru", "2018", "2019-06-02.pdf"))).toEqual(await readFile(path.join(output, "ru", "2018", PDF_2018_RU)));
  }, 360_000);

  it("in a language that became final after its English release is recorded in it at the next --record, and stays final in it", async () => {
    // Released in English while Russian was a draft: the draft translation was not released.
    const data = await sampleCopy();
    const first = await runCli(["check", "--release", "--record", "--date", "2019-03-01", "--data", data, "--output", site]);
    expect(first.stdout).toMatch(/^Recorded as released on 2019-03-01: the reports of 2016, 2017 and 2018; /);
    expect(existsSync(path.join(data, "releases", "ru"))).toBe(false);

    // Russian is final now: the check passes (its PDF is checked; it has no release to compare with yet), and the next record makes its first.
    const file = path.join(data, "report.yaml");
    const finals = (await readFile(file, "utf8")).replace("languages: {ru: draft}", "languages: {ru: final}").replace("languages: {ru: draft}", "languages: {ru: final}");
    await writeFile(file, finals);
    const check = await runCli(["check", "--release", "--data", data, "--output", site]);
    expect(check.stdout).toBe(`Ready for release: the reports of 2016, 2017 and 2018; 5 PDFs in ${site} meet every machine check of PDF/UA-1 and PDF/A-2u.\n`);
    const next = await runCli(["check", "--release", "--record", "--date", "2019-05-01", "--data", data, "--output", site]);
    expect(next.stderr).toBe("");
    expect(next.stdout).toBe(`Recorded as released on 2019-05-01: the reports of 2017 and 2018 in Russian; their PDFs are kept under ${path.join(data, "releases")}. Commit them with report.yaml.\n`);
    expect(await readFile(path.join(data, "releases", "ru", "2017", "2019-05-01.pdf"))).toEqual(await readFile(path.join(site, "ru", "2017", "budapest-process-activity-report-2017-ru.pdf")));
    expect(await readFile(file, "utf8")).toMatch(/\n {6}- date: 2019-03-01\n {8}text: [\w-]{43}\n {6}- date: 2019-05-01\n {8}language: ru\n {8}text: [\w-]{43}\n {2}2019:/);
    const again = await runCli(["check", "--release", "--record", "--data", data, "--output", site]);
    expect(again.stdout).toBe("Nothing to record: the reports of 2016, 2017 and 2018 are released as they are.\n");

    // Made a draft in Russian again, the released Russian report would change unchecked: refused, at its language.
    const lines = (await readFile(file, "utf8")).split("\n");
    const at = lines.findIndex((line, i) => i > lines.indexOf("  2018:") && line === "    languages: {ru: final}");
    lines[at] = "    languages: {ru: draft}";
    await writeFile(file, lines.join("\n"));
    const draft = await runCli(["check", "--release", "--data", data, "--output", site]);
    expect(draft.stderr).toContain(`${file}:${at + 1}:17: the report of 2018 was released in Russian on 2019-05-01, and is a draft in Russian now: a released report stays a record in each language it went out in; write ru: final, and name what changed under corrigenda\n`);
    expect(draft.code).toBe(1);
    // Without Russian at all, its released PDFs could not stay published: check refuses it, at the release's language.
    lines.splice(at, 1);
    await writeFile(file, lines.join("\n"));
    const dropped = await runCli(["check", "--data", data]);
    const release = lines.findIndex((line, i) => i > lines.indexOf("  2018:") && line === "        language: ru");
    expect(dropped.stderr).toContain(`${file}:${release + 1}:19: the report of 2018 was released in Russian on 2019-05-01, and its edition does not name ru under languages: a released report stays published in each language it went out in; write ru: final under languages\n`);
    expect(dropped.code).toBe(1);
  }, 240_000);
});
