/** The search index of the built site, made by Pagefind from the pages marked `data-pagefind-body` (the event pages). */
import path from "node:path";
import * as pagefind from "pagefind";

export const SEARCH_DIR = "pagefind";

export async function indexSite(siteDir: string): Promise<{ pages: number }> {
  try {
    const { errors: createErrors, index } = await pagefind.createIndex({ forceLanguage: "en" });
    if (!index) throw new Error(`search index: ${createErrors.join("; ")}`);
    const added = await index.addDirectory({ path: siteDir });
    if (added.errors.length > 0) throw new Error(`search index: ${added.errors.join("; ")}`);
    const written = await index.writeFiles({ outputPath: path.join(siteDir, SEARCH_DIR) });
    if (written.errors.length > 0) throw new Error(`search index: ${written.errors.join("; ")}`);
    return { pages: added.page_count };
  } finally {
    await pagefind.close();
  }
}
