#!/usr/bin/env node
// `npm run verify-pdf [FILE…]`: the built PDFs against PDF/UA-1 and PDF/A-2u (src/pdf/checks/verify.ts).
import { importCommand } from "./compiled.js";

const { pdfsUnder, verifyPdfs } = await importCommand("src/pdf/checks/verify.ts");
const files = process.argv.slice(2);
process.exitCode = await verifyPdfs(files.length > 0 ? files : pdfsUnder("output"), { out: console.log, err: console.error });
