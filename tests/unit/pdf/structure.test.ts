/** The structure tree's corrections: an HTML figure's outer Figure, without alt, becomes the Div that groups the picture and its caption. */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFString } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { regroupFigures } from "../../../src/pdf/structure.ts";

/** A document whose structure tree is `tree`: [role, alt?, kids] nested. */
type Spec = [string, string | undefined, Spec[]];
async function withTree(tree: Spec[]): Promise<{ doc: PDFDocument; roles: () => unknown }> {
  const doc = await PDFDocument.create();
  const make = ([role, alt, kids]: Spec): PDFDict => {
    const element = doc.context.obj({ Type: "StructElem", S: role, K: kids.length ? kids.map((k) => doc.context.register(make(k))) : 0 });
    if (alt !== undefined) element.set(PDFName.of("Alt"), PDFString.of(alt));
    return element;
  };
  const root = doc.context.obj({ Type: "StructTreeRoot", S: "Root", K: tree.map((t) => doc.context.register(make(t))) });
  doc.catalog.set(PDFName.of("StructTreeRoot"), doc.context.register(root));
  // Each element as [role] or [role, [children]].
  const read = (element: PDFDict): unknown => {
    const kids = element.get(PDFName.of("K"));
    const children = (kids instanceof PDFArray ? kids.asArray() : []).map((k) => doc.context.lookup(k)).filter((k): k is PDFDict => k instanceof PDFDict);
    return [element.get(PDFName.of("S"))!.toString().slice(1), ...(children.length ? [children.map(read)] : [])];
  };
  return { doc, roles: () => (read(root) as unknown[])[1] };
}

describe("regroupFigures", () => {
  it("makes the Figure without alt around a Figure with alt and a Caption a Div, and only that one", async () => {
    const { doc, roles } = await withTree([
      ["Document", undefined, [
        ["Figure", undefined, [["Figure", "Delegates at the table", []], ["Caption", undefined, []]]],
        // A chart with its own alt around its picture: left alone.
        ["Figure", "Activities by month", [["Figure", "The chart", []]]],
        // A figure without alt that holds no figure: a problem of its own, not a group.
        ["Figure", undefined, [["P", undefined, []]]],
      ]],
    ]);
    expect(regroupFigures(doc)).toBe(1);
    expect(roles()).toEqual([["Document", [["Div", [["Figure"], ["Caption"]]], ["Figure", [["Figure"]]], ["Figure", [["P"]]]]]]);
    expect(regroupFigures(doc)).toBe(0);
  });

  it("does nothing to a document without a structure tree", async () => {
    expect(regroupFigures(await PDFDocument.create())).toBe(0);
  });
});
