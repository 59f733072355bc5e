/**
 * The words of the PDF's link descriptions in the report's language (links.ts writes them): a module of
 * its own, without pdf-lib, since every build's print jobs name them, also a build that prints no PDF.
 */
import type { Language } from "../format/language.ts";

/** The words a link's description is made of, in the report's language: `Go to …`, `section …`. */
export interface LinkWords {
  goTo(target: string): string;
  section(id: string): string;
}

export const linkWords = (language: Language): LinkWords => ({
  goTo: (target) => language.t("pdf.links.goTo", { target }),
  section: (id) => language.t("pdf.links.section", { id }),
});
