/**
 * Prints reports of a site to PDF: the jobs, and an error that names the data
 * file holding an outside address the printer blocked. The printer and its
 * libraries (Puppeteer, pdf-lib, pdf.js) are loaded only when this runs.
 */
import path from "node:path";
import { displayPath } from "../data/diagnostics.ts";
import { REFERENCE_FILES, type DataSet } from "../data/load.ts";
import type { ReportView, SiteModel } from "../report/model.ts";
import { printJob } from "./job.ts";
import type { PrintedPdf, PrintOptions } from "./print.ts";

/** Every text in `value`, however deep: any text field may hold a link. */
function textsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (value !== null && typeof value === "object") for (const v of Object.values(value)) textsOf(v, out);
  return out;
}

/** The data files whose text holds `url`: where an editor has to look when the printer blocks it. */
export function filesMentioning(url: string, data: DataSet): string[] {
  const texts: [string, string[]][] = [
    ...data.events.map((e): [string, string[]] => [e.file, textsOf(e)]),
    [REFERENCE_FILES.report, textsOf(data.report)],
    [REFERENCE_FILES.strands, textsOf(data.strands)],
  ];
  return texts
    .filter(([, values]) => values.some((v) => v.includes(url)))
    .map(([file]) => displayPath(path.isAbsolute(file) ? file : path.join(data.dir, file)));
}

/**
 * Prints `reports`, each of the model of its language (the build prints every language's in one browser), from their
 * print pages in `options.siteDir`, each to the file `fileOf` names.
 */
export async function printReports(
  reports: readonly { readonly site: SiteModel; readonly report: ReportView }[],
  data: DataSet,
  fileOf: (report: ReportView) => string,
  options: PrintOptions,
): Promise<PrintedPdf[]> {
  const { PrintError, printPdfs } = await import("./print.ts");
  try {
    return await printPdfs(reports.map(({ site, report }) => printJob(site, report, fileOf(report))), { siteUrl: reports[0]?.site.siteUrl, ...options });
  } catch (error) {
    if (!(error instanceof PrintError) || error.blocked.length === 0) throw error;
    const where = error.blocked.map((url) => `${url} (in ${filesMentioning(url, data).join(", ") || "the templates"})`);
    throw new PrintError(`the PDF may load only the report's own files, but the data links to ${where.join("; ")}: remove the link or host the file in the data's images folder`, error.blocked);
  }
}
