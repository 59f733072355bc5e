import { spawn } from "node:child_process";
import { readdir, readFile, stat, symlink } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDataOrThrow } from "../../src/data/load.ts";
import { buildSite } from "../../src/report/model.ts";
import { runCli, type Run } from "../helpers/cli.ts";
import { besideOutput, cleanUp, put, ROOT, sampleCopy, SAMPLE_DATA, tempDir, snapshot } from "../helpers/data.ts";
import { builtSite, warmOutput } from "../helpers/sites.ts";
import { pdfPages } from "../helpers/pdf.ts";

afterAll(cleanUp);


describe("activity-report build on the sample data", () => {
  let output: string;
  let run: Run;
  const site = loadDataOrThrow(SAMPLE_DATA).then(({ data }) => buildSite(data));

  beforeAll(() => {
    ({ dir: output, run } = builtSite("sample"));
  });

  it("succeeds with one summary line, then the key figures, and its progress on standard error", () => {
    expect(run.code).toBe(0);
    // 2016 to 2019 in English, and the three editions published in Russian.
    expect(run.stdout.split("\n")[0]).toMatch(/^Built \d+ pages and 7 PDFs \(\d+ KB\) into .+ in \d+\.\d s$/);
    expect(run.stdout).toContain("2018: activities held 1; participants 60; state delegations 29\n");
    // A total over some of the activities says so; a year of planned activities alone says none was held.
    expect(run.stdout).toContain("2017: activities held 5; participants at least 142, from 4 of 5 activities; states that took part at least 2, from 2 of 5 activities;");
    expect(run.stdout).toContain("2019: no activity held\n");
    expect(run.stderr).toMatch(/^Checked 9 events: the data is valid\.\nPublished \d+ picture files \(\d+ encoded\)\.\nRendered \d+ pages\.\n(Printed [^\n]+ \(\d of 7\): \d+ pages, \d+ KB\.\n){7}Built the search index\.\n$/);
    // Each report in English, and those of the editions published in Russian, in their titles.
    expect(run.stderr.match(/^Printed Annual Activity Report 201[6789] \(/gm)).toHaveLength(4);
  });

  it("writes a home page listing every report year", async () => {
    const home = await readFile(path.join(output, "index.html"), "utf8");
    for (const year of [2016, 2017, 2018]) expect(home).toContain(`href="/${year}/"`);
  });

  it("writes a page per year with each event's dateline and title", async () => {
    for (const report of (await site).reports) {
      const page = await readFile(path.join(output, String(report.year), "index.html"), "utf8");
      for (const event of report.events) {
        expect(page).toContain(`${event.location}, <time datetime="${event.date.iso}">${event.dateText}</time>`);
        expect(page).toContain(event.title);
      }
    }
    // The sample's 2017 edition names the day it was published, and no reference.
    expect(await readFile(path.join(output, "2017", "index.html"), "utf8")).toContain('<p class="document">Published <time datetime="2018-04-30">30 April 2018</time></p>');
    const y2018 = await readFile(path.join(output, "2018", "index.html"), "utf8");
    expect(y2018).toContain('Sarajevo, <time datetime="2018-05-07">7–8 May 2018</time>');
  });

  it("prints a PDF per year that holds every event of that year", async () => {
    for (const report of (await site).reports) {
      const pdf = path.join(output, String(report.year), `budapest-process-activity-report-${report.year}.pdf`);
      const text = (await pdfPages(pdf)).join(" ");
      expect(text).toContain(`Annual Activity Report ${report.year}`);
      for (const event of report.events) {
        expect(text).toContain(event.title);
        expect(text).toContain(event.dateText);
      }
    }
    const pages2016 = await pdfPages(path.join(output, "2016", "budapest-process-activity-report-2016.pdf"));
    expect(pages2016[0]).toContain("Prepared by the Budapest Process Secretariat for the Senior Officials Meeting, Antalya, 15 December 2017");
    expect(pages2016[1]).toMatch(/Page 2 of \d+/);
  });

  it("shows the key figures computed from the events, the same on the page and in the PDF", async () => {
    const page = await readFile(path.join(output, "2017", "index.html"), "utf8");
    expect(page).toContain('<dt>Participants</dt><dd>at least 142<span class="coverage"><span class="visually-hidden">, </span>from 4 of 5 activities</span></dd>');
    expect(page).toContain('<dt>Women, where reported</dt><dd>20%<span class="coverage"><span class="visually-hidden">, </span>from 1 of 5 activities</span></dd>');
    expect(page).toMatch(/<th scope="row">Silk Routes Partnership Project<\/th><td class="num">2<\/td>/);
    const pdf = (await pdfPages(path.join(output, "2017", "budapest-process-activity-report-2017.pdf"))).join(" ");
    expect(pdf).toContain("at least 142");
    expect(pdf).toContain("20%");
  });

  it("marks the output folder as its own, and writes the PDF's pages and size beside its link, and that it is tagged", async () => {
    await expect(stat(path.join(output, ".activity-report-output"))).resolves.toBeTruthy();
    const home = await readFile(path.join(output, "index.html"), "utf8");
    const pdf = path.join(output, "2018", "budapest-process-activity-report-2018.pdf");
    const pages = (await pdfPages(pdf)).length;
    const kb = Math.round((await stat(pdf)).size / 1024);
    expect(home).toContain(`href="/2018/budapest-process-activity-report-2018.pdf" type="application/pdf">Download the report (PDF, ${pages} pages, ${kb} KB, tagged for screen readers)</a>`);
    expect(home).not.toContain("<!--pdf-size");
  });

  it("leaves no staging folder behind", async () => {
    const siblings = await besideOutput(path.dirname(output));
    expect(siblings).toEqual(["site"]);
  });
});

describe("activity-report build with broken data", () => {
  it("exits 1, prints every error with its place, and leaves the output folder as it was", async () => {
    const data = await sampleCopy();
    await put(data, "events/2018/2018-05-07-sarajevo-joint-working-group.yaml", "title: Joint meeting\ntype: working-group-meeting\ndate: 2018-05-07\nend: 2018-05-06\nplace: sarajevo\nstrands: [silk-routes-working-group]\nsummary: x\nparticpants: 60\n");
    const output = path.join(await tempDir(), "output");
    await put(output, "index.html", "<p>the published report</p>\n");
    await put(output, "2018/budapest-process-activity-report-2018.pdf", "%PDF-1.4 previous\n");
    const before = await snapshot(output);
    const mtime = (await stat(path.join(output, "index.html"))).mtimeMs;

    const run = await runCli(["build", "--data", data, "--output", output]);

    expect(run.code).toBe(1);
    const file = path.join(data, "events/2018/2018-05-07-sarajevo-joint-working-group.yaml");
    expect(run.stderr).toContain(`${file}:4:6: end 2018-05-06 is before date 2018-05-07\n`);
    expect(run.stderr).toContain(`${file}:8:1: unknown field "particpants", did you mean "participants"?\n`);
    expect(run.stderr).toContain("2 errors, 0 warnings");
    expect(run.stdout).toBe("");
    expect(await snapshot(output)).toEqual(before);
    expect((await stat(path.join(output, "index.html"))).mtimeMs).toBe(mtime);
    expect(await besideOutput(path.dirname(output))).toEqual(["output"]);
  });
});

describe("the output folder", () => {
  it("is never a folder that holds other things: the data, the project, or unknown files", async () => {
    const data = await sampleCopy();
    const parent = path.dirname(data);
    await put(parent, "notes.txt", "keep me");
    for (const output of [parent, data, path.join(data, "site")]) {
      const run = await runCli(["build", "--data", data, "--output", output, "--no-pdf"]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^activity-report build: the output folder .* (would replace|holds files)/m);
    }
    expect(await readFile(path.join(parent, "notes.txt"), "utf8")).toBe("keep me");
    await expect(stat(path.join(data, "report.yaml"))).resolves.toBeTruthy();
  });

  it("that is a link to nothing is refused at once, before anything is rendered or printed", async () => {
    const parent = await tempDir();
    const output = path.join(parent, "site");
    await symlink(path.join(parent, "gone"), output);
    const run = await runCli(["build", "--data", SAMPLE_DATA, "--output", output]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`Checked 9 events: the data is valid.\nactivity-report build: the output folder ${output} is a link to ${path.join(parent, "gone")}, which does not exist; create that folder, or choose another output folder\n`);
    expect(await besideOutput(parent)).toEqual(["site"]);
  });

  it("a one-year preview goes to its own folder unless --output is given", async () => {
    const cwd = await tempDir();
    await warmOutput({ parent: cwd, name: "output-2018" });
    const run = await runCli(["build", "--data", SAMPLE_DATA, "--year", "2018", "--no-pdf"], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("into output-2018 in");
    expect(await besideOutput(cwd)).toEqual(["output-2018"]);
  });

  it("REPORT_OUTPUT sets it when --output is not given", async () => {
    const output = await warmOutput({ name: "from-env" });
    const run = await runCli(["build", "--data", SAMPLE_DATA, "--no-pdf"], { env: { REPORT_OUTPUT: output } });
    expect(run.code).toBe(0);
    await expect(stat(path.join(output, "index.html"))).resolves.toBeTruthy();
  });
});

describe("activity-report check", () => {
  it("passes the sample data", async () => {
    const run = await runCli(["check", "--data", SAMPLE_DATA]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toBe([
      "ok: 9 events in 4 reports, 29 files checked",
      // The sample's Russian: 2017 and 2018 final, 2019 a draft that English still stands in for.
      "Russian (ru): 2017 final, complete; 2018 final, complete; 2019 draft, 1 text not yet translated. English stands in, marked, for:",
      "  _data/events/2019/2019-02-19-istanbul-ministerial-conference.yaml:9:10: summary",
      "",
    ].join("\n"));
  });

  it("prints paths relative to where it runs, as path:line:col", async () => {
    const data = await sampleCopy();
    await put(data, "events/2017/2017-05-24-erbil-training-of-trainers-iraq.yaml", "title: x\ntype: training\ndate: 2017-02-30\nplace: erbil\nstrands: silk-routes-partnership-project\nsummary: x\n");
    const run = await runCli(["check", "--data", "_data"], { cwd: path.dirname(data) });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      "_data/events/2017/2017-05-24-erbil-training-of-trainers-iraq.yaml:3:7: date 2017-02-30 is not a date in the calendar\n1 error, 0 warnings\n",
    );
  });

  it("exits 0 with warnings, which it prints", async () => {
    const data = await sampleCopy();
    await put(data, "places.yaml", (await readFile(path.join(SAMPLE_DATA, "places.yaml"), "utf8")).replace(/  lat: 43\.8563\n  lon: 18\.4131\n/, ""));
    const run = await runCli(["check", "--data", data]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('places.yaml:2:1: warning: place "sarajevo" has no coordinates');
    expect(run.stderr).toContain("0 errors, 1 warning\n");
    expect(run.stdout).toMatch(/^ok: 9 events in 4 reports/);
  });

  it("warns at an abbreviation that no report uses, at its line", async () => {
    const data = await sampleCopy();
    await put(data, "report.yaml", (await readFile(path.join(SAMPLE_DATA, "report.yaml"), "utf8")).replace("  ToT: Training of Trainers\n", "  ToT: Training of Trainers\n  UNHCR: United Nations High Commissioner for Refugees\n"));
    // The Russian editions are final: the new abbreviation has its Russian meaning.
    await put(data, "report.ru.yaml", (await readFile(path.join(SAMPLE_DATA, "report.ru.yaml"), "utf8")).replace("abbreviations:\n", "abbreviations:\n  UNHCR: Управление Верховного комиссара ООН по делам беженцев\n"));
    const run = await runCli(["check", "--data", "_data"], { cwd: path.dirname(data) });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('_data/report.yaml:20:3: warning: abbreviation "UNHCR": none of the reports of 2016, 2017, 2018 and 2019 uses it, so no Annex D lists it; write it where the text means it, or remove it\n0 errors, 1 warning\n');
  });

  it("reads REPORT_DATA when --data is not given", async () => {
    const run = await runCli(["check"], { env: { REPORT_DATA: "/nonexistent-data" } });
    expect(run).toMatchObject({ code: 1, stderr: "/nonexistent-data: the data folder does not exist; `activity-report init DIR` makes one\n1 error, 0 warnings\n" });
  });
});

describe("usage", () => {
  it("shows help for each command", async () => {
    for (const command of ["check", "build", "dev"]) {
      const run = await runCli([command, "--help"]);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^Usage: activity-report ${command}`));
    }
  });

  it("rejects an unknown command or flag with the usage", async () => {
    const command = await runCli(["publish"]);
    expect(command.code).toBe(2);
    expect(command.stderr).toMatch(/unknown command "publish"[\s\S]*Usage: activity-report <command>/);
    const flag = await runCli(["build", "--ouput", "x"]);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/Unknown option '--ouput'[\s\S]*Usage: activity-report build/);
    const year = await runCli(["build", "--year", "18"]);
    expect(year.code).toBe(2);
    expect(year.stderr).toMatch(/--year must be a year written YYYY/);
  });

  it("exits 3 with one line when no browser can be found, before writing anything", async () => {
    const output = path.join(await tempDir(), "output");
    const run = await runCli(["build", "--data", SAMPLE_DATA, "--output", output], { env: { PUPPETEER_EXECUTABLE_PATH: "/no/such/chrome" } });
    expect(run.code).toBe(3);
    expect(run.stderr).toBe("Checked 9 events: the data is valid.\nactivity-report: PUPPETEER_EXECUTABLE_PATH is set to /no/such/chrome, but there is no browser there\n");
    await expect(stat(output)).rejects.toThrow();
  });

  it("builds one year without PDFs, and needs no browser for it", async () => {
    const output = await warmOutput({ name: "output" });
    const run = await runCli(["build", "--data", SAMPLE_DATA, "--output", output, "--year", "2017", "--no-pdf"], {
      env: { PUPPETEER_EXECUTABLE_PATH: "/no/such/chrome" },
    });
    expect(run.code).toBe(0);
    expect(await readFile(path.join(output, "index.html"), "utf8")).not.toContain(".pdf");
    expect(run.stdout).toMatch(/^Built \d+ pages and 0 PDFs into /);
    const top = await readdir(output);
    expect(top).toContain("2017");
    expect(top).not.toContain("2016");
    expect(top).not.toContain("2018");
    expect(await readdir(path.join(output, "events"))).toEqual(["2017"]);
    expect(await readdir(path.join(output, "2017"))).not.toContain("budapest-process-activity-report-2017.pdf");
  });
});

describe("options given to npm run without --", () => {
  const script = (command: string) => ({ npm_lifecycle_event: command, npm_lifecycle_script: `node bin/activity-report.js ${command}` });

  it("are found in npm's environment, and the command to type instead is shown (exit 2)", async () => {
    const value = await runCli(["build", "2019"], { env: { ...script("build"), npm_config_year: "true" } });
    expect(value.code).toBe(2);
    expect(value.stderr).toBe('activity-report build: npm took --year for itself and passed on only "2019": to give options through npm, put -- before them:\n  npm run build -- --year 2019\n');
    const equals = await runCli(["build"], { env: { ...script("build"), npm_config_year: "2019", npm_config_pdf: "" } });
    expect(equals.code).toBe(2);
    expect(equals.stderr).toContain("\n  npm run build -- --year 2019 --no-pdf\n");
    const forNew = await runCli(["new", "event", "Talks in Vienna", "--date", "2019-03-14"], { env: { ...script("new"), npm_config_title: "true" } });
    expect(forNew.code).toBe(2);
    expect(forNew.stderr).toContain("\n  npm run new -- event --date 2019-03-14 --title 'Talks in Vienna'\n");
    const several = await runCli(["build", "2019", "x"], { env: { ...script("build"), npm_config_year: "true", npm_config_data: "true" } });
    expect(several.stderr).toContain('passed on only "2019", "x"');
    expect(several.stderr).toContain("\n  npm run build -- --data DIR --year YYYY\nwith the values you meant in place of DIR, YYYY.\n");
  });

  it("are not looked for in what an npm script starts, and a stray argument elsewhere is just that", async () => {
    // Vitest run by `npm test` passes npm's variables on to the commands it starts.
    const nested = await runCli(["check", "--data", SAMPLE_DATA], { env: { npm_lifecycle_event: "test", npm_lifecycle_script: "vitest run", npm_config_data: "true" } });
    expect(nested.code).toBe(0);
    const stray = await runCli(["build", "2019"], { env: { npm_lifecycle_event: "", npm_config_year: "" } });
    expect(stray.code).toBe(2);
    expect(stray.stderr).toMatch(/^activity-report build: unexpected argument "2019"; options start with --\n\nUsage: activity-report build/);
  });

  it("are found when `npm run build --year 2019 --no-pdf` is typed", async () => {
    const work = await tempDir();
    const env = { ...process.env, REPORT_DATA: SAMPLE_DATA, REPORT_OUTPUT: path.join(work, "output") };
    const run = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn("npm", ["run", "build", "--year", "2019", "--no-pdf"], { cwd: ROOT, env, stdio: ["ignore", "ignore", "pipe"] });
      let stderr = "";
      child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, stderr }));
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('activity-report build: npm took --year, --no-pdf for itself and passed on only "2019": to give options through npm, put -- before them:\n  npm run build -- --year 2019 --no-pdf\n');
    expect(await readdir(work)).toEqual([]);
  });
});

describe("the command's end", () => {
  it("comes when its work is done, even when a library still holds a timer", async () => {
    // A library's timer of ten minutes, as Puppeteer leaves one for half a minute after a print given up at its time limit.
    const dir = await tempDir();
    const preload = await put(dir, "timer.mjs", "setTimeout(() => {}, 600_000);\n");
    const run = await new Promise<{ code: number | null; out: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ["--import", preload, path.join(ROOT, "bin/activity-report.js"), "check", "--data", SAMPLE_DATA], { stdio: ["ignore", "pipe", "pipe"] });
      let out = "";
      child.stdout.on("data", (c: Buffer) => (out += c.toString()));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, out }));
    });
    expect(run.out).toContain("ok: 9 events");
    expect(run.code).toBe(0);
  });
});
