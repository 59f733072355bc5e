/** The ids of new events, made from their date, place and title. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { eventId, MAX_EVENT_ID, titlePhrases } from "../../../src/scaffold/ids.ts";

describe("event file names", () => {
  it("leave out the words that carry no meaning: small words, ordinals, the process's own name, the place", () => {
    const omit = ["Budapest Process", "Istanbul"];
    expect(eventId("2019-02-19", "istanbul", "6th Ministerial Conference of the Budapest Process", omit)).toBe("2019-02-19-istanbul-ministerial-conference");
    expect(eventId("2019-02-19", "istanbul", "Sixth Ministerial Conference of the Budapest Process", omit)).toBe("2019-02-19-istanbul-ministerial-conference");
    expect(eventId("2030-02-19", "istanbul", "Twenty-first Ministerial Conference in Istanbul", omit)).toBe("2030-02-19-istanbul-ministerial-conference");
    expect(eventId("2020-03-14", "ankara", "Meeting of the Silk Routes Region Working Group")).toBe("2020-03-14-ankara-meeting-silk-routes-region-working-group");
    expect(eventId("2019-03-12", "pakistan", "Training of staff of the Migrant Resource Centres in Pakistan")).toBe("2019-03-12-pakistan-training-staff-migrant-resource-centres");
    // An apostrophe joins its word, never makes one ("migrant-s").
    expect(eventId("2019-03-12", "kabul", "Presentation of the Migrants' Rights Policy")).toBe("2019-03-12-kabul-presentation-migrants-rights-policy");
  });

  it("stop before a phrase that would not fit in 60 characters, never inside it", () => {
    // Cut by words, the first would end "...-meeting-budapest", as if of a place.
    expect(eventId("2019-02-19", "istanbul", "Senior Officials Meeting of the Budapest Process")).toBe("2019-02-19-istanbul-senior-officials-meeting");
    expect(eventId("2019-02-19", "istanbul", "Senior Officials Meeting: Budapest Process")).toBe("2019-02-19-istanbul-senior-officials-meeting");
    expect(eventId("2020-03-14", "islamabad", "Regional Conference on Migration Governance, Labour Mobility and the Protection of Migrants' Rights"))
      .toBe("2020-03-14-islamabad-regional-conference");
    expect(eventId("2020-03-14", "islamabad", "Training of Trainers on Integrated Border Management for Officials of the Islamic Republic of Afghanistan"))
      .toBe("2020-03-14-islamabad-training-trainers");
    // A first phrase too long for the limit: the date and place alone, which `--id` can replace.
    expect(eventId("2020-03-14", "islamabad", "Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft")).toBe("2020-03-14-islamabad");
  });

  it("are at most 60 characters, whole phrases of the title in order", () => {
    fc.assert(fc.property(fc.array(fc.constantFrom("Working", "Group", "of", "the", "Budapest", "Process", "6th", "Meeting", "on", "Return", ",", "Silk", "Routes", "Migrant", "Resource", "Centres", "and"), { maxLength: 20 }), (words) => {
      const title = words.join(" ");
      const id = eventId("2020-03-14", "islamabad", title, ["Budapest Process"]);
      expect(id.length).toBeLessThanOrEqual(MAX_EVENT_ID);
      const phrases = titlePhrases(title, ["Budapest Process", "islamabad"]).map((p) => p.join("-"));
      const tail = id.slice("2020-03-14-islamabad".length).replace(/^-/, "");
      let taken = 0;
      while (taken < phrases.length && [...phrases.slice(0, taken + 1)].join("-").length + 21 <= MAX_EVENT_ID) taken++;
      expect(tail).toBe(phrases.slice(0, taken).join("-"));
    }));
  });
});
