import { mkdir, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkOutputFolder, isWithin, markerWriter, OUTPUT_MARKER, OutputError, PREVIEW_MARKER, removeLeftovers, swapInto } from "../../src/output.ts";
import { cleanUp, tempDir } from "../helpers/data.ts";

afterAll(cleanUp);

async function outputIn(): Promise<{ output: string; lock: string }> {
  const output = path.join(await tempDir(), "site");
  return { output, lock: `${output}.lock` };
}

describe("removeLeftovers", () => {
  it("removes the staging and old folders of killed builds of this output, and nothing else", async () => {
    const { output } = await outputIn();
    const parent = path.dirname(output);
    await mkdir(output);
    for (const name of ["site.tmp-0123abcd", "site.old-89abcdef"]) {
      await mkdir(path.join(parent, name));
      await writeFile(path.join(parent, name, OUTPUT_MARKER), "{}");
    }
    // What an old output's removal, stopped halfway, left.
    await mkdir(path.join(parent, "site.old-0000ffff"));
    await writeFile(path.join(parent, "site.old-0000ffff", ".activity-report-removing"), "{}");
    await mkdir(path.join(parent, "site.tmp-00000000"));
    for (const name of ["site.tmp-deadbeef-notes", "other.tmp-0123abcd", "site.tmp-ffffffff"]) await mkdir(path.join(parent, name));
    await writeFile(path.join(parent, "site.tmp-ffffffff", "keep.txt"), "not ours");
    const { restored, removed } = await removeLeftovers(output);
    expect(restored).toBeUndefined();
    expect(removed.map((f) => path.basename(f)).sort()).toEqual(["site.old-0000ffff", "site.old-89abcdef", "site.tmp-00000000", "site.tmp-0123abcd"]);
    expect((await readdir(parent)).sort()).toEqual(["other.tmp-0123abcd", "site", "site.tmp-deadbeef-notes", "site.tmp-ffffffff"]);
  });

  it("puts the output back from the old one when a build was killed between the swap's two renames, and never from one whose removal had begun", async () => {
    const { output } = await outputIn();
    const parent = path.dirname(output);
    await mkdir(path.join(parent, "site.old-89abcdef"));
    await writeFile(path.join(parent, "site.old-89abcdef", OUTPUT_MARKER), "{}");
    await writeFile(path.join(parent, "site.old-89abcdef", "index.html"), "the published report");
    await mkdir(path.join(parent, "site.old-0000ffff"));
    await writeFile(path.join(parent, "site.old-0000ffff", ".activity-report-removing"), "{}");
    await mkdir(path.join(parent, "site.tmp-0123abcd"));
    await writeFile(path.join(parent, "site.tmp-0123abcd", OUTPUT_MARKER), "{}");
    const { restored, removed } = await removeLeftovers(output);
    expect(restored).toBe(path.join(parent, "site.old-89abcdef"));
    expect(removed.map((f) => path.basename(f)).sort()).toEqual(["site.old-0000ffff", "site.tmp-0123abcd"]);
    expect((await readdir(parent)).sort()).toEqual(["site"]);
    expect(await readFile(path.join(output, "index.html"), "utf8")).toBe("the published report");
    // An old output whose removal had begun is never put back, even when the output is missing.
    await rm(output, { recursive: true });
    await mkdir(path.join(parent, "site.old-0000ffff"));
    await writeFile(path.join(parent, "site.old-0000ffff", ".activity-report-removing"), "{}");
    expect(await removeLeftovers(output)).toEqual({ removed: [path.join(parent, "site.old-0000ffff")] });
    expect(await readdir(parent)).toEqual([]);
  });
});

