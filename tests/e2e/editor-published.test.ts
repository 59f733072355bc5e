/** `build --editor`: the editor written into the published site at /admin/, saving to the Git host; without the option, no /admin/. */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { runCli } from "../helpers/cli.ts";
import { cleanUp, ROOT, SAMPLE_DATA } from "../helpers/data.ts";
import { builtSite, warmOutput } from "../helpers/sites.ts";

afterAll(cleanUp);

describe("build --editor", () => {
  it("writes the editor into the site at /admin/, configured for the repository with the editorial workflow", async () => {
    const output = await warmOutput();
    const run = await runCli(["build", "--data", SAMPLE_DATA, "--output", output, "--no-pdf", "--editor", "https://github.com/icmpd/budapest-report/tree/release", "--editor-login", "https://auth.example.org"], { cwd: ROOT });
    expect(run.code, run.stderr).toBe(0);
    const admin = path.join(output, "admin");
    const config = parse(await readFile(path.join(admin, "config.yml"), "utf8")) as Record<string, unknown> & { backend: Record<string, unknown>; collections: { name: string; folder?: string }[] };
    expect(config.backend).toMatchObject({ name: "github", repo: "icmpd/budapest-report", branch: "release", base_url: "https://auth.example.org" });
    expect(config.publish_mode).toBe("editorial_workflow");
    // The paths start at the data folder in the repository (the project's top holds .git).
    expect(config.collections.find((c) => c.name === "events")!.folder).toBe("_data/events");
    expect(config.media_folder).toBe("_data/images");
    // The page loads Decap CMS and its own script from the site, and may connect to the Git host's API only.
    const page = await readFile(path.join(admin, "index.html"), "utf8");
    expect(page).toMatch(/<meta http-equiv="Content-Security-Policy" content="[^"]*connect-src 'self' blob: https:\/\/api\.github\.com;/);
    for (const [, src] of page.matchAll(/src="([^"]+)"/g)) {
      expect(src).not.toMatch(/^(?:https?:)?\/\//);
      expect(existsSync(path.join(admin, src!)), src).toBe(true);
    }
    expect(existsSync(path.join(admin, "decap", "decap-cms.js"))).toBe(true);
    // Not a page of the report: not in the sitemap.
    expect(await readFile(path.join(output, "sitemap.xml"), "utf8")).not.toContain("/admin/");
  });

  it("leaves the site without /admin/ unless asked, and refuses an address that is not a repository's", async () => {
    expect(existsSync(path.join(builtSite("sample").dir, "admin"))).toBe(false);
    const run = await runCli(["build", "--data", SAMPLE_DATA, "--output", await warmOutput(), "--no-pdf", "--editor", "icmpd/budapest-report"], { cwd: ROOT });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('activity-report build: --editor: "icmpd/budapest-report" is not a web address');
  });
});
