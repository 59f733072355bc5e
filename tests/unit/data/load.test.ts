import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { rm } from "node:fs/promises";
import path from "node:path";
import { loadData } from "../../../src/data/load.ts";
import { cleanUp, diagnosticsOf, put, sampleCopy, SAMPLE_DATA, withoutSamplePictures } from "../../helpers/data.ts";
import { pdfOf, WORD_MACRO_MAIN, wordParts, zipOf } from "../../helpers/hostile-files.ts";

afterAll(cleanUp);

const FILE = "events/2018/2018-06-01-test-meeting.yaml";

/** A valid event, line by line, so that tests can point at exact lines. */
const VALID = [
  "title: Test meeting", //                       1
  "type: working-group-meeting", //               2
  "date: 2018-06-01", //                          3
  "place: sarajevo", //                           4
  "strands: [silk-routes-working-group]", //      5
  "summary: A meeting for the tests.", //         6
];
const lines = (...replacements: [number, string | null][]) => {
  const copy: (string | null)[] = [...VALID];
  for (const [line, text] of replacements) copy[line - 1] = text;
  return `${copy.filter((l) => l !== null).join("\n")}\n`;
};

let dir: string;
beforeEach(async () => {
  dir = await sampleCopy();
});

async function only(content: string | Uint8Array): Promise<string[]> {
  await put(dir, FILE, content);
  return (await diagnosticsOf(dir)).filter((d) => d.startsWith(FILE));
}

describe("the sample data", () => {
  it("is valid, with no warnings", async () => {
    const result = await loadData(SAMPLE_DATA);
    expect(result.diagnostics).toEqual([]);
    expect(result.data?.events.length).toBe(9);
  });

  it("accepts the valid test event", async () => {
    expect(await only(lines())).toEqual([]);
  });
});

