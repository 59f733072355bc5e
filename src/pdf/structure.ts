/**
 * Corrections to the structure tree Chromium writes. An HTML <figure> becomes a Figure
 * element, and the <img> inside it a second Figure, the one with the alt text: the outer
 * one has no alternative text (PDF/UA-1 requires it of every Figure, 7.3), and giving it
 * the inner one's would hide its Caption, since an alt replaces all that an element holds.
 * It is a group, the picture and its caption: a Div.
 */
import { PDFArray, PDFDict, PDFName, PDFRef, type PDFDocument } from "pdf-lib";

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
