import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { readFileSync } from "node:fs";
const doc = await getDocument({ data: new Uint8Array(readFileSync(process.argv[2])), useSystemFonts: false, isEvalSupported: false }).promise;
const c = await (await doc.getPage(Number(process.argv[3]))).getTextContent({ includeMarkedContent: true });
for (const d of c.items) { if ("str" in d) console.log(JSON.stringify(d.str), (d.transform[4]).toFixed(2), (d.transform[4] + d.width).toFixed(2), Math.round(d.transform[5]), d.height.toFixed(1), d.fontName); else console.log("   ", d.type, d.tag ?? ""); }
