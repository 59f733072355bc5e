/** The questions that activity-report new asks in a terminal. */
import { describe, expect, it } from "vitest";
import { choicePrompt, eventQuestions } from "../../../src/scaffold/questions.ts";

describe("the questions of activity-report new", () => {
  it("list the valid ids, or the first of many and where the rest are", () => {
    expect(choicePrompt("Place id", ["ankara", "erbil"], "_data/places.yaml")).toBe("Place id, one of: ankara, erbil");
    const many = Array.from({ length: 30 }, (_, i) => `place-${i + 1}`);
    expect(choicePrompt("Place id", many, "_data/places.yaml")).toBe(`Place id, e.g. ${many.slice(0, 12).join(", ")} (18 more in _data/places.yaml)`);
    const questions = Object.fromEntries(eventQuestions({
      places: ["ankara", "erbil"], types: ["training"], strands: ["silk-routes-working-group", "ministerial-process"],
      files: { places: "_data/places.yaml", types: "_data/event-types.yaml", strands: "_data/strands.yaml" },
    }));
    expect(questions.place).toBe("Place id, one of: ankara, erbil; or a country code (e.g. PK) when no city is known");
    expect(questions.type).toBe("Type id, one of: training");
    expect(questions.strands).toBe("Strand ids, separated by commas (the first reports it in full), one of: silk-routes-working-group, ministerial-process");
    expect(Object.keys(questions)).toEqual(["date", "place", "type", "strands", "title", "summary"]);
  });
});
