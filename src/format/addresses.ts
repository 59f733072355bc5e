/**
 * Percent-escapes in the addresses the data holds (a Markdown link, a source, a document's web address):
 * one rule for all, so that an address accepted in one field is accepted in every other.
 */

/**
 * The runs of percent-escapes in `address` that decode to no text (`%E0%A4`: UTF-8 cut short, `%e9`: a
 * Latin-1 é), each once for every time it is written. No reader can follow such an address as the site
 * means it, and whatever decodes it fails ("URI malformed"): the printer decodes a link within the page.
 * A `%` that begins no escape is not one of them (see encodeLonePercents).
 */
export function undecodableEscapes(address: string): string[] {
  const out: string[] = [];
  for (const [run] of address.matchAll(/(?:%[0-9a-f]{2})+/gi)) {
    try {
      decodeURIComponent(run);
    } catch {
      out.push(run);
    }
  }
  return out;
}

/** `address` with every `%` that begins no escape written `%25`, as Markdown writes it in a link: `50%off` → `50%25off`. */
export const encodeLonePercents = (address: string): string => address.replace(/%(?![0-9a-f]{2})/gi, "%25");

/** What an editor is told of such escapes (not empty): what they are, and what to write instead. */
export function escapesProblem(escapes: readonly string[]): string {
  const many = escapes.length > 1;
  const named = many ? `${escapes.slice(0, -1).join(", ")} and ${escapes.at(-1)!}` : escapes[0]!;
  return `holds the percent-escape${many ? "s" : ""} ${named}, which ${many ? "are" : "is"} no character${many ? "s" : ""} (an escape of UTF-8 cut short or mistyped): write the character itself, or its whole escape (ä is %C3%A4)`;
}
