/** A named pipe in images/: not published, and never waited on (mkfifo is a process of its own). */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { scanPictures } from "../../../../src/data/attachments/images.ts";
import { cleanUp, diagnosticsOf, sampleCopy } from "../../../helpers/data.ts";

afterAll(cleanUp);

describe("the images folder", () => {
  it("does not publish a named pipe, says so at its name, and reads on past it", async () => {
    const data = await sampleCopy();
    execFileSync("mkfifo", [path.join(data, "images/pipe.png")]);
    const { pictures } = await scanPictures(data);
    expect(pictures.map((p) => p.path)).not.toContain("images/pipe.png");
    expect(pictures.length).toBeGreaterThan(0);
    expect((await diagnosticsOf(data)).filter((d) => d.startsWith("images/"))).toEqual([
      "images/pipe.png: warning: not published: it is not a file (only pictures in images/ are published)",
    ]);
  });
});