describe("errors, each at its file, line and column", () => {
  it("YAML syntax", async () => {
    // Placed where the quote opens, not where the file ends.
    expect(await only(lines([1, 'title: "Test meeting']))).toEqual([
      `${FILE}:1:8: the quote " that opens this text is never closed: end the text with " too (YAML syntax error: Missing closing "quote)`,
    ]);
    expect(await only(lines([5, "strands: [silk-routes-working-group"]))).toEqual([
      `${FILE}:5:10: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]`,
    ]);
  });

  it("an alias without its anchor, at the alias", async () => {
    expect(await only(lines([5, "strands: [*working-group]"]))).toEqual([
      `${FILE}:5:11: YAML error: Unresolved alias (the anchor must be set before the alias): working-group`,
    ]);
  });

  it("a duplicated key", async () => {
    expect(await only(`${lines()}title: Again\n`)).toEqual([`${FILE}:7:1: the key title is written a second time in this mapping, where the build would keep only the last: remove one (2019 and "2019" are the same key)`]);
  });

  it("a missing required field", async () => {
    expect(await only(lines([6, null]))).toEqual([`${FILE}:1:1: missing required field "summary"`]);
  });

  it("an unknown field, with did-you-mean", async () => {
    expect(await only(lines([6, "summary: x\nparticpants: 60"]))).toEqual([
      `${FILE}:7:1: unknown field "particpants", did you mean "participants"?`,
    ]);
  });

  it("a wrong type", async () => {
    expect(await only(lines([1, "title: [a, b]"]))).toEqual([`${FILE}:1:8: title must be text, not a list`]);
    expect(await only(lines([6, "summary: x\nonline: yes please"]))).toEqual([
      `${FILE}:7:9: online must be true or false, not the text "yes please"`,
    ]);
  });

  it("an impossible date", async () => {
    expect(await only(lines([3, "date: 2018-02-30"]))).toEqual([`${FILE}:3:7: date 2018-02-30 is not a date in the calendar`]);
  });

  it("a date or report year the build cannot handle, and a count past any meeting's", async () => {
    expect(await only(lines([3, "date: 0999-06-01"], [6, "summary: x\nparticipants: 1e308\nwomen: 2,000,000\nreport_year: 3000"]))).toEqual([
      `${FILE}:3:7: date 0999-06-01 is not in the years 1900 to 2999; check the year`,
      `${FILE}:7:15: participants 1e+308 is more than 1,000,000, the most a count may be; check the figure`,
      `${FILE}:8:8: women "2,000,000" is more than 1,000,000, the most a count may be; check the figure`,
      `${FILE}:9:14: report_year must be at most 2999`,
    ]);
  });

  it("an edition for a year the build cannot handle, and a meeting number past any", async () => {
    const report = await (await import("node:fs/promises")).readFile(path.join(dir, "report.yaml"), "utf8");
    await put(dir, "report.yaml", `${report.replace("      place: antalya\n", "      number: 1000000\n      place: antalya\n")}  1850:\n    chair: Somebody\n`);
    expect(await diagnosticsOf(dir)).toEqual([
      "report.yaml:47:15: number must be at most 999",
      `report.yaml:${report.split("\n").length + 1}:3: key "1850" is not in the years 1900 to 2999; check the year`,
    ]);
  });

  it("a date in another form", async () => {
    expect(await only(lines([3, "date: 1 June 2018"]))).toEqual([
      `${FILE}:3:7: date "1 June 2018" must be written YYYY-MM-DD, YYYY-MM or YYYY`,
    ]);
  });

  it("end before date", async () => {
    expect(await only(lines([3, "date: 2018-06-01\nend: 2018-05-31"]))).toEqual([`${FILE}:4:6: end 2018-05-31 is before date 2018-06-01`]);
  });

  it("unknown type, place, strand and topic ids, with did-you-mean", async () => {
    const text = lines(
      [2, "type: trainng"],
      [4, "place: sarajvo"],
      [5, "strands: [silk-routes-working-group, silk-route-partnership-project]"],
      [6, "summary: x\ntopics: [capacity-bulding]"],
    );
    expect(await only(text)).toEqual([
      `${FILE}:2:7: unknown type "trainng", did you mean "training"?`,
      `${FILE}:4:8: unknown place "sarajvo", did you mean "sarajevo"?`,
      `${FILE}:5:38: unknown strand "silk-route-partnership-project", did you mean "silk-routes-partnership-project"?`,
      `${FILE}:7:10: unknown topic "capacity-bulding", did you mean "capacity-building"?`,
    ]);
  });

  it("a place typed by its local name or alias points to its id", async () => {
    expect(await only(lines([4, "place: Hewlêr"]))).toEqual([`${FILE}:4:8: unknown place "Hewlêr", did you mean "erbil"?`]);
  });

  it("a place written as a country code names the country itself, for an activity known only by its country", async () => {
    expect(await only(lines([4, "place: PK"]))).toEqual([]);
    // Kosovo's XK is a code of countries.yaml, not of ISO 3166-1.
    expect(await only(lines([4, "place: XK"]))).toEqual([]);
    expect(await only(lines([4, "place: QQ"]))).toEqual([
      `${FILE}:4:8: unknown country "QQ": a place in capitals names a country by its code, and QQ is not an ISO 3166-1 code; add it to countries.yaml if it is meant, or write a place id of places.yaml in lower case`,
    ]);
  });

  it("a country written by its name or its code in lower case points to its code", async () => {
    for (const [typed, code] of [["Pakistan", "PK"], ["pk", "PK"], ["PAK", "PK"], ["Türkiye", "TR"], ["Turkey", "TR"], ["Kosovo", "XK"]]) {
      expect(await only(lines([4, `place: ${typed}`]))).toEqual([`${FILE}:4:8: unknown place "${typed}"; to name the country itself, write its code in capitals: "${code}"`]);
    }
    // A place of that name comes first, and a typo of a place's id.
    expect(await only(lines([4, "place: Istanbul"]))).toEqual([`${FILE}:4:8: unknown place "Istanbul", did you mean "istanbul"?`]);
  });

  it("a place whose id is a country code in lower case: an error at its id, as it would differ from the country only in case", async () => {
    const places = await (await import("node:fs/promises")).readFile(path.join(dir, "places.yaml"), "utf8");
    await put(dir, "places.yaml", `${places}pk:\n  name: Peshawar\n  country: PK\n  lat: 34.0151\n  lon: 71.5249\nxk:\n  name: XK\n  country: XK\n  lat: 42.66\n  lon: 21.17\n`);
    const line = places.split("\n").length;
    expect((await diagnosticsOf(dir)).filter((d) => d.startsWith("places.yaml"))).toEqual([
      `places.yaml:${line}:1: place id "pk" is the country code PK in lower case, and an event's "place: PK" names the country itself; give the place an id of its own, such as "peshawar"`,
      `places.yaml:${line + 5}:1: place id "xk" is the country code XK in lower case, and an event's "place: XK" names the country itself; give the place an id of its own`,
    ]);
  });

  it("an id far from any known one says where the known ones are", async () => {
    expect(await only(lines([2, "type: workshop"]))).toEqual([
      `${FILE}:2:7: unknown type "workshop" (event-types.yaml lists the known ones)`,
    ]);
  });

  it("a place is required unless the meeting was online", async () => {
    expect(await only(lines([4, null]))).toEqual([
      `${FILE}:1:1: missing required field "place" (or write online: true for a virtual meeting)`,
    ]);
    expect(await only(lines([4, "online: false"]))).toEqual([
      `${FILE}:1:1: missing required field "place" (or write online: true for a virtual meeting)`,
    ]);
    expect(await only(lines([4, "place: 5"]))).toEqual([`${FILE}:4:8: place must be text, not the number 5`]);
    expect(await only(lines([4, "online: true"]))).toEqual([]);
  });

  it("two events with the same date, place and title", async () => {
    await put(dir, FILE, lines());
    await put(dir, "events/2018/2018-06-01-test-meeting-copy.yaml", lines([1, "title: test  Meeting"]));
    // On both files, each naming the other: the editor sees both and keeps the right one.
    expect(await diagnosticsOf(dir)).toEqual([
      "events/2018/2018-06-01-test-meeting-copy.yaml:1:8: same date, place and title as events/2018/2018-06-01-test-meeting.yaml; is this event entered twice?",
      "events/2018/2018-06-01-test-meeting.yaml:1:8: same date, place and title as events/2018/2018-06-01-test-meeting-copy.yaml; is this event entered twice?",
    ]);
    await put(dir, "events/2018/2018-06-01-third.yaml", lines([1, "title: Test meeting"]));
    expect(await diagnosticsOf(dir)).toContain(
      "events/2018/2018-06-01-third.yaml:1:8: same date, place and title as events/2018/2018-06-01-test-meeting-copy.yaml and events/2018/2018-06-01-test-meeting.yaml; is this event entered twice?");
  });

  it("two events with the same date and place and nearly the same title: a warning on both", async () => {
    await put(dir, FILE, lines([1, "title: Joint Working Group Meeting in Sarajevo"]));
    await put(dir, "events/2018/2018-06-01-sarajevo-jwg.yaml", lines([1, "title: Joint Working Group meeting, Sarajevo"]));
    expect(await diagnosticsOf(dir)).toEqual([
      'events/2018/2018-06-01-sarajevo-jwg.yaml:1:8: warning: same date and place as events/2018/2018-06-01-test-meeting.yaml, whose title reads almost the same ("Joint Working Group Meeting in Sarajevo"); is this event entered twice?',
      'events/2018/2018-06-01-test-meeting.yaml:1:8: warning: same date and place as events/2018/2018-06-01-sarajevo-jwg.yaml, whose title reads almost the same ("Joint Working Group meeting, Sarajevo"); is this event entered twice?',
    ]);
  });

  it("two meetings on other subjects on the same day in the same place are two events", async () => {
    const places = await (await import("node:fs/promises")).readFile(path.join(dir, "places.yaml"), "utf8");
    await put(dir, "places.yaml", `${places}vienna:\n  name: Vienna\n  country: AT\n  lat: 48.2\n  lon: 16.37\n`);
    await put(dir, FILE, lines([1, "title: Expert meeting on return and reintegration"], [4, "place: vienna"]));
    await put(dir, "events/2018/2018-06-01-vienna-labour.yaml", lines([1, "title: Expert meeting on labour migration"], [4, "place: vienna"]));
    await put(dir, "events/2018/2018-06-01-vienna-session-2.yaml", lines([1, "title: Expert meeting on return and reintegration, session 2"], [4, "place: vienna"]));
    expect(await diagnosticsOf(dir)).toEqual([]);
  });

  it("a count that does not parse", async () => {
    expect(await only(lines([6, "summary: x\nparticipants: lots\nwomen: 2.5"]))).toEqual([
      `${FILE}:7:15: participants "lots" is not a count: write a whole number or a phrase such as "over 75" or "about 50"`,
      `${FILE}:8:8: women 2.5 is not a count: write a whole number or a phrase such as "over 75" or "about 50"`,
    ]);
  });

  it("a source that is not an http(s) URL", async () => {
    expect(await only(lines([6, "summary: x\nsources:\n  - https://www.budapestprocess.org/\n  - javascript:alert(1)\n  - www.example.org"]))).toEqual([
      `${FILE}:9:5: source "javascript:alert(1)" is not an http(s) URL`,
      `${FILE}:10:5: source "www.example.org" is not an http(s) URL`,
    ]);
  });

  it("a file that is not UTF-8", async () => {
    const latin1 = Buffer.concat([Buffer.from("title: Caf"), Buffer.from([0xe9]), Buffer.from(" meeting\n")]);
    expect(await only(Buffer.concat([Buffer.from(lines([1, null])), latin1]))).toEqual([
      `${FILE}:6:11: the file is not UTF-8 text (byte 0xE9); save it with UTF-8 encoding`,
    ]);
  });

  it("a file that is not UTF-8, with the line ends of old Macs (\\r) or of Windows (\\r\\n)", async () => {
    for (const eol of ["\r", "\r\n"]) {
      const latin1 = Buffer.concat([Buffer.from(lines([1, null]).replaceAll("\n", eol)), Buffer.from("title: Caf"), Buffer.from([0xe9]), Buffer.from(` meeting${eol}`)]);
      expect(await only(latin1), JSON.stringify(eol)).toEqual([
        `${FILE}:6:11: the file is not UTF-8 text (byte 0xE9); save it with UTF-8 encoding`,
      ]);
    }
  });

  it("an empty file", async () => {
    const told = "the file is empty: write the event's fields, or delete the file; `activity-report new event` writes an event file with all of them";
    expect(await only("")).toEqual([`${FILE}:1:1: ${told}`]);
    expect(await only("# yaml-language-server: $schema=../../.schemas/event.schema.json\n# title: To come\n")).toEqual([`${FILE}:1:1: ${told}`]);
  });

  it("a file name that is not an id", async () => {
    await put(dir, "events/2018/Meeting 2018.yaml", lines());
    const all = await diagnosticsOf(dir);
    expect(all).toContain(`events/2018/Meeting 2018.yaml:1:1: the file name "Meeting 2018" must be in lower case letters, digits and hyphens; it becomes the event's web address`);
  });

  it("every problem of every file at once, sorted by file and line", async () => {
    await put(dir, "events/2018/2018-06-02-other.yaml", lines([3, "date: 2018-13-01"]));
    await put(dir, FILE, lines([2, "type: trainng"], [1, "title: 5"]));
    expect(await diagnosticsOf(dir)).toEqual([
      `${FILE}:1:8: title must be text, not the number 5`,
      `${FILE}:2:7: unknown type "trainng", did you mean "training"?`,
      "events/2018/2018-06-02-other.yaml:3:7: date 2018-13-01 is not a date in the calendar",
    ]);
  });

  it("a missing reference file", async () => {
    await rm(path.join(dir, "topics.yaml"));
    expect(await diagnosticsOf(dir)).toEqual(["topics.yaml: the file is missing; every data folder needs it: write `[]` into it for no topics yet"]);
  });

  it("errors in reference files", async () => {
    await put(dir, "places.yaml", "sarajevo:\n  name: Sarajevo\n  country: ba\n  lat: 43.8\n  lon: 18.4\nAnkara:\n  name: Ankara\n  country: TR\nankara:\n  name: Ankara\n  country: TR\n  lat: 99\n  lon: 32.8\n");
    await put(dir, "strands.yaml", "- id: a\n  title: A\n  kind: working_group\n");
    const all = await diagnosticsOf(dir);
    expect(all).toContain('places.yaml:3:12: country "ba" must be a two-letter country code in capitals, such as "TR", did you mean "BA"?');
    expect(all).toContain('places.yaml:6:1: key "Ankara" must be an id in lower case letters, digits and hyphens, such as "silk-routes"');
    expect(all).toContain("places.yaml:12:8: lat must be between -80 and 84: the map cannot show a place nearer the poles");
    expect(all).toContain('strands.yaml:3:9: kind must be one of governance, ministerial, working-group, project, thematic, not the text "working_group", did you mean "working-group"?');
  });

  it("an id defined twice in a reference file", async () => {
    await put(dir, "topics.yaml", "- id: capacity-building\n  label: A\n- id: capacity-building\n  label: B\n");
    expect(await diagnosticsOf(dir)).toContain('topics.yaml:3:7: topic id "capacity-building" is used twice');
  });
});

