/** The deploy pipelines (.github/workflows/, .gitlab-ci.yml) run the README's commands, on the newest Node.js that the project supports. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ROOT } from "../helpers/data.ts";

const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");
const README = read("README.md");

/** The commands of the README's first `sh` block after `heading`, split at `&&`. */
function readmeCommands(heading: string): string[] {
  const section = README.slice(README.indexOf(`\n${heading}\n`));
  const block = /```sh\n([\s\S]*?)```/.exec(section)![1]!;
  return block.split("\n").flatMap((line) => line.split("&&")).map((c) => c.trim()).filter(Boolean);
}

interface Step { readonly id?: string; readonly name?: string; readonly run?: string; readonly uses?: string; readonly with?: Record<string, unknown> }
const build = parse(read(".github/workflows/build.yml")) as { jobs: { build: { container: string; steps: Step[] } } };
const steps = build.jobs.build.steps;
const gitlab = parse(read(".gitlab-ci.yml")) as { default: { image: string }; build: { script: string[] }; pages: { pages: { publish: string } } };

describe("the README's quick start", () => {
  it("is install, then build; its tests are npm test", () => {
    expect(readmeCommands("## Quick start")).toEqual(["npm ci", "npm run build"]);
    expect(README).toContain("To run the tests:\n\n```sh\nnpm test\n```");
  });
});

describe("the GitHub workflow's build (.github/workflows/build.yml)", () => {
  it("builds with the README's build command, after installing with its install command and running its tests", () => {
    const [install, buildCommand] = readmeCommands("## Quick start");
    const runs = steps.map((s) => s.run);
    expect(steps.find((s) => s.id === "build")!.run).toBe(buildCommand);
    expect(runs.indexOf(install)).toBeGreaterThan(-1);
    expect(runs.indexOf("npm test")).toBeGreaterThan(runs.indexOf(install));
    expect(runs.indexOf(buildCommand)).toBeGreaterThan(runs.indexOf("npm test"));
    // The release check reads the PDFs that the build wrote.
    expect(runs.indexOf("npm run check -- --release")).toBeGreaterThan(runs.indexOf(buildCommand));
  });

  it("publishes the folder that the build writes", () => {
    expect(steps.find((s) => s.uses?.startsWith("actions/upload-pages-artifact@"))!.with!.path).toBe("output");
    expect(steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"))!.with!.path).toBe("output");
  });
});

describe("the GitLab pipeline's build job (.gitlab-ci.yml)", () => {
  it("builds with the README's build command, after installing and running the tests, and checks the release after", () => {
    const [install, buildCommand] = readmeCommands("## Quick start");
    const script = gitlab.build.script;
    expect(script.indexOf(install!)).toBeGreaterThan(-1);
    expect(script.indexOf("npm test")).toBeGreaterThan(script.indexOf(install!));
    expect(script.indexOf(buildCommand!)).toBeGreaterThan(script.indexOf("npm test"));
    expect(script.indexOf("npm run check -- --release")).toBeGreaterThan(script.indexOf(buildCommand!));
  });

  it("publishes the folder that the build writes", () => {
    expect(gitlab.pages.pages.publish).toBe("output");
  });
});

describe("the pipelines' Node.js", () => {
  it("is the newest release that package.json's engines name", () => {
    const { engines } = JSON.parse(read("package.json")) as { engines: { node: string } };
    const newest = Math.max(...[...engines.node.matchAll(/\^(\d+)/g)].map((m) => Number(m[1])));
    expect(build.jobs.build.container).toBe(`node:${newest}-bookworm`);
    expect(gitlab.default.image).toBe(`node:${newest}-bookworm`);
  });
});
