/**
 * The PDF's bookmarks, written from the report's contents rather than left to
 * Chromium: its own outline garbles heading titles when a page uses web fonts
 * and named pages ("ContentsContents"). The contents lists every chapter,
 * section and annex, so the bookmarks mirror the headings the reader sees.
 */
import { PDFDocument, PDFHexString, PDFName, PDFNull, PDFNumber, type PDFRef } from "pdf-lib";

export interface OutlineEntry {
  readonly title: string;
  /** 0 for a chapter, 1 for a section in it. */
  readonly depth: number;
  /** 1-based page, and the height on it (PDF units from the bottom) where the heading starts. */
  readonly page: number;
  readonly top: number;
}

interface Node {
  entry: OutlineEntry;
  children: Node[];
  ref?: PDFRef;
}

function tree(entries: readonly OutlineEntry[]): Node[] {
  const roots: Node[] = [];
  const stack: Node[] = [];
  for (const entry of entries) {
    const node: Node = { entry, children: [] };
    while (stack.length > entry.depth) stack.pop();
    (stack.at(-1)?.children ?? roots).push(node);
    stack.push(node);
  }
  return roots;
}

export function addOutline(doc: PDFDocument, entries: readonly OutlineEntry[]): void {
  if (entries.length === 0) return;
  const context = doc.context;
  const outlinesRef = context.nextRef();
  const roots = tree(entries);
  const count = (nodes: Node[]): number => nodes.reduce((n, node) => n + 1 + count(node.children), 0);
  const assignRefs = (nodes: Node[]) => nodes.forEach((node) => {
    node.ref = context.nextRef();
    assignRefs(node.children);
  });
  assignRefs(roots);
  const write = (nodes: Node[], parent: PDFRef) => nodes.forEach((node, i) => {
    const page = doc.getPage(node.entry.page - 1);
    const dict = context.obj({
      Title: PDFHexString.fromText(node.entry.title),
      Parent: parent,
      Dest: [page.ref, PDFName.of("XYZ"), PDFNull, PDFNumber.of(Math.round(node.entry.top)), PDFNull],
    });
    if (i > 0) dict.set(PDFName.of("Prev"), nodes[i - 1]!.ref!);
    if (i < nodes.length - 1) dict.set(PDFName.of("Next"), nodes[i + 1]!.ref!);
    if (node.children.length > 0) {
      dict.set(PDFName.of("First"), node.children[0]!.ref!);
      dict.set(PDFName.of("Last"), node.children.at(-1)!.ref!);
      dict.set(PDFName.of("Count"), PDFNumber.of(count(node.children)));
    }
    context.assign(node.ref!, dict);
    write(node.children, node.ref!);
  });
  write(roots, outlinesRef);
  context.assign(outlinesRef, context.obj({
    Type: "Outlines",
    First: roots[0]!.ref!,
    Last: roots.at(-1)!.ref!,
    Count: PDFNumber.of(count(roots)),
  }));
  doc.catalog.set(PDFName.of("Outlines"), outlinesRef);
  doc.catalog.set(PDFName.of("PageMode"), PDFName.of("UseOutlines"));
}
