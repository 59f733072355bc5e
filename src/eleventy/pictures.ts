/** Publishes the data folder's pictures at /images/: only the files checked to be pictures (src/data/pictures.ts). */
import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { scanPictures } from "../data/pictures.ts";

/**
 * Copies the pictures into the output folder. Run after each Eleventy build rather than
 * set up as a passthrough copy, so that the live preview publishes a picture added or
 * removed while it runs, checked like the others.
 */
export async function copyPictures(dataDir: string, outputDir: string): Promise<void> {
  const { pictures } = await scanPictures(dataDir);
  await Promise.all(pictures.map(async (picture) => {
    const target = path.join(outputDir, picture.path);
    await mkdir(path.dirname(target), { recursive: true });
    await copyFile(picture.file, target);
  }));
}
