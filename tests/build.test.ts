/** The output folder's rules (src/build.ts): whose folder it is, and what lies inside it. */
import { describe, expect, it } from "vitest";
import { isWithin, markerWriter, PREVIEW_MARKER } from "../src/build.ts";

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