describe("checkOutputFolder", () => {
  it("refuses a link to nothing, as the output folder or a folder on the way to it, and a loop of links, saying which link and what to do", async () => {
    const parent = await tempDir();
    const data = path.join(parent, "_data");
    await symlink(path.join(parent, "gone"), path.join(parent, "site"));
    await expect(checkOutputFolder(path.join(parent, "site"), data)).rejects.toThrow(new OutputError(
      `the output folder ${path.join(parent, "site")} is a link to ${path.join(parent, "gone")}, which does not exist; create that folder, or choose another output folder`));
    await symlink("nowhere", path.join(parent, "out"));
    await expect(checkOutputFolder(path.join(parent, "out", "site"), data)).rejects.toThrow(new OutputError(
      `${path.join(parent, "out")}, on the way to the output folder ${path.join(parent, "out", "site")}, is a link to nowhere, which does not exist; create that folder, or choose another output folder`));
    await symlink("loop", path.join(parent, "loop"));
    await expect(checkOutputFolder(path.join(parent, "loop"), data)).rejects.toThrow(new OutputError(
      `the output folder ${path.join(parent, "loop")} is a link to loop, which leads back to itself through links; choose another output folder`));
    // A link to a folder that exists is the folder it leads to; a new folder under a real one is fine.
    await mkdir(path.join(parent, "real"));
    await symlink(path.join(parent, "real"), path.join(parent, "there"));
    await expect(checkOutputFolder(path.join(parent, "there"), data)).resolves.toBe(path.join(parent, "real"));
    await expect(checkOutputFolder(path.join(parent, "real", "new", "site"), data)).resolves.toBe(path.join(parent, "real", "new", "site"));
  });
});

describe("the output folder's marker", () => {
  it("tells a published build from a preview, and either from anything else", () => {
    expect(markerWriter(`${JSON.stringify({ written_by: "activity-report build", version: 1, events: {}, figures: {} })}\n`)).toBe("build");
    // Built before the manifest named its writer.
    expect(markerWriter(`${JSON.stringify({ version: 1, events: {}, figures: {} })}\n`)).toBe("build");
    expect(markerWriter(PREVIEW_MARKER)).toBe("dev");
    for (const text of ["", "notes\n", "null", "[]", '{"written_by":"someone else"}', PREVIEW_MARKER.trim(), `${PREVIEW_MARKER}more\n`]) {
      expect(markerWriter(text), text).toBe("unknown");
    }
  });
});

describe("isWithin", () => {
  it("holds for the folder and what is inside it, not for a sibling whose name begins the same", () => {
    expect(isWithin("/work/.preview", "/work/.preview")).toBe(true);
    expect(isWithin("/work/.preview/2018/index.html", "/work/.preview")).toBe(true);
    expect(isWithin("/work/.preview-secrets/secret.txt", "/work/.preview")).toBe(false);
    expect(isWithin("/work/.previewsecret", "/work/.preview")).toBe(false);
    expect(isWithin("/etc/passwd", "/")).toBe(true);
  });
});

describe("swapInto", () => {
  it("puts the new folder in place at once and removes the old one after", async () => {
    const { output } = await outputIn();
    const parent = path.dirname(output);
    await mkdir(output);
    await writeFile(path.join(output, "old.txt"), "old");
    const staging = path.join(parent, "site.tmp-0000aaaa");
    await mkdir(staging);
    await writeFile(path.join(staging, "new.txt"), "new");
    const { removed } = await swapInto(staging, output);
    // In place already: the old folder is only being removed.
    expect(await readdir(output)).toEqual(["new.txt"]);
    await removed;
    expect(await readdir(parent)).toEqual(["site"]);
  });

  it("puts the old folder back when the new one cannot be put in place", async () => {
    const { output } = await outputIn();
    const parent = path.dirname(output);
    await mkdir(output);
    await writeFile(path.join(output, "old.txt"), "old");
    await expect(swapInto(path.join(parent, "site.tmp-0000aaaa"), output)).rejects.toThrow(/ENOENT/);
    expect(await readdir(parent)).toEqual(["site"]);
    expect(await readdir(output)).toEqual(["old.txt"]);
  });
});