describe("the states and organisations that took part, at their entries", () => {
  it("states are country codes as participating_states are: a code written another way gets the code, an unknown one is named", async () => {
    expect(await only(lines([6, "summary: x\nstates: [PK, PAK, Afghanistan, pk, QQ, PK]"]))).toEqual([
      `${FILE}:7:14: states entry 2 "PAK" must be a two-letter country code in capitals, such as "TR", did you mean "PK"?`,
      `${FILE}:7:19: states entry 3 "Afghanistan" must be a two-letter country code in capitals, such as "TR", did you mean "AF"?`,
      `${FILE}:7:32: states entry 4 "pk" must be a two-letter country code in capitals, such as "TR", did you mean "PK"?`,
    ]);
    // Once the codes have the form, the ones that name no country and the ones listed twice.
    expect(await only(lines([6, "summary: x\nstates: [PK, QQ, PK]"]))).toEqual([
      `${FILE}:7:14: country "QQ" is not an ISO 3166-1 code; add it to countries.yaml if it is meant`,
      `${FILE}:7:18: state "PK" is listed twice`,
    ]);
    // A code that countries.yaml defines is a state too (XK, Kosovo).
    expect(await only(lines([6, "summary: x\nstates: [XK]"]))).toEqual([]);
  });

  it("a list longer than its count is a warning; an organisation written otherwise than in report.yaml too", async () => {
    expect(await only(lines([6, "summary: x\ncountries: 1\nstates: [PK, AF]\norganisations: 2\nparticipating_organisations: [ICMPD, european commission, IOM]"]))).toEqual([
      `${FILE}:8:1: warning: states names 2 states, more than countries (1); correct one of them`,
      `${FILE}:10:1: warning: participating_organisations names 3 organisations, more than organisations (2); correct one of them`,
      `${FILE}:10:31: warning: organisation "ICMPD" is written "International Centre for Migration Policy Development (ICMPD)" in the participating organisations of report.yaml; write it the same way, as organisations are counted by name`,
      `${FILE}:10:38: warning: organisation "european commission" is written "European Commission" in the participating organisations of report.yaml; write it the same way, as organisations are counted by name`,
    ]);
  });
});

describe("the YAML mistakes editors make most, said as what to do", () => {
  it("a tab in a summary's block of text", async () => {
    expect(await only(lines([6, "summary: |\n  The working groups met.\n\tThey agreed on a plan."]))).toEqual([
      `${FILE}:8:1: a tab character at 8:1: use spaces for indentation`,
    ]);
  });

  it("a tab used for indentation anywhere: a field, a list entry, the text's first line, after spaces", async () => {
    expect(await only(`\t${lines()}`)).toEqual([`${FILE}:1:1: a tab character at 1:1: use spaces for indentation`]);
    expect(await only(lines([5, "strands:\n\t- silk-routes-working-group"]))).toEqual([`${FILE}:6:1: a tab character at 6:1: use spaces for indentation`]);
    expect(await only(lines([6, "summary: |\n\tThe working groups met."]))).toEqual([`${FILE}:7:1: a tab character at 7:1: use spaces for indentation`]);
    expect(await only(lines([6, "summary: x\npartners:\n  - ICMPD\n  \t- IOM"]))).toEqual([`${FILE}:9:3: a tab character at 9:3: use spaces for indentation`]);
  });

  it("no space after a colon", async () => {
    expect(await only(lines([6, "summary: x\nwomen:9\nparticipants: 20"]))).toEqual([`${FILE}:7:1: put a space after the colon in \`women:9\`, as in \`women: 9\``]);
    expect(await only(lines([6, "summary: x\nwomen:9"]))).toEqual([`${FILE}:7:1: put a space after the colon in \`women:9\`, as in \`women: 9\``]);
  });

  it("a colon in a text without quotes", async () => {
    expect(await only(lines([1, "title: Meeting: the outcome"]))).toEqual([
      `${FILE}:1:8: put the title in quotes because it contains a colon: title: "Meeting: the outcome"`,
    ]);
    expect(await only(lines([1, 'title: The "Budapest" meeting: the outcome  # from the agenda']))).toEqual([
      `${FILE}:1:8: put the title in quotes because it contains a colon: title: 'The "Budapest" meeting: the outcome'`,
    ]);
  });

  it("no space after the dash of a list entry", async () => {
    expect(await only(lines([6, "summary: x\npartners:\n  - ICMPD\n  -IOM"]))).toEqual([`${FILE}:9:3: put a space after the dash in \`-IOM\`, as in \`- IOM\``]);
    // A list of one such entry is valid YAML, the text "-silk-routes-working-group".
    expect(await only(lines([5, "strands:\n  -silk-routes-working-group"]))).toEqual([
      `${FILE}:6:3: put a space after the dash in \`-silk-routes-working-group\`, as in \`- silk-routes-working-group\``,
    ]);
  });

  it("an unclosed quote, and quotes inside quotes", async () => {
    expect(await only(lines([1, "title: 'Test meeting"]))).toEqual([
      `${FILE}:1:8: the quote ' that opens this text is never closed: end the text with ' too (YAML syntax error: Missing closing 'quote)`,
    ]);
    expect(await only(lines([1, 'title: "The "Budapest" meeting"']))).toEqual([
      `${FILE}:1:8: the title has double quotes inside its quotes: put it in single quotes: title: 'The "Budapest" meeting'`,
    ]);
  });

  it("another syntax error keeps the parser's words, and one far from a recognised mistake is still reported", async () => {
    expect(await only(lines([1, "title: Meeting: the outcome"], [6, "summary: x\npartners: [ICMPD"]))).toEqual([
      `${FILE}:1:8: put the title in quotes because it contains a colon: title: "Meeting: the outcome"`,
      `${FILE}:7:11: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]`,
    ]);
  });
});

describe("how files are written", () => {
  it("an optional field left empty is simply absent", async () => {
    expect(await only(lines([6, "summary: x\nparticipants:\nend:\nbody:"]))).toEqual([]);
  });

  it("a required field left empty is missing, at its key", async () => {
    expect(await only(lines([1, "title:"]))).toEqual([`${FILE}:1:1: missing required field "title"`]);
  });

  it("a single value where a list may stand, placed at the value", async () => {
    expect(await only(lines([6, "summary: x\nsources: ftp://example.org/report"]))).toEqual([
      `${FILE}:7:10: source "ftp://example.org/report" is not an http(s) URL`,
    ]);
    expect(await only(lines([5, "strands: silk-routes-wg"]))).toEqual([`${FILE}:5:10: unknown strand "silk-routes-wg" (strands.yaml lists the known ones)`]);
  });

  it("a strand or topic listed twice", async () => {
    expect(await only(lines([5, "strands: [silk-routes-working-group, silk-routes-working-group]"]))).toEqual([
      `${FILE}:5:38: strand "silk-routes-working-group" is listed twice`,
    ]);
  });

  it("a web address without a host", async () => {
    expect(await only(lines([6, "summary: x\nsources: 'http:example'"]))).toEqual([`${FILE}:7:10: source "http:example" is not an http(s) URL`]);
  });

  it("a byte-order mark, Windows line endings, .yml and a year written as a number are all fine", async () => {
    const crlf = `\uFEFF${lines([3, "date: 2018"]).replace(/\n/g, "\r\n")}`;
    await put(dir, "events/2018/2018-test-crlf.yml", crlf);
    const result = await loadData(dir);
    expect(result.diagnostics).toEqual([]);
    const event = result.data!.events.find((e) => e.id === "2018-test-crlf")!;
    expect(event.date).toMatchObject({ iso: "2018", precision: "year" });
  });

  it("positions stay right with Windows line endings", async () => {
    expect(await only(lines([3, "date: 2018-02-30"]).replace(/\n/g, "\r\n"))).toEqual([`${FILE}:3:7: date 2018-02-30 is not a date in the calendar`]);
  });

  it("a tab used for indentation", async () => {
    const result = await only(lines([6, "summary: x\npartners:\n\t- ICMPD"]));
    expect(result).toEqual([`${FILE}:8:1: a tab character at 8:1: use spaces for indentation`]);
  });

  it("an error in a reference file does not hide the events' errors", async () => {
    const places = await (await import("node:fs/promises")).readFile(path.join(dir, "places.yaml"), "utf8");
    await put(dir, "places.yaml", places.replace("lat: 43.8563", "lat: 99"));
    const all = await only(lines([4, "place: sarajvo"]));
    expect(all).toEqual([`${FILE}:4:8: unknown place "sarajvo", did you mean "sarajevo"?`]);
    expect(await diagnosticsOf(dir)).toContain("places.yaml:5:8: lat must be between -80 and 84: the map cannot show a place nearer the poles");
  });

  it("a missing events folder is an error; an empty one a warning; other files are named", async () => {
    await rm(path.join(dir, "events"), { recursive: true });
    expect(await diagnosticsOf(dir)).toEqual(["events: the events folder is missing; every data folder needs one: make the folder, or let `activity-report new event` make it with the first event"]);
    await put(dir, "events/README.txt", "notes");
    expect(await diagnosticsOf(dir)).toEqual([
      "events: warning: there are no events yet: add one with `activity-report new event`",
      "events/README.txt: warning: not read: event files are .yaml files (lower case)",
    ]);
  });
});

