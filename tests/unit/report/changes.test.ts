/** The change report: every data file, the field that changed, and the reports it changed. */
import { copyFile, readFile, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadDataOrThrow } from "../../../src/data/load.ts";
import { pictureStamps } from "../../../src/data/attachments/images.ts";
import { describeChanges, fieldChanges, manifestOf, readManifest } from "../../../src/report/changes.ts";
import { languageFrom, readCatalogues } from "../../../src/data/languages/catalogues.ts";
import { siteModels } from "../../../src/report/languages.ts";
import { cleanUp, put, sampleCopy } from "../../helpers/data.ts";

afterAll(cleanUp);

async function manifest(dir: string) {
  const { data } = await loadDataOrThrow(dir);
  // Every language's model, as the build makes them: the Russian reports are told apart from the English.
  const sites = siteModels(data, { languageOf: (lang) => languageFrom(readCatalogues(dir), lang) });
  const site = sites[0]!;
  return { manifest: manifestOf(data, site, await pictureStamps(data.pictures), sites), site };
}

/** The lines after "Since the last build:" when `edit` is made to a copy of the sample. */
async function changesAfter(edit: (dir: string) => Promise<unknown>): Promise<string[]> {
  const dir = await sampleCopy();
  const before = (await manifest(dir)).manifest;
  await edit(dir);
  const after = await manifest(dir);
  // Through the marker file's text, as the next build reads it.
  const lines = describeChanges(readManifest(JSON.stringify(before)), after.manifest, after.site);
  return lines.slice(lines.findIndex((l) => l.startsWith("Since the last build")));
}

const replaceIn = (dir: string, file: string, from: string, to: string) =>
  readFile(path.join(dir, file), "utf8").then((text) => {
    if (!text.includes(from)) throw new Error(`${from} is not in ${file}`);
    return put(dir, file, text.replace(from, to));
  });

