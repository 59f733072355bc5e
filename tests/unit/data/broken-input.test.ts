/**
 * Broken input, reported at its place and never a crash or a hang: files over the
 * limits, aliases that multiply, line endings and Unicode forms, files that are not
 * what they seem.
 */
import { readFile, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createSource } from "../../../src/data/source/yaml-source.ts";
import { cleanUp, diagnosticsOf, put, sampleCopy, tempDir } from "../../helpers/data.ts";

afterAll(cleanUp);

const EVENT = (title: string, summary: string, extra = "") =>
  `title: ${JSON.stringify(title)}\ntype: working-group-meeting\ndate: 2018-06-01\nplace: sarajevo\nstrands: [silk-routes-working-group]\n${extra}summary: ${JSON.stringify(summary)}\n`;





describe("broken input within limits", () => {
  it("refuses a data file over 1 MB, a title that is a pasted document, and links out of the data folder", async () => {
    const data = await sampleCopy();
    const huge = `${EVENT("Huge", "x")}# ${"padding ".repeat(140_000)}\n`;
    await put(data, "events/2018/2018-06-01-huge.yaml", huge);
    await put(data, "events/2018/2018-06-02-long.yaml", EVENT("T".repeat(501), "x"));
    const outside = path.join(await tempDir(), "secret.yaml");
    await writeFile(outside, EVENT("Secret", "x"));
    await symlink(outside, path.join(data, "events/2018/2018-06-03-link.yaml"));
    // A reference file too: its copy outside the data folder, linked in.
    const topics = path.join(path.dirname(outside), "topics.yaml");
    await writeFile(topics, await readFile(path.join(data, "topics.yaml"), "utf8"));
    await rm(path.join(data, "topics.yaml"));
    await symlink(topics, path.join(data, "topics.yaml"));
    const all = await diagnosticsOf(data);
    expect(all).toContain(`events/2018/2018-06-01-huge.yaml:1:1: the file is ${Math.round(huge.length / 1024)} KB; data files may hold at most 1 MB`);
    expect(all).toContain("events/2018/2018-06-02-long.yaml:1:8: title is too long: at most 500 characters, here 501");
    expect(all).toContain(`events/2018/2018-06-03-link.yaml: the file is a link to ${outside}, outside the data folder; copy the file in instead`);
    expect(all).toContain(`topics.yaml: the file is a link to ${topics}, outside the data folder; copy the file in instead`);
  });

  it("refuses a file whose aliases multiply (a 'billion laughs') at its place", async () => {
    const data = await sampleCopy();
    const names = [..."abcdefghi"];
    let text = `a: &a [${Array(9).fill('"lol"').join(",")}]\n`;
    for (let i = 1; i < names.length; i++) text += `${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`).join(",")}]\n`;
    await put(data, "events/2018/2018-06-01-laughs.yaml", `${text}title: *i\n`);
    // Expanded, the title would be 387 million strings: the test would run out of memory or time.
    const all = await diagnosticsOf(data);
    expect(all).toContain("events/2018/2018-06-01-laughs.yaml:2:8: YAML error: Excessive alias count indicates a resource exhaustion attack");
  });

  it("counts aliases of a text too, and caps the length of lists", async () => {
    const data = await sampleCopy();
    // Each alias of a long text multiplies the file as surely as an alias of a list does.
    const text = "x".repeat(490);
    await put(data, "events/2018/2018-06-01-texts.yaml", EVENT("Texts", "x", `host: &t "${text}"\npartners: [${Array(1000).fill("*t").join(", ")}]\n`));
    await put(data, "events/2018/2018-06-02-many.yaml", EVENT("Many", "x", `partners: [${Array.from({ length: 501 }, (_, i) => `P${i}`).join(", ")}]\n`));
    const all = await diagnosticsOf(data);
    expect(all).toContain("events/2018/2018-06-01-texts.yaml:7:12: YAML error: Excessive alias count indicates a resource exhaustion attack");
    expect(all).toContain("events/2018/2018-06-02-many.yaml:6:11: partners lists too many entries: at most 500, here 501");
  });

  it("refuses an alias inside the list or mapping it names, at the alias, where reading the file overflowed the stack", async () => {
    // Found by npm run fuzz: the value would hold itself without end, and check and build failed naming no file.
    const loop = (text: string) => createSource("events/2018/2018-06-01-loop.yaml", text).diagnostics.map((d) => `${d.file}:${d.line}:${d.col}: ${d.message}`);
    expect(loop("&a\ntitle: x\ndate: *a\n")).toEqual([
      "events/2018/2018-06-01-loop.yaml:3:7: YAML error: the alias *a stands for the mapping it is written in, which would then hold itself without end: write the value out instead",
    ]);
    expect(loop("strands: &s [x, [*s]]\n")).toEqual([
      "events/2018/2018-06-01-loop.yaml:1:18: YAML error: the alias *s stands for the list it is written in, which would then hold itself without end: write the value out instead",
    ]);
    // Looking for such an alias takes one walk over the file, not one per alias: 20,000 aliases took minutes.
    const many = `partners:\n  - &t text\n${"  - *t\n".repeat(20_000)}`;
    expect(loop(many)).toEqual(["events/2018/2018-06-01-loop.yaml:3:5: YAML error: Excessive alias count indicates a resource exhaustion attack"]);
    const data = await sampleCopy();
    await put(data, "events/2018/2018-06-01-loop.yaml", `&a\n${EVENT("Loop", "x")}host: *a\n`);
    expect(await diagnosticsOf(data)).toEqual([
      "events/2018/2018-06-01-loop.yaml:8:7: YAML error: the alias *a stands for the mapping it is written in, which would then hold itself without end: write the value out instead",
    ]);
  });

  it("prints what a terminal would act on, or hide, as escapes in messages that quote the data", async () => {
    // Found by npm run fuzz: an escape sequence in a key or an id reached the terminal raw (ESC [2J clears it).
    const data = await sampleCopy();
    await put(data, "events/2018/2018-06-01-escapes.yaml", EVENT("Escapes", "x", 'topics: ["cooperation-fra\\fmework", "\\u202Ereturn"]\n"\\e[2Jhost": x\n'));
    const all = await diagnosticsOf(data);
    expect(all).toContain('events/2018/2018-06-01-escapes.yaml:6:10: unknown topic "cooperation-fra\\x0Cmework", did you mean "cooperation-framework"?');
    expect(all).toContain('events/2018/2018-06-01-escapes.yaml:6:37: unknown topic "\\u202Ereturn" (topics.yaml lists the known ones)');
    expect(all).toContain('events/2018/2018-06-01-escapes.yaml:7:1: unknown field "\\x1B[2Jhost"');
    expect(all.filter((line) => /[\x00-\x08\x0A-\x1F\x7F-\x9F\u202A-\u202E]/.test(line))).toEqual([]);
  });

  it("refuses a latitude the map cannot draw, at its place", async () => {
    const data = await sampleCopy();
    const places = await readFile(path.join(data, "places.yaml"), "utf8");
    await writeFile(path.join(data, "places.yaml"), `${places}pole:\n  name: Pole\n  country: NO\n  lat: -90\n  lon: 0\n`);
    const line = places.split("\n").length + 3; // the file ends with a line break: "pole:" is on the line split counts last
    expect(await diagnosticsOf(data)).toEqual([`places.yaml:${line}:8: lat must be between -80 and 84: the map cannot show a place nearer the poles`]);
  });

  it("reports a key written twice as the build reads it: once in quotes, or in two Unicode forms", () => {
    const twice = createSource("report.yaml", 'editions:\n  2019:\n    status: final\n  "2019":\n    status: draft\n');
    expect(twice.diagnostics).toEqual([{
      severity: "error", file: "report.yaml", line: 4, col: 3,
      message: 'the key "2019" is written a second time in this mapping, where the build would keep only the last: remove one (2019 and "2019" are the same key)',
    }]);
    const forms = createSource("places.yaml", "T\u00fcrkiye: 1\nTu\u0308rkiye: 2\n");
    expect(forms.diagnostics.map((d) => `${d.line}:${d.col}`)).toEqual(["2:1"]);
    // An alias of a single text is still read, within the limit.
    expect(createSource("e.yaml", "a: &x text\nb: *x\n").source.value).toEqual({ a: "text", b: "text" });
  });

  it("reports a mapping of 10,000 unknown fields, or of 10,000 keys written twice, in time that grows with their number, not its square", async () => {
    // Found by npm run fuzz: a photo of 50,000 unknown fields kept check busy for hours. Each field was compared with
    // every other to say which it meant, looked for from its mapping's start to be placed, and compared with every key
    // before it by the YAML parser's check of keys written twice.
    const keys = 10_000;
    const data = await sampleCopy();
    const fields = Array.from({ length: keys }, (_, i) => `key-${i}: ${i}`).join(", ");
    await put(data, "events/2018/2018-06-01-fields.yaml", EVENT("Fields", "x", `photos:\n  - {file: images/sample-portrait.jpg, alt: A portrait, captoin: x, ${fields}}\n`));
    await put(data, "events/2018/2018-06-02-twice.yaml", EVENT("Twice", "x", `host: x\n${"host: y\n".repeat(keys)}`));
    const started = performance.now();
    const all = await diagnosticsOf(data);
    const fieldErrors = all.filter((d) => d.startsWith("events/2018/2018-06-01-fields.yaml") && !d.includes(": warning: "));
    expect(fieldErrors).toHaveLength(keys + 1);
    expect(fieldErrors[0]).toBe('events/2018/2018-06-01-fields.yaml:7:57: unknown field "captoin", did you mean "caption"?');
    expect(fieldErrors.at(-1)).toMatch(/^events\/2018\/2018-06-01-fields\.yaml:7:\d+: unknown field "key-9999"$/);
    const twice = all.filter((d) => d.startsWith("events/2018/2018-06-02-twice.yaml"));
    expect(twice).toHaveLength(keys);
    expect(twice.at(-1)).toBe(`events/2018/2018-06-02-twice.yaml:${keys + 6}:1: the key host is written a second time in this mapping, where the build would keep only the last: remove one (2019 and "2019" are the same key)`);
    // Quadratic, this took minutes; as it grows now, seconds even on a busy machine.
    expect(performance.now() - started).toBeLessThan(30_000);
  });

  it("reads mixed line endings, a byte-order mark and decomposed letters, and finds the place typed with them", async () => {
    const data = await sampleCopy();
    const decomposed = "Hewle\u0302r"; // ê as e + combining circumflex
    await put(data, "events/2018/2018-06-01-mixed.yaml", `\uFEFFtitle: Mixed\r\ntype: training\ndate: 2018-06-01\r\nplace: ${decomposed}\nstrands: [silk-routes-partnership-project]\r\nsummary: x\n`);
    expect((await diagnosticsOf(data)).filter((d) => d.includes("mixed"))).toEqual([
      'events/2018/2018-06-01-mixed.yaml:4:8: unknown place "Hewlêr", did you mean "erbil"?',
    ]);
    // Composed and decomposed spellings of one title are the same title.
    await put(data, "events/2018/2018-06-01-mixed.yaml", EVENT("T\u00fcrkiye meeting", "x"));
    await put(data, "events/2018/2018-06-02-mixed.yaml", EVENT("Tu\u0308rkiye meeting", "x").replace("2018-06-01", "2018-06-01"));
    expect((await diagnosticsOf(data)).some((d) => d.includes("same date, place and title"))).toBe(true);
  });
});