describe("files that are not read are named", () => {
  const HOLDS = "data folder holds report.yaml, strands.yaml, event-types.yaml, topics.yaml, places.yaml, countries.yaml and frameworks.yaml, the events in the folder events, pictures in the folder images and documents in the folder documents";

  it("a YAML file in the data folder's root that is not a reference file, with the one it resembles", async () => {
    await put(dir, "place.yaml", "vienna:\n  name: Vienna\n  country: AT\n");
    await put(dir, "Report.YAML", "title: x\n");
    await put(dir, "foo.yml", "a: 1\n");
    await put(dir, "notes.txt", "not YAML: not for the check");
    expect(await diagnosticsOf(dir)).toEqual([
      `foo.yml: warning: not read: the ${HOLDS}; an event file goes into the events folder`,
      `place.yaml: warning: not read, did you mean "places.yaml"? The ${HOLDS}`,
      `Report.YAML: warning: not read, did you mean "report.yaml"? The ${HOLDS}`,
    ]);
  });

  it("an event file whose extension is not .yaml in lower case, once, with the name to give it", async () => {
    await put(dir, "events/2018/Meeting 2018.YAML", lines());
    await put(dir, "events/2018/2018-06-02-other.Yml", lines());
    expect(await diagnosticsOf(dir)).toEqual([
      "events/2018/2018-06-02-other.Yml: warning: not read: event files end in .yaml, in lower case; rename it to 2018-06-02-other.yaml",
      "events/2018/Meeting 2018.YAML: warning: not read: event files end in .yaml, in lower case; rename it to Meeting 2018.yaml",
    ]);
  });
});

describe("report.yaml", () => {
  it("a logo must be a picture in the images folder; a site_url a web address; states known codes", async () => {
    const report = await withoutSamplePictures(dir);
    await put(dir, "report.yaml", report
      .replace("title: Annual Activity Report\n", "title: Annual Activity Report\nlogo: ../secret.svg\n")
      .replace("site_url: https://activity-report.example.org", "site_url: activity-report.example.org")
      .replace("participating_states: [AF,", "participating_states: [QQ,"));
    const all = await diagnosticsOf(dir);
    expect(all).toContain('report.yaml:5:7: logo "../secret.svg" must be a picture (SVG, PNG, JPEG, GIF, WebP or AVIF) in the images folder of the data folder, e.g. images/logo.svg');
    expect(all).toContain('report.yaml:7:11: site_url "activity-report.example.org" must be a web address starting with http:// or https://');
    expect(all).toContain('report.yaml:9:24: country "QQ" is not an ISO 3166-1 code; add it to countries.yaml if it is meant');
  });

  it("a YAML syntax error is reported alone, not also as an empty file", async () => {
    const report = await (await import("node:fs/promises")).readFile(path.join(dir, "report.yaml"), "utf8");
    await put(dir, "report.yaml", report.replace("participating_states: [AF, BA, BD, HU, IQ, IR, PK, TR]", "participating_states: [AF, BA"));
    expect((await diagnosticsOf(dir)).filter((d) => d.startsWith("report.yaml"))).toEqual([
      "report.yaml:8:23: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]",
    ]);
  });
});

describe("report.yaml without a site_url", () => {
  it("warns that the feed and sitemap are not built", async () => {
    const report = await (await import("node:fs/promises")).readFile(path.join(dir, "report.yaml"), "utf8");
    await put(dir, "report.yaml", report.replace("site_url: https://activity-report.example.org\n", ""));
    expect(await diagnosticsOf(dir)).toEqual(["report.yaml:2:1: warning: no site_url: the feed and the sitemap, which need the site's address, are not built"]);
  });
});

describe("editions", () => {
  it("periods that overlap", async () => {
    const report = await (await import("node:fs/promises")).readFile(path.join(dir, "report.yaml"), "utf8");
    await put(dir, "report.yaml", `${report}  2030:\n    period: {from: 2029-07-01, to: 2030-06-30}\n  2031:\n    period: {from: 2030-06-01, to: 2031-05-31}\n`);
    const line = report.split("\n").length + 3;
    expect(await diagnosticsOf(dir)).toContain(`report.yaml:${line}:13: the period of 2031 overlaps the period of 2030; an event could belong to both`);
  });
});

describe("no diagnostic is a consequence of another", () => {
  const read = async (name: string) => (await import("node:fs/promises")).readFile(path.join(dir, name), "utf8");

  it("a mistyped field in an edition is the only diagnostic: the editions are still there", async () => {
    await put(dir, "report.yaml", (await read("report.yaml")).replace("    foreword: |\n      In 2016", "    foreward: |\n      In 2016"));
    expect(await diagnosticsOf(dir)).toEqual(['report.yaml:49:5: unknown field "foreward", did you mean "foreword"?']);
  });

  it("an edition with a mistake keeps its period and its Senior Officials Meeting for the other checks", async () => {
    const report = await read("report.yaml");
    const line = report.split("\n").length;
    await put(dir, "report.yaml", `${report}  2030:\n    chiar: Somebody\n    som: {place: antalya, date: 2030-11-01}\n    period: {from: 2029-07, to: 2029-06}\n`);
    expect(await diagnosticsOf(dir)).toEqual([
      `report.yaml:${line + 1}:5: unknown field "chiar", did you mean "chair"?`,
      `report.yaml:${line + 3}:33: to 2029-06 is before from 2029-07`,
    ]);
  });

  it("a mistake in countries.yaml does not make the codes it defines unknown", async () => {
    // XZ is no ISO 3166-1 code: only countries.yaml makes it known.
    await put(dir, "places.yaml", `${await read("places.yaml")}somewhere:\n  name: Somewhere\n  country: XZ\n  lat: 42.66\n  lon: 21.17\n`);
    await put(dir, "countries.yaml", `${await read("countries.yaml")}XZ:\n  nmae: Somewhere\n`);
    expect(await diagnosticsOf(dir)).toEqual([
      "countries.yaml:12:1: missing required field \"name\"",
      'countries.yaml:13:3: unknown field "nmae", did you mean "name"?',
    ]);
    // Nor does a countries.yaml that cannot be read at all.
    await put(dir, "countries.yaml", "XK: [unclosed\n");
    expect(await diagnosticsOf(dir)).toEqual(["countries.yaml:1:5: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]"]);
  });
});

