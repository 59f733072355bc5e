import { describe, expect, it } from "vitest";
import { DataError } from "../../../src/data/diagnostics.ts";
import { createPreview, type PreviewBuild } from "../../../src/dev/preview.ts";
import type { Settings } from "../../../src/settings.ts";

const settings: Settings = { dataDir: "/data", outputDir: "/preview", pathPrefix: "/reports/", pdf: false };
const text = (body: string | Uint8Array | undefined) => String(body);

describe("createPreview", () => {
  it("answers every page and PDF with a page that says it is being built until the first build ends, and names the editor", async () => {
    const preview = createPreview(settings);
    for (const [segments, directory] of [[[], true], [["2018"], true], [["events", "2018", "x"], true], [["404.html"], false], [["2018", "report-2018.pdf"], false]] as const) {
      const reply = await preview.reply(segments, directory);
      expect(reply?.status, segments.join("/")).toBe(503);
      expect(reply?.headers["Retry-After"]).toBe("1");
      expect(text(reply?.body)).toContain("Building the preview");
      expect(text(reply?.body)).toContain('<meta http-equiv="refresh" content="1">');
      expect(text(reply?.body)).toContain('href="/reports/admin/"');
    }
    // The site's other files are left to the folder.
    expect(await preview.reply(["assets", "site.css"], false)).toBeUndefined();
  });

  it("shows the data's errors once the first build failed, and the site once one succeeded", async () => {
    const preview = createPreview(settings);
    preview.failed(new DataError([{ severity: "error", file: "/data/places.yaml", line: 3, col: 5, message: "unknown country \"XX\"" }]));
    const failed = await preview.reply(["2018"], true);
    expect(failed?.status).toBe(500);
    expect(text(failed?.body)).toContain("unknown country");
    preview.built({ sites: [{ reports: [] }, { reports: [] }], data: {} } as unknown as PreviewBuild);
    expect(await preview.reply(["2018"], true)).toBeUndefined();
    // A PDF no report of any language has: not the preview's to print.
    expect(await preview.reply(["ru", "2018", "report-ru.pdf"], false)).toBeUndefined();
    expect(await preview.reply(["2018", "report.pdf"], false)).toBeUndefined();
  });
});
