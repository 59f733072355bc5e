/** Publishing: a failed build leaves the output as it was; progress, key figures and the change report. */
import { cp, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.ts";
import { besideOutput, cleanUp, put, sampleCopy, SAMPLE_DATA, snapshot } from "../helpers/data.ts";
import { builtSite, warmOutput } from "../helpers/sites.ts";

afterAll(cleanUp);

describe("publishing", () => {
  it("leaves the previous output exactly as it was when a build fails in the PDF step, and says so", async () => {
    // The previous output: the sample's build, site and PDFs (the global setup's), with its photo cache.
    const output = await warmOutput();
    await cp(builtSite("sample").dir, output, { recursive: true });
    const before = await snapshot(output);
    const failed = await runCli(["build", "--data", SAMPLE_DATA, "--output", output, "--year", "2018"], { env: { REPORT_PRINT_TIMEOUT: "1" } });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(`The output in ${output} is unchanged.`);
    expect(await snapshot(output)).toEqual(before);
    expect(await besideOutput(path.dirname(output))).toEqual(["site"]);
  });

  it("reports progress in plain lines, the key figures, what changed since the last build, and the warnings again at the end", async () => {
    const data = await sampleCopy();
    const output = await warmOutput();
    const first = await runCli(["build", "--data", data, "--output", output, "--no-pdf"]);
    expect(first.stdout).toContain("2017: activities held 5; participants at least 142, from 4 of 5 activities;");
    expect(first.stdout).toContain("This is the first build of this output folder");
    expect(first.stderr).toMatch(/^Checked 9 events: the data is valid\.\nPublished \d+ picture files \(all from the cache\)\.\nRendered \d+ pages\.\nBuilt the search index\.\n$/);

    const typo = path.join(data, "events/2017/2017-05-24-erbil-training-of-trainers-iraq.yaml");
    await put(data, path.relative(data, typo), (await readFile(typo, "utf8")).replace("presented certificates", "handed certificates"));
    const unchanged = await runCli(["build", "--data", data, "--output", output, "--no-pdf"]);
    expect(unchanged.stdout).toContain("changed: events/2017/2017-05-24-erbil-training-of-trainers-iraq.yaml: summary (report 2017)");
    expect(unchanged.stdout).toContain("no key figure moved");
    // A photo replaced in images/ is named, with the report that shows it.
    await writeFile(path.join(data, "images/sample-portrait.jpg"), await readFile(path.join(data, "images/sample-landscape-exif.jpg")));
    const replaced = await runCli(["build", "--data", data, "--output", output, "--no-pdf"]);
    expect(replaced.stdout).toContain("changed: images/sample-portrait.jpg: the picture was replaced (report 2017)");
    expect(replaced.stdout).not.toContain("sample-landscape-exif.jpg");

    await put(data, "events/2017/2017-10-02-ankara-test.yaml", "title: Test\ntype: training\ndate: 2017-10-02\nplace: ankara\nstrands: [silk-routes-partnership-project]\nparticipants: 10\nwomen: 12\nsummary: A test.\n");
    const added = await runCli(["build", "--data", data, "--output", output, "--no-pdf"]);
    expect(added.stdout).toContain("added: events/2017/2017-10-02-ankara-test.yaml (report 2017)");
    expect(added.stdout).toContain("2017 participants: at least 142, from 4 of 5 activities → at least 152, from 5 of 6 activities;");
    // What the report prints moved too where only the coverage did: "from 2 of 5 activities" now reads "from 2 of 6".
    expect(added.stdout).toContain("2017 states that took part: at least 2, from 2 of 5 activities → at least 2, from 2 of 6 activities;");
    const warning = "2017-10-02-ankara-test.yaml:7:8: warning: women (12) is more than participants (10)";
    expect(added.stderr.split(warning).length - 1).toBe(2);
    expect(added.stderr).toContain("The data's warnings, again:");
  });
});