describe("warnings: printed, but the data stays valid", () => {
  it("women or countries above participants, a distant report_year", async () => {
    const result = await only(lines([6, "summary: x\nparticipants: 10\nwomen: 12\ncountries: 11\nreport_year: 2016"]));
    expect(result).toEqual([
      `${FILE}:8:8: warning: women (12) is more than participants (10)`,
      `${FILE}:9:12: warning: countries (11) is more than participants (10)`,
      `${FILE}:10:14: warning: report_year 2016 is more than a year away from the date 2018-06-01`,
    ]);
    expect((await loadData(dir)).data).toBeDefined();
  });

  it("a place without coordinates", async () => {
    await put(dir, "places.yaml", "sarajevo:\n  name: Sarajevo\n  country: BA\n");
    const all = await diagnosticsOf(dir);
    expect(all).toContain('places.yaml:1:1: warning: place "sarajevo" has no coordinates (lat and lon); the map lists its activities beneath it instead of drawing them');
  });

  it("a report year without an edition", async () => {
    await put(dir, "events/2021/2021-03-01-x.yaml", lines([3, "date: 2021-03-01"]));
    const all = await diagnosticsOf(dir);
    const report = await (await import("node:fs/promises")).readFile(path.join(dir, "report.yaml"), "utf8");
    const line = report.split("\n").indexOf("editions:") + 1;
    expect(all).toContain(`report.yaml:${line}:1: warning: no edition for 2021 under editions; its report is built with a neutral cover`);
  });
});

describe("report year", () => {
  it("defaults to the year of the date, or the edition whose period holds it", async () => {
    await put(dir, FILE, lines([3, "date: 2018-09-10"]));
    let event = (await loadData(dir)).data!.events.find((e) => e.id === "2018-06-01-test-meeting")!;
    expect(event.reportYear).toBe(2018);
    const report = (await import("node:fs/promises")).readFile(path.join(dir, "report.yaml"), "utf8");
    await put(dir, "report.yaml", (await report).replace("  2019:\n", "  2019:\n    period:\n      from: 2018-07-01\n      to: 2019-06-30\n"));
    event = (await loadData(dir)).data!.events.find((e) => e.id === "2018-06-01-test-meeting")!;
    expect(event.reportYear).toBe(2019);
  });
});

describe("ids that are names of JavaScript objects' properties", () => {
  const NAMES = ["constructor", "toString", "__proto__", "valueOf", "hasOwnProperty"];
  const read = async (name: string) => (await import("node:fs/promises")).readFile(path.join(dir, name), "utf8");

  it.each(NAMES)("%s as an event's place, type, strands and topics is unknown, like any other id", async (name) => {
    expect(await only(lines([2, `type: ${name}`], [4, `place: ${name}`], [5, `strands: [${name}]`], [6, `summary: x\ntopics: [${name}]`]))).toEqual([
      `${FILE}:2:7: unknown type "${name}" (event-types.yaml lists the known ones)`,
      `${FILE}:4:8: unknown place "${name}" (places.yaml lists the known ones)`,
      `${FILE}:5:11: unknown strand "${name}" (strands.yaml lists the known ones)`,
      `${FILE}:7:10: unknown topic "${name}" (topics.yaml lists the known ones)`,
    ]);
  });

  it("a typo of such a name still gets its did-you-mean", async () => {
    await put(dir, "places.yaml", `${await read("places.yaml")}constructor:\n  name: Constructor\n  country: AT\n  lat: 48.2\n  lon: 16.4\n`);
    expect(await only(lines([4, "place: constructr"]))).toEqual([`${FILE}:4:8: unknown place "constructr", did you mean "constructor"?`]);
  });

  it.each(NAMES)("%s as the place of a Senior Officials Meeting is unknown", async (name) => {
    await put(dir, "report.yaml", (await read("report.yaml")).replace("      place: antalya", `      place: ${name}`));
    expect(await diagnosticsOf(dir)).toEqual([`report.yaml:47:14: unknown place "${name}" (places.yaml lists the known ones)`]);
  });

  it.each(NAMES)("%s as a country code is not a code", async (name) => {
    await put(dir, "report.yaml", (await read("report.yaml")).replace("participating_states: [AF,", `participating_states: [${name},`));
    await put(dir, "places.yaml", (await read("places.yaml")).replace("  country: BA", `  country: ${name}`));
    expect(await diagnosticsOf(dir)).toEqual([
      `places.yaml:4:12: country "${name}" must be a two-letter country code in capitals, such as "TR"`,
      `report.yaml:8:24: participating_states entry 1 "${name}" must be a two-letter country code in capitals, such as "TR"`,
    ]);
  });

  it.each(NAMES)("%s as a key of places.yaml, countries.yaml and editions is reported, not dropped", async (name) => {
    const placesLine = (await read("places.yaml")).split("\n").length;
    const reportLine = (await read("report.yaml")).split("\n").length;
    await put(dir, "places.yaml", `${await read("places.yaml")}${name}:\n  name: Somewhere\n  country: AT\n  lat: 48.2\n  lon: 16.4\n`);
    await put(dir, "countries.yaml", `${await read("countries.yaml")}${name}:\n  name: Somewhere\n`);
    await put(dir, "report.yaml", `${await read("report.yaml")}  ${name}:\n    chair: Somebody\n`);
    const expected = [
      `countries.yaml:12:1: key "${name}" must be a two-letter country code in capitals, such as "TR"`,
      `report.yaml:${reportLine}:3: key "${name}" must be a year written YYYY`,
    ];
    // "constructor" is a valid id: a place may be called that.
    if (name !== "constructor") expected.splice(1, 0, `places.yaml:${placesLine}:1: key "${name}" must be an id in lower case letters, digits and hyphens, such as "silk-routes"`);
    expect(await diagnosticsOf(dir)).toEqual(expected);
  });

  it("a place, strand, type and topic with the id constructor are found, and abbreviations named like properties are all kept", async () => {
    await put(dir, "places.yaml", `${await read("places.yaml")}constructor:\n  name: Constructor\n  country: AT\n  lat: 48.2\n  lon: 16.4\n`);
    await put(dir, "strands.yaml", `${await read("strands.yaml")}- id: constructor\n  title: Constructor\n  kind: thematic\n`);
    await put(dir, "event-types.yaml", `${await read("event-types.yaml")}- id: constructor\n  label: Constructor\n  plural: Constructors\n`);
    await put(dir, "topics.yaml", `${await read("topics.yaml")}- id: constructor\n  label: Constructor\n`);
    await put(dir, "report.yaml", (await read("report.yaml")).replace("abbreviations:\n", "abbreviations:\n  __proto__: The prototype\n  constructor: The constructor\n  toString: To string\n"));
    await put(dir, FILE, lines([2, "type: constructor"], [4, "place: constructor"], [5, "strands: [constructor]"], [6, "summary: x\ntopics: [constructor]"]));
    const result = await loadData(dir);
    expect(result.diagnostics).toEqual([]);
    expect(Object.keys(result.data!.report.abbreviations!)).toEqual(["__proto__", "constructor", "toString", "ICMPD", "ILO", "MRC", "SOM", "ToT"]);
    expect(result.data!.report.abbreviations!.__proto__).toBe("The prototype");
    // What the file does not define is not found, whatever every object inherits.
    expect("toString" in result.data!.places).toBe(false);
    expect(result.data!.places.constructor).toEqual({ name: "Constructor", country: "AT", lat: 48.2, lon: 16.4 });
  });

  it("both YAML readers read a key __proto__ as a key, not as the object's prototype", async () => {
    const { createSource } = await import("../../../src/data/source/yaml-source.ts");
    // Plain, the fast reader reads it; with an anchor and an alias, the positional one does.
    for (const text of ["__proto__:\n  name: X\n", "a: &x [1]\nb: *x\n__proto__:\n  name: X\n"]) {
      const value = createSource("x.yaml", text).source.value as Record<string, unknown>;
      expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
      expect(Object.hasOwn(value, "__proto__")).toBe(true);
      expect(Object.getOwnPropertyDescriptor(value, "__proto__")?.value).toEqual({ name: "X" });
    }
  });
});

