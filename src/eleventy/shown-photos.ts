/**
 * The photos of a build as templates show them: each event's photos and each edition's
 * cover photo, processed (src/pictures/photo-processor.ts) into web copies and print JPEGs, and the
 * cover's logos. Every other raster picture of images/ is published as a copy without its
 * metadata; only SVG drawings are published as they are. The copies are held in memory
 * until the plugin writes them into the output.
 */
import type { DataSet } from "../data/load.ts";
import type { Photo } from "../data/contract/schema.ts";
import type { PrintUse } from "../data/attachments/photo-checks.ts";
import type { PhotoFile, PhotoProcessor, WebPhoto } from "../pictures/photo-processor.ts";
import { eventUrl, type SiteUrls } from "../report/urls.ts";
import { SOURCE_LANGUAGE } from "../format/locale.ts";

/** How wide a photo is shown in the page's column (--measure, 46rem, less its padding), or the screen on a phone. */
export const PAGE_SIZES = "(min-width: 46rem) 43.5rem, 100vw";
/** An event's first photo beside its entry in the year page (the template's `sizes`): half the column on a wide screen. */
export const ENTRY_SIZES = "(min-width: 46rem) 21rem, 100vw";

/** A photo as the templates show it: <picture> for the web, one <img> for print. */
export interface ShownPhoto {
  readonly alt: string;
  readonly caption?: string;
  /** The language of its alt and caption, on a page of another language whose translation lacks them (English stands in). */
  readonly lang?: string;
  readonly credit?: string;
  readonly web: Omit<WebPhoto, "files">;
  /**
   * The print JPEG, for the photos the PDF prints (an event's first, a cover): `width` and `height` are the size it is
   * printed at in CSS pixels (96 to the inch), for the <img>'s attributes; the JPEG has about 300 dpi at that size.
   */
  readonly print?: { readonly src: string; readonly width: number; readonly height: number; readonly widthMm: number };
}

export interface ShownLogo {
  readonly src: string;
  readonly alt: string;
  readonly width?: number;
  readonly height?: number;
}

export interface SitePhotos {
  /** Each event's photos, by the event's URL; its first carries the print copy. */
  readonly events: Readonly<Record<string, readonly ShownPhoto[]>>;
  /** Each edition's cover photo, by its year; shown at the top of the year page (web sizes of the whole column) and on the PDF's cover. */
  readonly covers: Readonly<Record<string, ShownPhoto>>;
  readonly logos: readonly ShownLogo[];
}

export interface PublishedPhotos {
  readonly shown: SitePhotos;
  /** Every copy to write into the output: web and print copies of the photos, cleaned copies of the other raster pictures. */
  readonly files: readonly PhotoFile[];
  /** The raster pictures of images/: only their processed copies are published, never the files themselves (they carry EXIF). */
  readonly originals: ReadonlySet<string>;
}

/** The files of images/ named as photos, by an event or an edition. */
export function photoOriginals(data: Pick<DataSet, "events" | "report">): Set<string> {
  const files = new Set<string>();
  for (const event of data.events) for (const photo of event.photos ?? []) files.add(photo.file);
  for (const edition of Object.values(data.report.editions ?? {})) if (edition?.cover_photo) files.add(edition.cover_photo.file);
  return files;
}

/** CSS pixels (96 to the inch) for a picture of `pixels` across and down printed `widthMm` wide. */
export function cssSize(widthMm: number, width: number, height: number): { width: number; height: number } {
  const css = (widthMm / 25.4) * 96;
  return { width: Math.round(css), height: Math.round((css * height) / width) };
}

