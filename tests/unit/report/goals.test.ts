import { describe, expect, it } from "vitest";
import { loadDataOrThrow } from "../../../src/data/load.ts";
import { buildSite } from "../../../src/report/model.ts";
import { SAMPLE_DATA } from "../../helpers/data.ts";

const { data } = await loadDataOrThrow(SAMPLE_DATA);
const conference = data.events.find((e) => e.id === "2019-02-19-istanbul-ministerial-conference")!;
const servingGoals = (goals: string[]) => buildSite({ ...data, events: [{ ...conference, goals }] }).events[0]!;

describe("the line of the goals an activity served", () => {
  it("names them by number, in order, in short, with the framework's short title", () => {
    const event = servingGoals(["call-for-action-2019-trafficking", "call-for-action-2019-irregular-migration-return", "call-for-action-2019-legal-migration"]);
    expect(event.goalLine?.text).toBe("Serving Priority Goals 1, 2 and 5 of the Istanbul Commitments and Call for Action 2019–2024.");
    expect(event.goals.map((g) => g.number)).toEqual([1, 2, 5]);
    // Each number is a piece of its own, with its goal, for the web page's links.
    expect(event.goalLine?.pieces.map((p) => [p.text, p.goal?.id ?? ""])).toEqual([
      ["Serving Priority Goals ", ""],
      ["1", "call-for-action-2019-irregular-migration-return"],
      [", ", ""],
      ["2", "call-for-action-2019-legal-migration"],
      [" and ", ""],
      ["5", "call-for-action-2019-trafficking"],
      [" of the Istanbul Commitments and Call for Action 2019–2024.", ""],
    ]);
  });

  it("says Priority Goal for one, and two goals with and", () => {
    expect(servingGoals(["call-for-action-2019-integration"]).goalLine?.text).toBe("Serving Priority Goal 3 of the Istanbul Commitments and Call for Action 2019–2024.");
    expect(servingGoals(["call-for-action-2019-integration"]).goalLine?.pieces.map((p) => p.text)).toEqual(["Serving ", "Priority Goal 3", " of the Istanbul Commitments and Call for Action 2019–2024."]);
    expect(servingGoals(["call-for-action-2019-development", "call-for-action-2019-integration"]).goalLine?.text).toBe("Serving Priority Goals 3 and 4 of the Istanbul Commitments and Call for Action 2019–2024.");
  });

  it("names the goals of two frameworks each with its own, in the order of frameworks.yaml", () => {
    const event = servingGoals(["call-for-action-2019-integration", "istanbul-2013-return", "istanbul-2013-legal-migration"]);
    expect(event.goalLine?.text).toBe("Serving Priority Goals 1 and 4 of the Istanbul Ministerial Declaration; Priority Goal 3 of the Istanbul Commitments and Call for Action 2019–2024.");
  });

  it("is left out where the activity served none", () => {
    expect(servingGoals([]).goalLine).toBeUndefined();
  });
});

describe("the line of the goals in Russian", () => {
  it("lists the numbers as a Russian sentence does, each a piece of its own for its link", async () => {
    const { languageFrom, readCatalogues } = await import("../../../src/data/languages/catalogues.ts");
    const language = languageFrom(readCatalogues(), "ru");
    const event = buildSite({ ...data, events: [{ ...conference, goals: ["call-for-action-2019-trafficking", "call-for-action-2019-irregular-migration-return", "call-for-action-2019-legal-migration"] }] }, { language }).events[0]!;
    expect(event.goalLine?.text).toBe("Направлено на достижение целей: приоритетные цели 1, 2 и 5 (Istanbul Commitments and Call for Action 2019–2024).");
    expect(event.goalLine?.pieces.filter((p) => p.goal).map((p) => p.text)).toEqual(["1", "2", "5"]);
    expect(event.goals[0]!.label).toBe("Приоритетная цель 1");
  });
});
