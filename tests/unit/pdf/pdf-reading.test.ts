/** A line of a PDF as the tests and the release check read it, from the runs pdf.js gives (positions as in a printed report). */
import { describe, expect, it } from "vitest";
import { lineText, type Piece } from "../../../src/pdf/pdf-reading.ts";

/** Runs laid one after another from x = 70, each `gap` after the one before, 10.5 units high. */
function line(...runs: (readonly [str: string, width: number, options?: { gap?: number; afterSoftHyphen?: boolean }])[]): Piece[] {
  let x = 70;
  return runs.map(([str, width, options]) => {
    x += options?.gap ?? 0;
    const piece = { x, end: x + width, size: 10.5, str, afterSoftHyphen: options?.afterSoftHyphen ?? false };
    x += width;
    return piece;
  });
}

describe("lineText", () => {
  it("joins the parts of a word that soft hyphens split into runs, as they are", () => {
    expect(lineText(line(["The year 2017 saw the first pre", 150], ["par", 17, { afterSoftHyphen: true }], ["a", 6, { afterSoftHyphen: true }], ["tions for a new", 80, { afterSoftHyphen: true }]))).toBe(
      "The year 2017 saw the first preparations for a new",
    );
  });

  it("reads the hyphen shown where the line breaks at a soft hyphen as the soft hyphen, at the line's end", () => {
    expect(lineText(line(["a meeting of the Silk Routes coun", 132], ["-", 3.4, { afterSoftHyphen: true }]))).toBe("a meeting of the Silk Routes coun\u00ad");
    expect(lineText(line(["a meeting of the Silk Routes coun", 132], ["\u2010", 3.4, { afterSoftHyphen: true }]))).toBe("a meeting of the Silk Routes coun\u00ad");
  });

  it("reads other runs as it always has, joined by a space: a hyphen of the word, punctuation in another face, a space drawn in a span", () => {
    expect(lineText(line(["a well-", 30]))).toBe("a well-");
    expect(lineText(line(["Istanbul, 27–28 November 2017", 120], [":", 3]))).toBe("Istanbul, 27–28 November 2017 :");
    // Russian's narrow no-break space in `2018 г.`, drawn in a span of its own: pdf.js gives a space after it, which
    // tells it from a soft hyphen (readPdfText), and it is too wide to touch.
    expect(lineText(line(["30 апреля 2018", 70], ["г.", 9, { gap: 0.95 }]))).toBe("30 апреля 2018 г.");
    expect(lineText(line(["30 апреля 2018", 70], ["г.", 9, { gap: 2.3, afterSoftHyphen: true }]))).toBe("30 апреля 2018 г.");
    // Columns of a table.
    expect(lineText(line(["Activities held", 50], ["Participants", 43, { gap: 130 }]))).toBe("Activities held Participants");
  });
});
