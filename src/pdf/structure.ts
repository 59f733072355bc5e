/**
 * Corrections to the structure tree Chromium writes. An HTML <figure> becomes a Figure
 * element, and the <img> inside it a second Figure, the one with the alt text: the outer
 * one has no alternative text (PDF/UA-1 requires it of every Figure, 7.3), and giving it
 * the inner one's would hide its Caption, since an alt replaces all that an element holds.
 * It is a group, the picture and its caption: a Div. And the elements' ids are renumbered,
 * so that the same data gives the same bytes.
 */
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFRef, PDFString, type PDFDocument, type PDFObject } from "pdf-lib";

const S = PDFName.of("S");
const K = PDFName.of("K");
const DIV = PDFName.of("Div");
const isFigure = (element: PDFDict) => element.get(S)?.toString() === "/Figure";

/** The structure elements among the kids `K` of an element (which may also be marked-content ids and references to content). */
function childElements(doc: PDFDocument, element: PDFDict): PDFDict[] {
  const kids = element.get(K);
  const list = kids instanceof PDFArray ? kids.asArray() : kids === undefined ? [] : [kids];
  return list.flatMap((kid) => {
    const value = kid instanceof PDFRef ? doc.context.lookup(kid) : kid;
    return value instanceof PDFDict && value.get(S) instanceof PDFName ? [value] : [];
  });
}

const hasText = (element: PDFDict, key: string) => element.get(PDFName.of(key)) !== undefined;

/** Every Figure without alternative text that holds another Figure becomes a Div. Returns how many. */
export function regroupFigures(doc: PDFDocument): number {
  const root = doc.catalog.lookupMaybe(PDFName.of("StructTreeRoot"), PDFDict);
  if (!root) return 0;
  let changed = 0;
  // Depth first, with a list rather than recursion: a long report's tree is deep enough to matter.
  const pending = childElements(doc, root);
  const seen = new Set<PDFDict>();
  while (pending.length > 0) {
    const element = pending.pop()!;
    if (seen.has(element)) continue;
    seen.add(element);
    const children = childElements(doc, element);
    if (isFigure(element) && !hasText(element, "Alt") && !hasText(element, "ActualText") && children.some(isFigure)) {
      element.set(S, DIV);
      changed++;
    }
    pending.push(...children);
  }
  return changed;
}

const ID = PDFName.of("ID");
const A = PDFName.of("A");
const HEADERS = PDFName.of("Headers");

/**
 * The Headers arrays of an element's attributes (`A`: one attribute object, or an array of them,
 * each perhaps followed by a revision number): a table cell's Table attributes name its header
 * cells by their ids.
 */
function headerLists(doc: PDFDocument, element: PDFDict): PDFArray[] {
  const attributes = element.get(A);
  const list = attributes instanceof PDFArray ? attributes.asArray() : attributes === undefined ? [] : [attributes];
  return list.flatMap((item) => {
    const value = item instanceof PDFRef ? doc.context.lookup(item) : item;
    const headers = value instanceof PDFDict ? value.lookupMaybe(HEADERS, PDFArray) : undefined;
    return headers ? [headers] : [];
  });
}
/** The ids Chromium gives structure elements, after DOM nodes. */
const NODE_ID = /^node\d{8}$/;
const textOf = (value: PDFObject | undefined) => (value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined);

/**
 * Chromium names the elements of a tagged PDF's structure tree after DOM node ids
 * (`node00000096`), which count across all pages of a renderer process and so depend on
 * what else it printed at the same time. They are renumbered densely, in their order (which
 * keeps the ID tree sorted), in the objects that hold them and nowhere else: each element's
 * `ID`, the keys and limits of the structure tree's ID tree, and the `Headers` by which a
 * table cell names its header cells (which would otherwise point at ids no longer there). A text of the data that
 * reads the same (an organisation "… (node12345678)", an alt text "node12345678") is the
 * data's, and stays as written. Returns how many ids there are.
 */
export function renumberStructureIds(doc: PDFDocument): number {
  const root = doc.catalog.lookupMaybe(PDFName.of("StructTreeRoot"), PDFDict);
  if (!root) return 0;
  const elements: PDFDict[] = [];
  const pending = childElements(doc, root);
  const seen = new Set<PDFDict>();
  while (pending.length > 0) {
    const element = pending.pop()!;
    if (seen.has(element)) continue;
    seen.add(element);
    elements.push(element);
    pending.push(...childElements(doc, element));
  }
  // The ID tree is a name tree: keys in the Names of its leaves, the first and last key below each node in its Limits.
  const keyed: { array: PDFArray; index: number }[] = [];
  const nodes = [root.lookupMaybe(PDFName.of("IDTree"), PDFDict)];
  const visited = new Set<PDFDict>();
  while (nodes.length > 0) {
    const node = nodes.pop();
    if (!node || visited.has(node)) continue;
    visited.add(node);
    const names = node.lookupMaybe(PDFName.of("Names"), PDFArray);
    for (let i = 0; i < (names?.size() ?? 0); i += 2) keyed.push({ array: names!, index: i });
    const limits = node.lookupMaybe(PDFName.of("Limits"), PDFArray);
    for (let i = 0; i < (limits?.size() ?? 0); i++) keyed.push({ array: limits!, index: i });
    const kids = node.lookupMaybe(PDFName.of("Kids"), PDFArray);
    for (let i = 0; i < (kids?.size() ?? 0); i++) nodes.push(kids!.lookupMaybe(i, PDFDict));
  }
  for (const element of elements) {
    for (const headers of headerLists(doc, element)) for (let i = 0; i < headers.size(); i++) keyed.push({ array: headers, index: i });
  }
  const ids = new Set<string>();
  for (const element of elements) {
    const id = textOf(element.get(ID));
    if (id !== undefined && NODE_ID.test(id)) ids.add(id);
  }
  for (const { array, index } of keyed) {
    const key = textOf(array.get(index));
    if (key !== undefined && NODE_ID.test(key)) ids.add(key);
  }
  // Eight digits each: the text order is the numbers' order.
  const dense = new Map([...ids].sort().map((id, i) => [id, PDFString.of(`node${String(i + 1).padStart(8, "0")}`)]));
  for (const element of elements) {
    const renamed = dense.get(textOf(element.get(ID)) ?? "");
    if (renamed) element.set(ID, renamed);
  }
  for (const { array, index } of keyed) {
    const renamed = dense.get(textOf(array.get(index)) ?? "");
    if (renamed) array.set(index, renamed);
  }
  return ids.size;
}