describe("the year's narrative: goals, hosts, documents, editions", () => {
  it("a goal that frameworks.yaml does not define, with a did-you-mean, and one listed twice", async () => {
    expect(await only(lines([6, "summary: x\ngoals: [istanbul-2013-retrun, istanbul-2013-return, istanbul-2013-return]"]))).toEqual([
      `${FILE}:7:9: unknown goal "istanbul-2013-retrun", did you mean "istanbul-2013-return"?`,
      `${FILE}:7:53: goal "istanbul-2013-return" is listed twice`,
    ]);
  });

  it("goals written by number: the ids those numbers are in the framework in force on the event's date, and the list to write", async () => {
    // Goal 1 is irregular migration in the Call for Action 2019, legal migration in the 2013 Declaration.
    expect(await only(lines([3, "date: 2019-03-12"], [6, "summary: x\ngoals: [1, 2]"]))).toEqual([
      `${FILE}:7:9: goal 1 is a number: name each goal by its id, as frameworks number their goals differently. On the event's date, 2019-03-12, Priority Goal 1 of "Istanbul Commitments and Call for Action 2019–2024" is "call-for-action-2019-irregular-migration-return"; write goals: [call-for-action-2019-irregular-migration-return, call-for-action-2019-legal-migration]`,
      `${FILE}:7:12: goal 2 is a number: name each goal by its id, as frameworks number their goals differently. On the event's date, 2019-03-12, Priority Goal 2 of "Istanbul Commitments and Call for Action 2019–2024" is "call-for-action-2019-legal-migration"; write goals: [call-for-action-2019-irregular-migration-return, call-for-action-2019-legal-migration]`,
    ]);
    expect(await only(lines([6, "summary: x\ngoals:\n  - istanbul-2013-return\n  - Priority Goal 1"]))).toEqual([
      `${FILE}:9:5: goal Priority Goal 1 is a number: name each goal by its id, as frameworks number their goals differently. On the event's date, 2018-06-01, Priority Goal 1 of "Istanbul Ministerial Declaration" is "istanbul-2013-legal-migration"; write goals: [istanbul-2013-return, istanbul-2013-legal-migration]`,
    ]);
    expect(await only(lines([6, "summary: x\ngoals: 9"]))).toEqual([
      `${FILE}:7:8: goal 9 is a number: name each goal by its id, as frameworks number their goals differently. "Istanbul Ministerial Declaration", in force on the event's date, 2018-06-01, has no Priority Goal 9; its goals are 1 "istanbul-2013-legal-migration", 2 "istanbul-2013-integration", 3 "istanbul-2013-irregular-migration", 4 "istanbul-2013-return", 5 "istanbul-2013-development", 6 "istanbul-2013-international-protection"`,
    ]);
    expect(await only(lines([3, "date: 2012-06-01"], [6, "summary: x\ngoals: [1]"]))).toEqual([
      `${FILE}:7:9: goal 1 is a number: name each goal by its id, as frameworks number their goals differently; no framework of frameworks.yaml was in force in 2012`,
    ]);
  });

  it("a goal written by its title: the id of the goal of that title, in the framework in force first", async () => {
    // "Legal migration and mobility" is a title in 2013 and in 2019.
    expect(await only(lines([3, "date: 2019-03-12"], [6, "summary: x\ngoals:\n  - Legal migration and mobility\n  - trafficking in human beings.\n  - Return and reintegration"]))).toEqual([
      `${FILE}:8:5: unknown goal "Legal migration and mobility": that is the title of Priority Goal 2 of "Istanbul Commitments and Call for Action 2019–2024"; write its id, "call-for-action-2019-legal-migration"`,
      `${FILE}:9:5: unknown goal "trafficking in human beings.": that is the title of Priority Goal 5 of "Istanbul Commitments and Call for Action 2019–2024"; write its id, "call-for-action-2019-trafficking"`,
      `${FILE}:10:5: unknown goal "Return and reintegration": that is the title of Priority Goal 6 of "Budapest Declaration and Call for Action 2025–2030"; write its id, "budapest-2025-return"`,
    ]);
    expect(await only(lines([6, "summary: x\ngoals: [Legal migration and mobility]"]))).toEqual([
      `${FILE}:7:9: unknown goal "Legal migration and mobility": that is the title of Priority Goal 1 of "Istanbul Ministerial Declaration"; write its id, "istanbul-2013-legal-migration"`,
    ]);
  });

  it("an unknown field gets the nearest field of its own object", async () => {
    const documents = ["documents:", "  - title: Conclusions", "    kind: conclusions", "    languages:", "      en:", "    adoptd: true"].join("\n");
    expect(await only(lines([6, `summary: x\n${documents}`]))).toEqual([
      `${FILE}:8:5: missing required field "versions"`,
      `${FILE}:10:5: unknown field "languages", did you mean "versions"?`,
      `${FILE}:12:5: unknown field "adoptd", did you mean "adopted"?`,
    ]);
    // Under the event, "languages" is no field's other name: nothing is guessed.
    expect(await only(lines([6, "summary: x\nlanguages: [en]"]))).toEqual([`${FILE}:7:1: unknown field "languages"`]);
    // The one required field missing, and one unknown field in its place.
    expect(await only(lines([6, "description: x"]))).toEqual([
      `${FILE}:1:1: missing required field "summary"`,
      `${FILE}:6:1: unknown field "description", did you mean "summary"?`,
    ]);
  });

  it("a goal of a framework not in force on the event's date: a warning naming the one that is", async () => {
    expect(await only(lines([3, "date: 2019-06-01"], [6, "summary: x\ngoals:\n  - istanbul-2013-return"]))).toEqual([
      `${FILE}:8:5: warning: goal "istanbul-2013-return" is of "Istanbul Ministerial Declaration", in force 2013–2018, not on the event's date 2019-06-01; in 2019 "Istanbul Commitments and Call for Action 2019–2024" (goals call-for-action-2019-irregular-migration-return, call-for-action-2019-legal-migration, call-for-action-2019-integration, call-for-action-2019-development, call-for-action-2019-trafficking, call-for-action-2019-international-protection) was in force`,
    ]);
  });

  it("goals in a data folder without frameworks.yaml", async () => {
    await rm(path.join(dir, "frameworks.yaml"));
    expect((await diagnosticsOf(dir)).map((d) => d.replace(/:\d+:\d+:/, ":"))).toEqual([
      'events/2017/2017-11-27-istanbul-ministerial-preparatory-meeting.yaml: unknown goal "istanbul-2013-international-protection": the data folder has no frameworks.yaml, which lists the frameworks and their goals (see docs/data.md)',
      'events/2018/2018-05-07-sarajevo-joint-working-group.yaml: unknown goal "istanbul-2013-return": the data folder has no frameworks.yaml, which lists the frameworks and their goals (see docs/data.md)',
    ]);
  });

  it("host, chairs, delegations and outcomes of the wrong kind", async () => {
    expect(await only(lines([6, "summary: x\nhost: ''\nchairs: [Türkiye, 12]\ndelegations: over forty-one countries\noutcomes: [a]"]))).toEqual([
      `${FILE}:7:7: host must not be empty`,
      `${FILE}:8:19: chairs entry 2 must be text, not the number 12`,
      `${FILE}:9:14: delegations "over forty-one countries" is not a count: write a whole number or a phrase such as "over 75" or "about 50"`,
      `${FILE}:10:11: outcomes must be text, not a list`,
    ]);
  });

  it("a document of an unknown kind, an unknown language code, a link that is neither a web address nor a file under documents/", async () => {
    const documents = [
      "documents:",
      "  - title: Conclusions",
      "    kind: conclusion",
      "    adopted: yes",
      "    versions:",
      "      english: https://example.org/c.pdf",
      "      ru: ftp://example.org/c.pdf",
      "      ar: ../secret.pdf",
      "      fr: documents/c.doc",
      "      de: documents/Conclusions 2018.pdf",
    ].join("\n");
    const found = await only(lines([6, `summary: x\n${documents}`]));
    expect(found).toEqual([
      `${FILE}:9:11: kind must be one of declaration, conclusions, call-for-action, agenda, report, presentation, other, not the text "conclusion", did you mean "conclusions"?`,
      `${FILE}:10:14: adopted must be true or false, not the text "yes"`,
      `${FILE}:12:7: key "english" is not an ISO 639-1 language code; write two lower-case letters such as en, ru, ar, fr`,
      `${FILE}:13:11: version "ftp://example.org/c.pdf" is not an http(s) URL`,
      `${FILE}:14:11: version "../secret.pdf" is neither an http(s) address nor a file in the documents folder of the data folder (e.g. documents/conclusions-2018-en.pdf)`,
      `${FILE}:15:11: version "documents/c.doc" must be a PDF or a Word (.docx) file, named in lower case (.pdf, .docx)`,
      `${FILE}:16:11: version "documents/Conclusions 2018.pdf": name the file in lower case letters, digits and hyphens (e.g. documents/conclusions-2018-en.pdf); it becomes part of a web address`,
    ]);
  });

  it("adopted_by: only on a document adopted, and without a \"by\" of its own; an adopted document without it is fine", async () => {
    const documents = [
      "documents:",
      "  - title: Commitments", //                          8
      "    kind: declaration",
      "    adopted: true",
      "    adopted_by: By close to 40 participating states", // 11
      "    versions: { en: }",
      "  - title: Draft",
      "    kind: other",
      "    adopted_by: the senior officials", //             15
      "    versions: { en: }",
      "  - title: Proposal",
      "    kind: other",
      "    adopted: false",
      "    adopted_by: some states", //                      20
      "    versions: { en: }",
      "  - title: Conclusions",
      "    kind: conclusions",
      "    adopted: true",
      "    adopted_by: by", //                               25
      "    versions: { en: }",
      "  - title: Agreed text",
      "    kind: conclusions",
      "    adopted: true",
      "    adopted_by: bystander states and others", //      30
      "    versions: { en: }",
      "  - title: Declaration",
      "    kind: declaration",
      "    adopted: true",
      "    versions: { en: }",
    ].join("\n");
    expect(await only(lines([6, `summary: x\n${documents}`]))).toEqual([
      `${FILE}:11:17: adopted_by is printed after "adopted by": write "close to 40 participating states", without "by", or it reads "adopted by By close to 40 participating states"`,
      `${FILE}:15:17: adopted_by says who adopted the document, but it is not marked as adopted: add adopted: true, or remove adopted_by`,
      `${FILE}:20:17: adopted_by says who adopted the document, but it is not marked as adopted: add adopted: true, or remove adopted_by`,
      `${FILE}:25:17: adopted_by is printed after "adopted by": write who adopted it, such as "close to 40 participating states", or it reads "adopted by by"`,
    ]);
  });

  it("a document file that is missing, not a PDF, a link out of the data folder; a real PDF and DOCX are published", async () => {
    await put(dir, "documents/real.pdf", pdfOf());
    await put(dir, "documents/fake.pdf", "<html><script>alert(1)</script></html>");
    await put(dir, "documents/real.docx", zipOf(wordParts()));
    await put(dir, "documents/zip.docx", Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from("....xl/workbook.xml....")]));
    const { symlink } = await import("node:fs/promises");
    await symlink("/etc/hostname", path.join(dir, "documents/link.pdf"));
    const versions = ["en: documents/real.pdf", "ru: documents/missing.pdf", "ar: documents/fake.pdf", "fr: documents/real.docx", "de: documents/zip.docx", "es: documents/link.pdf"];
    const found = await only(lines([6, `summary: x\ndocuments:\n  - title: T\n    kind: report\n    versions:\n${versions.map((v) => `      ${v}`).join("\n")}`]));
    expect(found).toEqual([
      `${FILE}:12:11: the file documents/missing.pdf is not in the data folder; put it in the documents folder, or give the document's web address instead`,
      `${FILE}:13:11: documents/fake.pdf is named as a PDF, but its content is neither a PDF nor a Word document; export the document as a PDF or correct its name`,
      `${FILE}:15:11: documents/zip.docx is not a whole ZIP file (its central directory cannot be read), so it may have been cut short; save or download it again`,
      expect.stringMatching(new RegExp(`^${FILE}:16:11: documents/link\\.pdf is a link to /etc/hostname, outside the data folder; copy the file in instead$`)),
    ]);
  });

  it("documents by structure, not by a string in them: an HTML page with %PDF- in its first kilobyte, a PDF cut short, a ZIP naming word/document.xml in its comment, a .docm renamed", async () => {
    const whole = pdfOf();
    await put(dir, "documents/page.pdf", `<!doctype html><!-- %PDF-1.7 --><script>alert(document.cookie)</script>`);
    await put(dir, "documents/cut.pdf", whole.subarray(0, Math.floor(whole.length / 2)));
    await put(dir, "documents/comment.docx", zipOf([{ name: "notes.txt", data: "hello" }], { comment: "[Content_Types].xml word/document.xml" }));
    await put(dir, "documents/macros.docx", zipOf(wordParts(WORD_MACRO_MAIN)));
    await put(dir, "documents/word.pdf", zipOf(wordParts()));
    const versions = ["en: documents/page.pdf", "ru: documents/cut.pdf", "ar: documents/comment.docx", "fr: documents/macros.docx", "de: documents/word.pdf"];
    const found = await only(lines([6, `summary: x\ndocuments:\n  - title: T\n    kind: report\n    versions:\n${versions.map((v) => `      ${v}`).join("\n")}`]));
    expect(found).toEqual([
      `${FILE}:11:11: documents/page.pdf is named as a PDF, but its content is neither a PDF nor a Word document; export the document as a PDF or correct its name`,
      `${FILE}:12:11: documents/cut.pdf is not a whole PDF: it does not end as a PDF ends (startxref, then %%EOF), so it may have been cut short; download or export it again`,
      `${FILE}:13:11: documents/comment.docx is a ZIP file, but not a Word document (it has no readable [Content_Types].xml); export the document as a Word document (.docx)`,
      `${FILE}:14:11: documents/macros.docx is a macro-enabled Word document (.docm), whose macros could run on a reader's computer; save it as a Word Document (.docx), without macros`,
      `${FILE}:15:11: documents/word.pdf is named as a PDF, but it holds a Word document (.docx); export the document as a PDF or correct its name`,
    ]);
  });

  it("an empty version says the text exists in that language, without a link", async () => {
    await put(dir, FILE, lines([6, "summary: x\ndocuments:\n  - title: T\n    kind: agenda\n    versions:\n      en:\n      ru: ''\n      ar: https://example.org/a"]));
    const event = (await loadData(dir)).data!.events.find((e) => e.id === "2018-06-01-test-meeting")!;
    expect(event.documents![0]!.versions).toEqual({ en: null, ru: null, ar: { url: "https://example.org/a" } });
  });

  it("an edition's unknown status, a strand text for no strand, and fields of the wrong kind", async () => {
    const report = await (await import("node:fs/promises")).readFile(path.join(dir, "report.yaml"), "utf8");
    const line = report.split("\n").length;
    await put(dir, "report.yaml", `${report}  2030:\n    status: final-draft\n    signatories:\n      - title: Chair\n    strands:\n      silk-routes-workgroup:\n        introduction: x\n    outlook: [x]\n`);
    expect(await diagnosticsOf(dir)).toEqual([
      `report.yaml:${line + 1}:13: status must be one of final, draft, not the text "final-draft"`,
      `report.yaml:${line + 3}:9: missing required field "name"`,
      `report.yaml:${line + 5}:7: unknown strand "silk-routes-workgroup", did you mean "silk-routes-working-group"?`,
      `report.yaml:${line + 7}:14: outlook must be text, not a list`,
    ]);
  });

  it("highlights left in strands.yaml: where they go now", async () => {
    const strands = await (await import("node:fs/promises")).readFile(path.join(dir, "strands.yaml"), "utf8");
    const line = strands.split("\n").length;
    await put(dir, "strands.yaml", `${strands}- id: reference-group\n  title: Reference Group\n  kind: governance\n  highlights: |\n    The group met twice.\n`);
    expect(await diagnosticsOf(dir)).toEqual([
      `strands.yaml:${line + 3}:3: highlights belong to the year they describe: move them to report.yaml, under editions.<year>.strands.reference-group.highlights of that year's edition`,
    ]);
  });

  it("frameworks.yaml: ids used twice across frameworks and goals, a goal number twice, years that run backwards", async () => {
    await put(dir, "frameworks.yaml", [
      "- id: a", "  title: A", "  short_title: A", "  adopted: 2013-04-19", "  from: 2013", "  to: 2012", "  goals:",
      "    - {id: a-one, number: 1, title: One}", "    - {id: a, number: 1, title: Two}",
      "- id: b", "  title: B", "  short_title: B", "  adopted: 2019-02-20", "  from: 2018", "  to: 2024", "  goals:",
      "    - {id: a-one, number: 1, title: One}", "",
    ].join("\n"));
    expect((await diagnosticsOf(dir)).filter((d) => d.startsWith("frameworks.yaml"))).toEqual([
      "frameworks.yaml:6:7: to 2012 is before from 2013",
      'frameworks.yaml:9:12: id "a" is already the id of the framework "A"; every framework and goal needs an id of its own',
      'frameworks.yaml:9:23: "A" already has a goal 1',
      "frameworks.yaml:14:9: from 2018 is before the year it was adopted (2019); a framework is in force from its adoption on",
      'frameworks.yaml:17:12: id "a-one" is already the id of goal 1 of "A"; every framework and goal needs an id of its own',
    ]);
  });

  it("the Senior Officials Meeting a report is presented to, inside that report's own period: a warning that says how to fix it", async () => {
    const report = await (await import("node:fs/promises")).readFile(path.join(dir, "report.yaml"), "utf8");
    const at = report.split("\n").indexOf("  2017:") + 1;
    await put(dir, "report.yaml", report.replace("  2017:\n", "  2017:\n    som: {place: antalya, date: 2017-12-15}\n"));
    expect(await diagnosticsOf(dir)).toEqual([
      `report.yaml:${at + 1}:5: warning: the Senior Officials Meeting this report is presented to (2017-12-15) is also an activity of the report (events/2017/2017-12-15-antalya-senior-officials-meeting.yaml), which would narrate as past the meeting that receives it; end the report's period before the meeting (editions.2017.period) or give the event a report_year of the following year`,
    ]);
  });
});

