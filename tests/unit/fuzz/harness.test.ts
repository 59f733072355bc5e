/**
 * The fuzz harness itself (`npm run fuzz`, never part of `npm test`): its
 * mutations replay exactly from a seed and do what they say, and its judge
 * tells a located error from a crash, a stack trace or a disagreement.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { caseFiles, mutate, sampleOf } from "../../../fuzz/mutate.ts";
import { judgeBuild, judgeCheck, type Run } from "../../../fuzz/oracle.ts";
import { fuzzCase } from "../../../fuzz/run.ts";
import { ROOT } from "../../helpers/data.ts";

const FILES = ["report.yaml", "places.yaml", "events/2019/2019-02-19-istanbul-ministerial-conference.yaml"];
const sample = sampleOf(new Map(FILES.map((file) => [file, readFileSync(path.join(ROOT, "_data", file), "utf8")])));
const EVENT = FILES[2]!;

describe("the mutations", () => {
  it("replay exactly from the seed and the case's number", () => {
    for (let index = 1; index < 30; index++) expect(fuzzCase(sample, 7, index)).toEqual(fuzzCase(sample, 7, index));
    // Writing a case of huge values takes seconds: a few suffice.
    for (const index of [1, 4, 5]) expect(caseFiles(fuzzCase(sample, 7, index), sample)).toEqual(caseFiles(fuzzCase(sample, 7, index), sample));
    expect(fuzzCase(sample, 7, 0).mutations).toEqual([]);
  });

  it("write a key twice as the build reads it, alias a value, and swap a value's type", () => {
    const twice = mutate("editions:\n  2019:\n    status: final\n", [{ kind: "duplicate-key", at: 1, style: "number", sameValue: true }], sample);
    expect(twice).toBe('editions:\n  2019:\n    status: final\n  "2019":\n    status: final\n');
    const event = sample.texts.get(EVENT)!;
    const aliased = mutate(event, [{ kind: "alias", from: 1, to: 3 }], sample);
    expect(aliased).toMatch(/&a1 /);
    expect(aliased).toMatch(/\*a1/);
    expect(parse(mutate("count: 60\n", [{ kind: "swap-type", at: 1, to: "list" }], sample))).toEqual({ count: [60] });
  });

  it("put characters raw into the text last, after the mutations of its structure", () => {
    const text = mutate("a: b\n", [{ kind: "raw-characters", offset: 0, chars: "\x1B" }, { kind: "unknown-key", at: 0, key: "c", value: 1 }], sample);
    expect(text).toBe("\x1Ba: b\nc: 1\n");
  });
});

const run = (code: number | undefined, err: string[], extra: Partial<Run> = {}): Run => ({ ...(code !== undefined ? { code } : {}), out: code === 0 ? ["ok: 1 event"] : [], err, raw: "", ms: 1, ...extra });

describe("the judge", () => {
  const context = { dataDir: "/tmp/case", texts: new Map([["topics.yaml", "- id: x\n  label: X\n"]]) };

  it("accepts an error placed in its file, and the same errors from the build", () => {
    const check = run(1, ["/tmp/case/topics.yaml:2:3: unknown field", "1 error, 0 warnings"]);
    expect(judgeCheck(check, context)).toEqual([]);
    expect(judgeBuild(check, check, context)).toEqual([]);
  });

  it("finds a stack trace, a failure naming no file, a position outside the file, a raw control character", () => {
    const kinds = (r: Run) => judgeCheck(r, context).map((f) => f.kind);
    expect(kinds(run(1, ["activity-report check failed: Maximum call stack size exceeded"]))).toEqual(expect.arrayContaining([
      "check: failure naming no file", "check: a JavaScript error shown", "check: failed without an error at a file",
    ]));
    expect(kinds(run(1, ["/tmp/case/topics.yaml:1:1: x", "    at cleanValue (/src/data/yaml-source.ts:45:51)"]))).toContain("check: stack trace");
    expect(kinds(run(1, ["/tmp/case/topics.yaml:9:1: x"]))).toContain("check: a position outside the file");
    expect(kinds(run(1, ["/tmp/case/topics.yaml:1:1: unknown field \"\x1B[2J\""]))).toContain("check: raw control character printed");
    expect(kinds(run(undefined, [], { crash: "the process ended (SIGKILL)" }))).toEqual(["check: crash"]);
  });

  it("finds a build that fails where check passed, or fails otherwise than check", () => {
    const passed = run(0, []);
    expect(judgeBuild(run(1, ["activity-report build failed: URI malformed"]), passed, context).map((f) => f.kind)).toContain("build: failed where check passed");
    const refused = run(1, ["/tmp/case/topics.yaml:1:1: x", "1 error, 0 warnings"]);
    expect(judgeBuild(run(1, ["/tmp/case/topics.yaml:2:1: y", "1 error, 0 warnings"]), refused, context).map((f) => f.kind)).toEqual(["build: errors other than check's"]);
  });
});
