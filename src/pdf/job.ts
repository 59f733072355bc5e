import type { ReportView, SiteModel } from "../report/model.ts";
import { linkWords } from "./link-words.ts";
import type { PdfMetadata } from "./metadata.ts";
import type { PrintJob } from "./print.ts";

/** The print job of one report: its print page, printed to `file`. */
export function printJob(site: SiteModel, report: ReportView, file: string): PrintJob {
  return { pagePath: report.printUrl, webPath: report.url, file, title: report.title, metadata: pdfMetadata(site, report) };
}

/** The PDF's document information, all from the data and the words of the report's language. */
export function pdfMetadata(site: SiteModel, report: ReportView): PdfMetadata {
  return {
    title: report.documentTitle,
    author: site.secretariatName,
    subject: report.subject,
    keywords: [site.organisation, site.language.t("pdf.keywords.topic"), site.language.t("pdf.keywords.kind"), String(report.year), ...(report.reference ? [report.reference] : []), ...report.chapters.map((c) => c.strand.title)],
    ...(report.publication?.day ? { date: report.publication.day } : {}),
    ...(report.reference ? { identifier: report.reference } : {}),
    creator: site.language.t("pdf.creator", { secretariat: site.secretariatName }),
    linkWords: linkWords(site.language),
  };
}
