/** The data folder's pictures in a built site: the pictures, and nothing else of images/. */
import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.ts";
import { cleanUp, put, sampleCopy } from "../helpers/data.ts";
import { warmOutput } from "../helpers/sites.ts";

afterAll(cleanUp);

const SVG = (inner: string) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">${inner}</svg>`;

describe("the images folder", () => {
  it("a build publishes the pictures and nothing else of the folder", async () => {
    const data = await sampleCopy();
    await put(data, "images/logo.svg", SVG('<rect width="10" height="10"/>'));
    await put(data, "images/notes.html", "<!doctype html><script>alert(1)</script>");
    await put(data, "images/data.json", "{}");
    const output = await warmOutput();
    const run = await runCli(["build", "--data", data, "--output", output, "--no-pdf"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("images/notes.html: warning: not published");
    // The new one and the sample's logo; the sample's photos are published only as their processed copies, under /photos/.
    expect((await readdir(path.join(output, "images"))).sort()).toEqual(["logo.svg", "sample-logo-chair.svg"]);
    expect(existsSync(path.join(output, "images", "notes.html"))).toBe(false);
  });
});
