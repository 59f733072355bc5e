/** Counts the pages Eleventy writes, for the build's progress display. */
let listener: (() => void) | undefined;

export function onRenderedPage(callback: (() => void) | undefined): void {
  listener = callback;
}

/** An Eleventy transform that passes each page through unchanged and counts it. */
export function countPage(content: string): string {
  listener?.();
  return content;
}
