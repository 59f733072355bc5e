import { readFile } from "node:fs/promises";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../../src/data/diagnostics.ts";
import { loadDataOrThrow } from "../../../src/data/load.ts";
import { abbreviationsUsed, usesAbbreviation } from "../../../src/report/abbreviations.ts";
import { buildSite, siteWarnings } from "../../../src/report/model.ts";
import { cleanUp, put, sampleCopy, SAMPLE_DATA } from "../../helpers/data.ts";

afterAll(cleanUp);

const { data } = await loadDataOrThrow(SAMPLE_DATA);
const annexD = (site: ReturnType<typeof buildSite>) => Object.fromEntries(site.reports.map((r) => [r.year, r.abbreviations.map((a) => a.abbreviation)]));

describe("Annex D", () => {
  it("lists only the abbreviations its report prints: SOM only in the report whose text uses it", () => {
    expect(Object.keys(data.report.abbreviations!)).toEqual(["ICMPD", "ILO", "MRC", "SOM", "ToT"]);
    // ICMPD is in the imprint of every report (the Secretariat's name); ILO and the MRCs in 2016's chapter, ToT and SOM in 2017's year in brief.
    expect(annexD(buildSite(data))).toEqual({ 2019: ["ICMPD"], 2018: ["ICMPD"], 2017: ["ICMPD", "SOM", "ToT"], 2016: ["ICMPD", "ILO", "MRC"] });
    expect(buildSite(data).reports.find((r) => r.year === 2017)!.abbreviations.find((a) => a.abbreviation === "SOM")).toEqual({ abbreviation: "SOM", meaning: "Senior Officials Meeting" });
  });

  it("counts what the report prints, not what the data holds elsewhere: an event's body, a link's address, a topic", () => {
    const sarajevo = data.events.find((e) => e.id === "2018-05-07-sarajevo-joint-working-group")!;
    const abbreviations = { ...data.report.abbreviations, EU: "European Union", IOM: "International Organization for Migration", UN: "United Nations", SEE: "South East Europe" };
    const events = data.events.map((e) => (e !== sarajevo ? e : {
      ...e,
      body: "Funded by the EU.",
      summary: `${e.summary} See [the report](https://example.org/IOM/report.pdf).`,
      outcomes: "The UN agencies attended.",
    }));
    const strands = data.strands.map((s) => (s.id === "south-east-europe-working-group" ? { ...s, short_title: "SEE" } : s));
    const site = buildSite({ ...data, events, strands, report: { ...data.report, abbreviations } });
    // The goals table heads its columns by the strands' short titles: SEE is printed there.
    expect(annexD(site)[2018]).toEqual(["ICMPD", "SEE", "UN"]);
  });

  it("lists an abbreviation that the meaning of another one uses", () => {
    const abbreviations = { ...data.report.abbreviations, SRPP: "Silk Routes Partnership Project of the EU", EU: "European Union" };
    const events = data.events.map((e) => (e.id === "2018-05-07-sarajevo-joint-working-group" ? { ...e, outcomes: "The SRPP reported." } : e));
    expect(annexD(buildSite({ ...data, events, report: { ...data.report, abbreviations } }))[2018]).toEqual(["EU", "ICMPD", "SRPP"]);
  });

  it("finds an abbreviation as a word of its own, or its plural, in the same letters", () => {
    expect(usesAbbreviation("the SOM met", "SOM")).toBe(true);
    expect(usesAbbreviation("two MRCs opened", "MRC")).toBe(true);
    expect(usesAbbreviation("(ICMPD)", "ICMPD")).toBe(true);
    expect(usesAbbreviation("SOM.", "SOM")).toBe(true);
    expect(usesAbbreviation("SOMALIA", "SOM")).toBe(false);
    expect(usesAbbreviation("the Som river", "SOM")).toBe(false);
    expect(usesAbbreviation("ICMPDs2", "ICMPD")).toBe(false);
    expect(usesAbbreviation("Kosovo* is", "Kosovo*")).toBe(true);
    expect(usesAbbreviation("Kosovo is", "Kosovo*")).toBe(false);
    expect(usesAbbreviation("e.g. this", "e.g.")).toBe(true);
    expect(usesAbbreviation("eXg. this", "e.g.")).toBe(false);
  });

  it("finds in many texts what usesAbbreviation finds in them together, the meanings of those found included", () => {
    /** The same, by usesAbbreviation alone: the reference. */
    const reference = (abbreviations: Record<string, string>, texts: string[]) => {
      const used = new Set<string>();
      let searched = texts.join("\n");
      for (let grew = true; grew;) {
        grew = false;
        for (const [abbreviation, meaning] of Object.entries(abbreviations)) {
          if (used.has(abbreviation) || !usesAbbreviation(searched, abbreviation)) continue;
          used.add(abbreviation);
          searched += `\n${meaning}`;
          grew = true;
        }
      }
      return [...used].sort((a, b) => a.localeCompare(b, "en"));
    };
    const text = fc.string({ unit: fc.constantFrom("S", "O", "M", "s", "2", "_", " ", ".", "*", "-", "Ж", "é", "\n"), maxLength: 12 });
    const abbreviation = fc.string({ unit: fc.constantFrom("S", "O", "M", "s", "2", "_", ".", "*", "Ж", "é"), minLength: 1, maxLength: 4 });
    fc.assert(fc.property(fc.dictionary(abbreviation, text, { maxKeys: 5 }), fc.array(text, { maxLength: 4 }), (abbreviations, texts) => {
      expect(abbreviationsUsed(abbreviations, texts).map((a) => a.abbreviation)).toEqual(reference(abbreviations, texts));
    }), { numRuns: 500 });
  });
});

describe("the check", () => {
  it("warns at each abbreviation that no report uses, naming the reports", async () => {
    const dir = await sampleCopy();
    const report = (await readFile(path.join(dir, "report.yaml"), "utf8")).replace("  SOM: Senior Officials Meeting\n", "  SOM: Senior Officials Meeting\n  EU: European Union\n");
    await put(dir, "report.yaml", report);
    const loaded = await loadDataOrThrow(dir);
    const line = report.split("\n").indexOf("  EU: European Union") + 1;
    expect(siteWarnings(loaded.data, buildSite(loaded.data)).map((d) => formatDiagnostic(d, dir))).toEqual([
      `report.yaml:${line}:3: warning: abbreviation "EU": none of the reports of 2016, 2017, 2018 and 2019 uses it, so no Annex D lists it; write it where the text means it, or remove it`,
    ]);
    // A warning readers would see, of every report: check --release refuses it.
    expect(siteWarnings(loaded.data, buildSite(loaded.data))[0]!.about).toEqual({ kind: "unused-abbreviation" });
  });

  it("of one year's report warns of those that report does not use", async () => {
    const lines = (await readFile(path.join(SAMPLE_DATA, "report.yaml"), "utf8")).split("\n");
    const warnings = siteWarnings(data, buildSite(data, { year: 2018 })).map((d) => formatDiagnostic(d, SAMPLE_DATA));
    expect(warnings).toEqual(["ILO", "MRC", "SOM", "ToT"].map((abbreviation) =>
      `report.yaml:${lines.findIndex((l) => l.startsWith(`  ${abbreviation}: `)) + 1}:3: warning: abbreviation "${abbreviation}": the report of 2018 does not use it, so its Annex D leaves it out; write it where the text means it, or remove it`));
  });

  it("has nothing to say of the sample, all of whose abbreviations some report uses", () => {
    expect(siteWarnings(data, buildSite(data))).toEqual([]);
  });
});
