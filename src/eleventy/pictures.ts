/** Publishes the data folder's pictures at /images/: only the files validation found to be pictures (src/data/pictures.ts). */
import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";
import type { Picture } from "../data/pictures.ts";

/**
 * Copies the pictures into the output folder. Run after each Eleventy build rather than
 * set up as a passthrough copy of the folder, so that only checked files are published.
 */
export async function copyPictures(pictures: readonly Picture[], outputDir: string): Promise<void> {
  await Promise.all(pictures.map(async (picture) => {
    const target = path.join(outputDir, picture.path);
    await mkdir(path.dirname(target), { recursive: true });
    await copyFile(picture.file, target);
  }));
}
