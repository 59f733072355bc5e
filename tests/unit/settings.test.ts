import path from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT, projectRootOf } from "../../src/settings.ts";
import { ROOT as ROOT_WITH_SLASH } from "../helpers/data.ts";

const ROOT = path.resolve(ROOT_WITH_SLASH);

describe("the project's folder", () => {
  it("is the first folder with a package.json above a module, from src/ as from the compiled command's cache", () => {
    expect(PROJECT_ROOT).toBe(ROOT);
    expect(projectRootOf(path.join(ROOT, "src/dev/editor/page.ts"))).toBe(ROOT);
    expect(projectRootOf(path.join(ROOT, "node_modules/.cache/activity-report/cli-0123/chunk-X.mjs"))).toBe(ROOT);
  });

  it("says so where there is none", () => {
    expect(() => projectRootOf("/nowhere/at/all.ts")).toThrow("no package.json above /nowhere/at/all.ts");
  });
});