describe("the change report", () => {
  it("names a place renamed in places.yaml, with the reports that print it", async () => {
    expect(await changesAfter((dir) => replaceIn(dir, "places.yaml", "name: Antalya", "name: Antalya City"))).toEqual([
      "Since the last build:",
      '  changed: places.yaml: antalya.name "Antalya" → "Antalya City" (reports 2017, 2016)',
      "  no key figure moved",
    ]);
  });

  it("names an activity planned for a year without a report with the report whose outlook lists it", async () => {
    const planned = "title: Next meeting\ntype: working-group-meeting\ndate: 2020-03-10\nplace: sarajevo\nstrands: silk-routes-working-group\nstatus: planned\nsummary: To meet again.\n";
    expect(await changesAfter((dir) => put(dir, "events/2020/2020-03-10-sarajevo-next-meeting.yaml", planned))).toEqual([
      "Since the last build:",
      "  added: events/2020/2020-03-10-sarajevo-next-meeting.yaml (report 2019)",
      "  no key figure moved",
    ]);
  });

  it("names a translation added or changed, as a file of its own: what is published in its language changed", async () => {
    const file = "events/2017/2017-05-24-erbil-training-of-trainers-iraq.ru.yaml";
    expect(await changesAfter((dir) => replaceIn(dir, file, "title: Курс подготовки", "title: Учебный курс подготовки"))).toEqual([
      "Since the last build:",
      `  changed: ${file}: title (report 2017 in Russian)`,
      "  no key figure moved",
    ]);
    // The sample translates no event of 2016, a year without a Russian edition.
    const added = "events/2016/2016-05-15-tehran-silk-routes-working-group.ru.yaml";
    const lines = await changesAfter((dir) => put(dir, added, "title: 8-е заседание Рабочей группы по региону Шёлковых путей\n"));
    expect(lines[1]).toBe(`  added: ${added} (no report changed)`);
  });

  it("names an edited foreword by its edition, and only that year's report", async () => {
    expect(await changesAfter((dir) => replaceIn(dir, "report.yaml", "the large movements of 2015", "the movements of 2015"))).toEqual([
      "Since the last build:",
      "  changed: report.yaml: editions.2016.foreword (report 2016)",
      "  no key figure moved",
    ]);
  });

  it("names a strand's new title, and the reports whose chapter it heads", async () => {
    expect(await changesAfter((dir) => replaceIn(dir, "strands.yaml", "title: South East Europe Working Group", "title: South-East Europe Working Group"))).toEqual([
      "Since the last build:",
      '  changed: strands.yaml: south-east-europe-working-group.title "South East Europe Working Group" → "South-East Europe Working Group" (report 2018)',
      "  no key figure moved",
    ]);
  });

  it("names a goal's new title in frameworks.yaml, and the reports that set their year against its framework", async () => {
    expect(await changesAfter((dir) => replaceIn(dir, "frameworks.yaml", "title: Migration and development\n", "title: Migration and sustainable development\n"))).toEqual([
      "Since the last build:",
      "  changed: frameworks.yaml: istanbul-2013.goals (reports 2018, 2017, 2016)",
      "  no key figure moved",
    ]);
  });

  it("names frameworks.yaml added or removed, with the reports whose goals section it makes", async () => {
    const { rm, writeFile } = await import("node:fs/promises");
    let saved = "";
    const removed = await changesAfter(async (dir) => {
      saved = await readFile(path.join(dir, "frameworks.yaml"), "utf8");
      // Without the frameworks, the events' goals would be unknown: take them out too.
      for (const file of ["events/2017/2017-11-27-istanbul-ministerial-preparatory-meeting.yaml", "events/2018/2018-05-07-sarajevo-joint-working-group.yaml"]) {
        await put(dir, file, (await readFile(path.join(dir, file), "utf8")).replace(/^goals:.*\n(?:  - .*\n)*/m, ""));
      }
      await rm(path.join(dir, "frameworks.yaml"));
    });
    expect(removed).toContain("  removed: frameworks.yaml (reports 2019, 2018, 2017, 2016)");
    const dir = await sampleCopy();
    await rm(path.join(dir, "frameworks.yaml"));
    for (const file of ["events/2017/2017-11-27-istanbul-ministerial-preparatory-meeting.yaml", "events/2018/2018-05-07-sarajevo-joint-working-group.yaml"]) {
      await put(dir, file, (await readFile(path.join(dir, file), "utf8")).replace(/^goals:.*\n(?:  - .*\n)*/m, ""));
    }
    const before = (await manifest(dir)).manifest;
    await writeFile(path.join(dir, "frameworks.yaml"), saved);
    const after = await manifest(dir);
    const lines = describeChanges(readManifest(JSON.stringify(before)), after.manifest, after.site);
    expect(lines).toContain("  added: frameworks.yaml (reports 2019, 2018, 2017, 2016)");
  });

  it("names a change that reaches no report, and the order of chapters", async () => {
    const lines = await changesAfter(async (dir) => {
      await replaceIn(dir, "topics.yaml", "label: Labour migration", "label: Labour mobility");
      const strands = await readFile(path.join(dir, "strands.yaml"), "utf8");
      const [head, ...items] = strands.split(/\n(?=- id:)/);
      await put(dir, "strands.yaml", [head, items[1], items[0], ...items.slice(2)].join("\n"));
    });
    expect(lines).toEqual([
      "Since the last build:",
      // Only 2017 has both of the chapters that swapped places.
      "  changed: strands.yaml: the order of the entries (report 2017)",
      '  changed: topics.yaml: labour-migration.label "Labour migration" → "Labour mobility" (no report changed)',
      "  no key figure moved",
    ]);
  });

  it("names an event file's fields, its additions and removals, and the figures that moved", async () => {
    const lines = await changesAfter(async (dir) => {
      await replaceIn(dir, "events/2018/2018-05-07-sarajevo-joint-working-group.yaml", "participants: 60", "participants: over 60");
      await put(dir, "events/2018/2018-06-01-sarajevo-test.yaml", "title: Test\ntype: working-group-meeting\ndate: 2018-06-01\nplace: sarajevo\nstrands: [silk-routes-working-group]\nsummary: A test.\n");
    });
    expect(lines).toEqual([
      "Since the last build:",
      "  added: events/2018/2018-06-01-sarajevo-test.yaml (report 2018)",
      "  changed: events/2018/2018-05-07-sarajevo-joint-working-group.yaml: participants 60 → over 60 (report 2018)",
      "  figures that moved: 2018 activities held: 1 → 2; 2018 participants: 60 → at least 60, from 1 of 2 activities; 2018 state delegations: 29 → at least 29, from 1 of 2 activities",
    ]);
  });

  it("names a picture replaced in images/ with the reports that show it, a logo with all of them, and one added that none shows", async () => {
    const sample = await sampleCopy();
    const photo = await readFile(path.join(sample, "images/sample-portrait.jpg"));
    expect(await changesAfter(async (dir) => {
      // The 2017 report's cover photo and a photo of a 2018 event; the logo on every report.
      await writeFile(path.join(dir, "images/sample-cmyk.jpg"), photo);
      await replaceIn(dir, "images/sample-logo-chair.svg", 'rx="8"', 'rx="6"');
      await writeFile(path.join(dir, "images/spare.jpg"), photo);
    })).toEqual([
      "Since the last build:",
      "  added: images/spare.jpg (no report changed)",
      "  changed: images/sample-cmyk.jpg: the picture was replaced (reports 2018, 2017)",
      "  changed: images/sample-logo-chair.svg: the picture was replaced (reports 2019, 2018, 2017, 2016)",
      "  no key figure moved",
    ]);
    // The same picture copied over itself, newer but no different: no change.
    expect(await changesAfter(async (dir) => {
      await copyFile(path.join(dir, "images/sample-portrait.jpg"), path.join(dir, "images/copy.jpg"));
      await copyFile(path.join(dir, "images/copy.jpg"), path.join(dir, "images/sample-portrait.jpg"));
      await utimes(path.join(dir, "images/sample-portrait.jpg"), new Date(), new Date(Date.now() + 60_000));
    })).toEqual(["Since the last build:", "  added: images/copy.jpg (no report changed)", "  no key figure moved"]);
  });

  it("says so when nothing changed, and when the last build was made by an earlier version", async () => {
    expect(await changesAfter(async () => {})).toEqual(["Since the last build: no data file, report or figure changed."]);
    const { manifest: current } = await manifest(await sampleCopy());
    expect(describeChanges(readManifest('{"version":1,"events":{}}'), current).at(-1)).toBe(
      "The last build of this output folder was made by an earlier version, so there is nothing to compare with.");
  });
});

describe("fieldChanges", () => {
  it("names the deepest field that differs; dates and counts are one value; own keys only", () => {
    expect(fieldChanges({ a: { b: 1, c: 2 } }, { a: { b: 1, c: 3 } })).toEqual([{ field: "a.c", before: 2, after: 3 }]);
    const date = (iso: string) => ({ iso, year: 2018, precision: "day", first: 1, last: 1 });
    expect(fieldChanges({ date: date("2018-05-07") }, { date: date("2018-05-08") }).map((c) => c.field)).toEqual(["date"]);
    expect(fieldChanges({}, { constructor: { name: "X" } })).toEqual([{ field: "constructor", before: undefined, after: { name: "X" } }]);
  });
});
