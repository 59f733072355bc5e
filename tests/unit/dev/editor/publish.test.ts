import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { indexPage } from "../../../../src/dev/editor/page.ts";
import { apiOf, gitHostOf, repositoryPathOf } from "../../../../src/dev/editor/publish.ts";

const made: string[] = [];
afterAll(() => Promise.all(made.map((d) => rm(d, { recursive: true, force: true }))));

describe("gitHostOf", () => {
  it("reads the host, the repository and the branch from the repository's address as the browser shows it", () => {
    expect(gitHostOf("https://github.com/icmpd/budapest-report")).toEqual({ name: "github", repo: "icmpd/budapest-report", branch: "main" });
    expect(gitHostOf("https://github.com/icmpd/budapest-report/tree/release", "https://auth.example.org")).toEqual({ name: "github", repo: "icmpd/budapest-report", branch: "release", login: "https://auth.example.org" });
    expect(gitHostOf("https://gitlab.com/icmpd/reports/budapest/-/tree/drafts")).toEqual({ name: "gitlab", repo: "icmpd/reports/budapest", branch: "drafts" });
    expect(gitHostOf("https://gitlab.example.org/icmpd/budapest.git", "0123abcd")).toEqual({ name: "gitlab", repo: "icmpd/budapest", branch: "main", origin: "https://gitlab.example.org", login: "0123abcd" });
  });

  it("refuses what is not a repository's address, saying what to give", () => {
    expect(() => gitHostOf("icmpd/budapest-report")).toThrow(/is not a web address: give the repository's, such as https:\/\/github.com\/OWNER\/REPOSITORY/);
    expect(() => gitHostOf("http://github.com/a/b")).toThrow(/starts with https:\/\//);
    expect(() => gitHostOf("https://github.com/icmpd")).toThrow(/does not name a repository/);
    expect(() => gitHostOf("https://github.com/a/b/c")).toThrow(/does not name a repository/);
    expect(() => gitHostOf("https://github.com/a/b", " ")).toThrow(/the login is empty/);
  });

  it("names the API the editor's page connects to", () => {
    expect(apiOf(gitHostOf("https://github.com/a/b"))).toBe("https://api.github.com");
    expect(apiOf(gitHostOf("https://gitlab.com/a/b"))).toBe("https://gitlab.com");
    expect(apiOf(gitHostOf("https://git.example.org/a/b"))).toBe("https://git.example.org");
  });
});

describe("repositoryPathOf", () => {
  it("gives the data folder's path from the repository's top, or else from the current folder", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "activity-report-repo-"));
    made.push(dir);
    await mkdir(path.join(dir, "repo", ".git"), { recursive: true });
    await mkdir(path.join(dir, "repo", "reports", "_data"), { recursive: true });
    expect(repositoryPathOf("reports/_data", path.join(dir, "repo"))).toBe("reports/_data");
    expect(repositoryPathOf("_data", path.join(dir, "repo", "reports"))).toBe("reports/_data");
    await mkdir(path.join(dir, "plain", "_data"), { recursive: true });
    expect(repositoryPathOf("_data", path.join(dir, "plain"))).toBe("_data");
  });
});

describe("the published editor's page", () => {
  it("carries its own policy, which lets it reach the Git host's API and nothing else outside the site", () => {
    const page = indexPage({ api: "https://api.github.com" });
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)?.[1];
    expect(policy).toContain("connect-src 'self' blob: https://api.github.com;");
    expect(policy).toContain("script-src 'self' 'unsafe-eval';");
    expect(policy).toContain("default-src 'self'");
    expect(page).toContain('<meta name="activity-report-editor" content="published">');
    // The live preview's page has its policy in its headers, and no such marks.
    expect(indexPage()).not.toContain("Content-Security-Policy");
    expect(indexPage()).not.toContain("activity-report-editor");
  });
});