describe("texts of one line", () => {
  it("are read as one line however they are written: an escaped carriage return or line feed, a line or paragraph separator, a block", async () => {
    await put(dir, FILE, lines([1, 'title: "Test\\rmeeting \\r\\n of the\\ngroup\\u2028and\\u2029more"'], [6, "summary: x\npartners:\n  - \"IOM\\r(Geneva)\"\n  - >\n    ICMPD\n    Vienna"]));
    const report = await (await import("node:fs/promises")).readFile(path.join(dir, "report.yaml"), "utf8");
    await put(dir, "report.yaml", report.replace(/^organisation: .*$/m, 'organisation: "Budapest\\r\\nProcess"'));
    const result = await loadData(dir);
    expect(result.diagnostics).toEqual([]);
    const event = result.data!.events.find((e) => e.file.endsWith(FILE))!;
    expect(event.title).toBe("Test meeting of the group and more");
    expect(event.partners).toEqual(["IOM (Geneva)", "ICMPD Vienna"]);
    expect(result.data!.report.organisation).toBe("Budapest Process");
  });
});

describe("links in Markdown", () => {
  it("a percent-escape that is no character, at the escape itself (each time it is written), in any Markdown field however it is written", async () => {
    const event = lines([6, [
      "summary: See [the notes](#%E0%A4) or [again](#%E0%A4).", //          6
      "body: |", //                                                           7
      "  First line.", //                                                     8
      "  Then [the notes](https://example.org/n%C3%A4%E0%A4.pdf) here.", //  9
      'outcomes: "Read https://example.org/r#%e0 or [ok](#%C3%A4)."', //     10
    ].join("\n")]);
    expect(await only(event)).toEqual([
      `${FILE}:6:27: summary: the link "#%E0%A4" holds the percent-escape %E0%A4, which is no character (an escape of UTF-8 cut short or mistyped): write the character itself, or its whole escape (ä is %C3%A4)`,
      `${FILE}:6:47: summary: the link "#%E0%A4" holds the percent-escape %E0%A4, which is no character (an escape of UTF-8 cut short or mistyped): write the character itself, or its whole escape (ä is %C3%A4)`,
      `${FILE}:9:41: body: the link "https://example.org/n%C3%A4%E0%A4.pdf" holds the percent-escape %C3%A4%E0%A4, which is no character (an escape of UTF-8 cut short or mistyped): write the character itself, or its whole escape (ä is %C3%A4)`,
      `${FILE}:10:39: outcomes: the link "https://example.org/r#%e0" holds the percent-escape %e0, which is no character (an escape of UTF-8 cut short or mistyped): write the character itself, or its whole escape (ä is %C3%A4)`,
    ]);
  });
});

