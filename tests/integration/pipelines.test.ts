/**
 * The deploy pipelines are valid for their hosts, checked here since no host is reachable: the
 * GitHub workflows against GitHub's schema by action-validator, the GitLab pipeline against
 * GitLab's by gitlab-ci-local, which also says which jobs each kind of pipeline runs.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { ROOT } from "../helpers/data.ts";

const WORKFLOWS = path.join(ROOT, ".github", "workflows");

function actionValidator(file: string) {
  return spawnSync(process.execPath, [path.join(ROOT, "node_modules/@action-validator/cli/cli.mjs"), file], { encoding: "utf8" });
}

describe("the GitHub workflows", () => {
  const files = readdirSync(WORKFLOWS).filter((f) => f.endsWith(".yml")).sort();

  it("are the build, deploy, preview and rollback", () => {
    expect(files).toEqual(["build.yml", "deploy.yml", "preview.yml", "rollback.yml"]);
  });

  it.each(files)("%s validates against GitHub's workflow schema", (file) => {
    const run = actionValidator(path.join(WORKFLOWS, file));
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });

  it("a workflow with a misspelt key does not", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "activity-report-workflow-"));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, "deploy.yml");
    writeFileSync(file, readFileSync(path.join(WORKFLOWS, "deploy.yml"), "utf8").replace("runs-on:", "run-on:"));
    const run = actionValidator(file);
    expect(run.stderr).toContain("Additional property 'run-on' is not allowed");
    expect(run.status).toBe(1);
  });
});

// gitlab-ci-local's bundle uses Set.prototype.union, which Node.js has from 22 on; the deploy
// pipelines, on the newest Node, run this test with the rest of the suite.
const gitlabCiLocalRuns = Number(process.versions.node.split(".")[0]) >= 22;

/** gitlab-ci-local listing the jobs of the pipeline in `cwd` for `variables`, after validating it against GitLab's schema. */
function gitlabCiLocal(variables: Record<string, string>, cwd = ROOT) {
  return spawnSync(process.execPath, [
    path.join(ROOT, "node_modules/gitlab-ci-local/dist/index.js"), "--list", "--json-schema-validation",
    ...Object.entries(variables).flatMap(([key, value]) => ["--variable", `${key}=${value}`]),
  ], { cwd, encoding: "utf8", env: { ...process.env, GCL_IGNORE_PREDEFINED_VARS: Object.keys(variables).join(",") } });
}

describe.skipIf(!gitlabCiLocalRuns)("the GitLab pipeline", () => {
  /** The jobs that a pipeline with `variables` runs. */
  function jobs(variables: Record<string, string>): string[] {
    const run = gitlabCiLocal(variables);
    expect(run.status, run.stderr + run.stdout).toBe(0);
    expect(run.stderr).toContain("json schema validated");
    const table = run.stdout.split("\n");
    const head = table.findIndex((line) => line.startsWith("name "));
    return table.slice(head + 1).map((line) => line.split(/\s+/)[0]!).filter(Boolean);
  }

  it("builds a merge request's site, and on the default branch also releases and deploys it", () => {
    expect(jobs({ CI_PIPELINE_SOURCE: "merge_request_event", CI_COMMIT_BRANCH: "", CI_DEFAULT_BRANCH: "main" })).toEqual(["build"]);
    expect(jobs({ CI_PIPELINE_SOURCE: "push", CI_COMMIT_BRANCH: "main", CI_DEFAULT_BRANCH: "main" })).toEqual(["build", "release", "pages"]);
  });

  it("rolls back without building: with ROLLBACK_TO only the pages job runs", () => {
    expect(jobs({ CI_PIPELINE_SOURCE: "web", CI_COMMIT_BRANCH: "main", CI_DEFAULT_BRANCH: "main", ROLLBACK_TO: "site-2026-12-07-42" })).toEqual(["pages"]);
  });

  it("refuses a pipeline that GitLab's schema refuses", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "activity-report-gitlab-"));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    spawnSync("git", ["init", "--quiet", dir]);
    writeFileSync(path.join(dir, ".gitlab-ci.yml"), readFileSync(path.join(ROOT, ".gitlab-ci.yml"), "utf8").replace("expire_in: 2 weeks", "expire_in: [2, weeks]"));
    const run = gitlabCiLocal({}, dir);
    expect(run.stderr + run.stdout).toContain("expire_in");
    expect(run.status).not.toBe(0);
  });
});
