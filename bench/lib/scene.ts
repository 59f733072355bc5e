/**
 * The flat meeting scene the stand-in pictures are drawn from (bench/sample-pictures.ts for
 * the sample data, bench/photos.ts for the benchmark's photos): a table, people as discs
 * and blocks, and "SAMPLE PICTURE" across it, so that every stand-in says what it is.
 */

export interface SceneColours {
  readonly sky: string;
  readonly table: string;
  readonly people: string;
}

/**
 * A scene of flat shapes (a table, people as discs and blocks) with "SAMPLE PICTURE" across it, upright, as SVG;
 * `more` is SVG drawn over the scene but under the words, which stay legible.
 */
export function scene(width: number, height: number, { sky, table, people }: SceneColours, label: string, more = ""): Buffer {
  const figures = Array.from({ length: 7 }, (_, i) => {
    const x = Math.round(((i + 0.75) * width) / 7.5);
    const r = Math.round(height / 16);
    return `<circle cx="${x}" cy="${Math.round(height * 0.42)}" r="${r}" fill="${people}"/><rect x="${x - r * 1.3}" y="${Math.round(height * 0.42 + r * 1.1)}" width="${r * 2.6}" height="${Math.round(height * 0.3)}" rx="${r / 2}" fill="${people}"/>`;
  }).join("");
  const size = Math.round(width / 14);
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
<rect width="${width}" height="${height}" fill="${sky}"/>
<rect width="${width}" height="${Math.round(height * 0.08)}" fill="#222"/>
${figures}
<rect y="${Math.round(height * 0.68)}" width="${width}" height="${Math.round(height * 0.32)}" fill="${table}"/>
${more}<text x="50%" y="${Math.round(height * 0.86)}" font-family="DejaVu Sans, sans-serif" font-weight="bold" font-size="${size}" text-anchor="middle" fill="#fff">SAMPLE PICTURE</text>
<text x="50%" y="${Math.round(height * 0.86 + size)}" font-family="DejaVu Sans, sans-serif" font-size="${Math.round(size / 2.2)}" text-anchor="middle" fill="#fff">${label}</text>
</svg>`);
}