describe("percent-escapes in the other addresses the data holds", () => {
  const NO_CHARACTER = "which is no character (an escape of UTF-8 cut short or mistyped): write the character itself, or its whole escape (ä is %C3%A4)";

  it("a source's or a document's web address whose escape is no character, at the escape, in any part of the address", async () => {
    expect(await only(lines([6, [
      "summary: x", //                                                              6
      "sources:", //                                                                7
      "  - https://example.org/caf%e9", //                                          8
      "  - https://example.org/?q=%E0%A4&r=1", //                                   9
      '  - "https://example.org/r#%C3%A4%FF"', //                                  10
      "  - https://example.org/n%C3%A4.pdf", //                                    11
      "documents:", //                                                             12
      "  - title: T", //                                                           13
      "    kind: report", //                                                       14
      "    versions:", //                                                          15
      "      en: https://example.org/report%E2%82.pdf#%e0", //                     16
      "      fr: https://example.org/rapport-%C3%A9t%C3%A9.pdf", //                17
    ].join("\n")]))).toEqual([
      `${FILE}:8:28: source "https://example.org/caf%e9" holds the percent-escape %e9, ${NO_CHARACTER}`,
      `${FILE}:9:28: source "https://example.org/?q=%E0%A4&r=1" holds the percent-escape %E0%A4, ${NO_CHARACTER}`,
      `${FILE}:10:28: source "https://example.org/r#%C3%A4%FF" holds the percent-escape %C3%A4%FF, ${NO_CHARACTER}`,
      `${FILE}:16:37: version "https://example.org/report%E2%82.pdf#%e0" holds the percent-escapes %E2%82 and %e0, which are no characters (an escape of UTF-8 cut short or mistyped): write the character itself, or its whole escape (ä is %C3%A4)`,
    ]);
  });

  it("a % that begins no escape is written %25, as a Markdown link writes it; whole escapes are kept", async () => {
    await put(dir, FILE, lines([6, "summary: x\nsources: [https://example.org/50%off, https://example.org/n%C3%A4]\ndocuments:\n  - title: T\n    kind: agenda\n    versions: {en: 'https://example.org/a%zz.pdf'}"]));
    const event = (await loadData(dir)).data!.events.find((e) => e.id === "2018-06-01-test-meeting")!;
    expect(event.sources).toEqual(["https://example.org/50%25off", "https://example.org/n%C3%A4"]);
    expect(event.documents![0]!.versions).toEqual({ en: { url: "https://example.org/a%25zz.pdf" } });
    for (const address of [...event.sources!, event.documents![0]!.versions.en!.url!]) expect(() => decodeURI(address)).not.toThrow();
  });

  it("site_url: an escape that is no character, and anything but the scheme and host, which the feed, the sitemap and the PDF's links would drop", async () => {
    const report = await (await import("node:fs/promises")).readFile(path.join(dir, "report.yaml"), "utf8");
    const at = report.split("\n").findIndex((l) => l.startsWith("site_url:")) + 1;
    const withSite = (site: string) => report.replace("site_url: https://activity-report.example.org", `site_url: ${site}`);
    const siteErrors = async (site: string) => {
      await put(dir, "report.yaml", withSite(site));
      return (await diagnosticsOf(dir)).filter((d) => d.startsWith("report.yaml"));
    };
    expect(await siteErrors("https://example.org/%E0%A4/")).toEqual([`report.yaml:${at}:31: site_url "https://example.org/%E0%A4/" holds the percent-escape %E0%A4, ${NO_CHARACTER}`]);
    expect(await siteErrors("https://example.org/reports")).toEqual([
      `report.yaml:${at}:11: site_url "https://example.org/reports" must be the site's scheme and host only (https://example.org); a sub-path is given to the build: --path-prefix /reports/`,
    ]);
    for (const site of ["https://example.org/?lang=en", "https://example.org/#top", "https://editor:secret@example.org"]) {
      expect(await siteErrors(site)).toEqual([`report.yaml:${at}:11: site_url "${site}" must be the site's scheme and host only (https://example.org)`]);
    }
    for (const site of ["https://example.org", "https://example.org/", "http://example.org:8080"]) expect(await siteErrors(site)).toEqual([]);
  });
});