/** Processes every photo of the data set: web copies for each, print copies for those the PDF prints. */
export async function publishPhotos(data: DataSet, processor: PhotoProcessor): Promise<PublishedPhotos> {
  const files: PhotoFile[] = [];
  const show = async (photo: Photo, sizes: string, use?: PrintUse): Promise<ShownPhoto> => {
    const facts = data.pictureFacts.get(photo.file);
    if (!facts) throw new Error(`${photo.file} was not checked as a photo by validation`);
    const [{ files: webFiles, ...web }, print] = await Promise.all([processor.web(facts, sizes), use ? processor.print(facts, use) : undefined]);
    files.push(...webFiles);
    if (print) files.push(print);
    return {
      alt: photo.alt,
      ...(photo.caption !== undefined ? { caption: photo.caption } : {}),
      ...(photo.credit !== undefined ? { credit: photo.credit } : {}),
      web,
      ...(print ? { print: { src: print.url, ...cssSize(print.widthMm, print.width, print.height), widthMm: print.widthMm } } : {}),
    };
  };
  // All at once: a rebuild's lookups in the cache overlap (the processor limits the work of a first build).
  const [eventPhotos, coverPhotos] = await Promise.all([
    Promise.all(data.events.map(async (event) => {
      const photos = event.photos ?? [];
      return photos.length === 0 ? undefined : [eventUrl(event.reportYear, event.id), await Promise.all(photos.map((photo, i) => show(photo, PAGE_SIZES, i === 0 ? "event" : undefined)))] as const;
    })),
    Promise.all(Object.entries(data.report.editions ?? {}).map(async ([year, edition]) => (edition?.cover_photo ? [year, await show(edition.cover_photo, PAGE_SIZES, "cover")] as const : undefined))),
  ]);
  // In the order of the data, whichever finished first.
  const events: Record<string, ShownPhoto[]> = Object.fromEntries(eventPhotos.filter((e) => e !== undefined));
  const covers: Record<string, ShownPhoto> = Object.fromEntries(coverPhotos.filter((c) => c !== undefined));
  const logos = data.logos.map((logo): ShownLogo => {
    const facts = data.pictureFacts.get(logo.file);
    return { src: `/${logo.file}`, alt: logo.alt, ...(facts ? { width: facts.width, height: facts.height } : {}) };
  });
  const photosShown = photoOriginals(data);
  files.push(...await Promise.all([...data.pictureFacts.values()].filter((facts) => !photosShown.has(facts.path)).map((facts) => processor.clean(facts))));
  return { shown: { events, covers, logos }, files, originals: new Set(data.pictureFacts.keys()) };
}

/**
 * The photos as the pages of another language show them: the same copies (processed once, for English), with the
 * alt texts and captions of `data`, the data in that language, under the addresses of its event pages. Where English
 * stands in for an alt text or a caption (data.untranslated), the photo says so by its `lang`.
 */
export function photosIn(shown: SitePhotos, data: Pick<DataSet, "events" | "report" | "logos" | "untranslated">, urls: SiteUrls): SitePhotos {
  const standsIn = (group: string, prefix: string) => (data.untranslated?.get(group) ?? []).some((p) => p.startsWith(prefix));
  const translated = (photo: ShownPhoto, from: Photo, english: boolean): ShownPhoto => {
    const { caption: _caption, lang: _lang, ...rest } = photo;
    return { ...rest, alt: from.alt, ...(from.caption !== undefined ? { caption: from.caption } : {}), ...(english ? { lang: SOURCE_LANGUAGE } : {}) };
  };
  const events: Record<string, ShownPhoto[]> = {};
  for (const event of data.events) {
    const copies = shown.events[eventUrl(event.reportYear, event.id)];
    if (!copies) continue;
    events[urls.event(event.reportYear, event.id)] = copies.map((photo, i) => translated(photo, event.photos![i]!, standsIn(`event:${event.id}`, `photos.${i}.`)));
  }
  const covers: Record<string, ShownPhoto> = {};
  for (const [year, photo] of Object.entries(shown.covers)) {
    const from = data.report.editions?.[year]?.cover_photo;
    covers[year] = from ? translated(photo, from, standsIn(`edition:${year}`, `editions.${year}.cover_photo.`)) : photo;
  }
  return { events, covers, logos: shown.logos.map((logo, i) => ({ ...logo, alt: data.logos[i]?.alt ?? logo.alt })) };
}
