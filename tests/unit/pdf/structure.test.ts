/** The structure tree's corrections: an HTML figure's outer Figure, without alt, becomes the Div that groups the picture and its caption; the elements' ids are renumbered. */
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { regroupFigures, renumberStructureIds } from "../../../src/pdf/structure.ts";

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

describe("renumberStructureIds", () => {
  /** A tree of a Document holding a P and a Figure, with Chromium's ids, an ID tree of two leaves, and the data's texts that read like ids. */
  async function chromiumLike() {
    const doc = await PDFDocument.create();
    const { context } = doc;
    const element = (role: string, id: string, extra: Record<string, unknown> = {}) => context.register(context.obj({ Type: "StructElem", S: role, ID: PDFString.of(id), ...extra } as never));
    const figure = element("Figure", "node00000267", { Alt: PDFString.of("node12345678"), ActualText: PDFString.of("(node00000096)") });
    const paragraph = element("P", "node00000096");
    // A table: a header cell, and a data cell whose Table attributes name it (and, first, a Layout attribute and a revision number).
    const header = element("TH", "node00000301");
    const cell = element("TD", "node00000304", { A: [context.obj({ O: "Layout", Placement: "Block" } as never), 0, context.register(context.obj({ O: "Table", Headers: [PDFString.of("node00000301")] } as never))] });
    const table = element("Table", "node00000300", { K: [header, cell] });
    const document = element("Document", "node00000031", { K: [paragraph, figure, table] });
    const leaf = (pairs: [string, unknown][]) => context.obj({ Limits: [PDFString.of(pairs[0]![0]), PDFString.of(pairs.at(-1)![0])], Names: pairs.flatMap(([k, v]) => [PDFString.of(k), v]) } as never);
    const idTree = context.obj({ Kids: [context.register(leaf([["node00000031", document], ["node00000096", paragraph]])), context.register(leaf([["node00000267", figure]]))] } as never) as unknown as PDFDict;
    const root = context.obj({ Type: "StructTreeRoot", K: document, IDTree: context.register(idTree) } as never);
    doc.catalog.set(PDFName.of("StructTreeRoot"), context.register(root));
    doc.setTitle("Budapest Process (node12345678)");
    doc.setAuthor("node00000267");
    return { doc, figure, paragraph, document, idTree, header, cell, table };
  }
  const text = (value: unknown) => (value as PDFString | PDFHexString).decodeText();

  it("numbers Chromium's structure ids densely, in order, in the elements, the ID tree and table cells' headers, and touches no text of the data", async () => {
    const { doc, figure, paragraph, document, idTree, header, cell, table } = await chromiumLike();
    expect(renumberStructureIds(doc)).toBe(6);
    const id = (ref: typeof figure) => text(doc.context.lookup(ref, PDFDict).get(PDFName.of("ID")));
    expect([document, paragraph, figure, table, header, cell].map(id)).toEqual(["node00000001", "node00000002", "node00000003", "node00000004", "node00000005", "node00000006"]);
    const attributes = doc.context.lookup(cell, PDFDict).lookup(PDFName.of("A"), PDFArray);
    const headers = doc.context.lookup(attributes.get(2), PDFDict).lookup(PDFName.of("Headers"), PDFArray);
    // The cell still names its header cell, by the header's new id.
    expect(headers.asArray().map(text)).toEqual([id(header)]);
    const leaves = (idTree.get(PDFName.of("Kids")) as PDFArray).asArray().map((ref) => doc.context.lookup(ref, PDFDict));
    const read = (leaf: PDFDict, key: string) => (leaf.get(PDFName.of(key)) as PDFArray).asArray().filter((v) => v instanceof PDFString).map(text);
    expect(leaves.map((leaf) => [read(leaf, "Limits"), read(leaf, "Names")])).toEqual([
      [["node00000001", "node00000002"], ["node00000001", "node00000002"]],
      [["node00000003", "node00000003"], ["node00000003"]],
    ]);
    const fig = doc.context.lookup(figure, PDFDict);
    expect([text(fig.get(PDFName.of("Alt"))), text(fig.get(PDFName.of("ActualText")))]).toEqual(["node12345678", "(node00000096)"]);
    expect([doc.getTitle(), doc.getAuthor()]).toEqual(["Budapest Process (node12345678)", "node00000267"]);
    // Once dense, they stay as they are.
    expect(renumberStructureIds(doc)).toBe(6);
    expect([document, paragraph, figure, table, header, cell].map(id)).toEqual(["node00000001", "node00000002", "node00000003", "node00000004", "node00000005", "node00000006"]);
  });

  it("does nothing to a document without a structure tree", async () => {
    expect(renumberStructureIds(await PDFDocument.create())).toBe(0);
  });
});
