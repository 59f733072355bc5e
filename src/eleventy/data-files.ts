/**
 * Publishes files of the data folder at the same paths: the pictures of images/ and the
 * documents under documents/ that validation checked (src/data/attachments/images.ts, src/data/attachments/documents.ts).
 */
import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";

/**
 * Copies checked files into the output folder, each to its `path` there. Run after each
 * Eleventy build rather than set up as a passthrough copy of the folders, so that only
 * checked files are published.
 */
export async function copyDataFiles(files: readonly { readonly path: string; readonly file: string }[], outputDir: string): Promise<void> {
  await Promise.all(files.map(async (entry) => {
    const target = path.join(outputDir, entry.path);
    await mkdir(path.dirname(target), { recursive: true });
    await copyFile(entry.file, target);
  }));
}
