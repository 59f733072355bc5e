/**
 * Reads the data folder and checks it against the contract: every problem in
 * every file at once, each placed at its file, line and column. Reading and
 * the checks of each file alone are in read.ts; the checks across files in
 * references.ts, report-rules.ts and event-rules.ts.
 */
import { compareDates } from "../format/dates.ts";
import { DataError, sortDiagnostics, type Diagnostic } from "./diagnostics.ts";
import { eventRecords, reportPeriods, reportYears, writtenEditions, type EventRecord } from "./editions.ts";
import { checkDocuments, type DocumentFileEntry } from "./attachments/documents.ts";
import { duplicateEvents, eventNameProblems, eventProblems, organisationNameProblems } from "./rules/event-rules.ts";
import { eventGoalProblems, frameworkProblems } from "./rules/frameworks.ts";
import { checkPhotos, logosOf, type LogoEntry, type PictureFacts } from "./attachments/photo-checks.ts";
import type { Picture } from "./attachments/images.ts";
import { readDataFolder, REFERENCE_FILES, type Overlay } from "./read.ts";
import { missingReleasedPdfs, releaseLanguageProblems } from "./attachments/releases.ts";
import { idsUsedTwice, referencesOf } from "./rules/references.ts";
import { editionProblems, editionStrandProblems, meetingInOwnReport, missingEditions, periodOverlaps, placeProblems, reportProblems, strandHighlights, undatedEditions } from "./rules/report-rules.ts";
import type { CountryFile, EventType, Framework, PlaceFile, ReportFile, Strand, Topic } from "./contract/schema.ts";
import { catalogueDiagnostics, readCatalogues } from "./languages/catalogues.ts";
import { translatedTexts, translationProblems, translationsOf, type LanguageState, type Translations } from "./languages/translations.ts";
import type { YamlSource } from "./source/yaml-source.ts";

export { MAX_EVENTS, OPTIONAL_FILES, REFERENCE_FILES } from "./read.ts";
export { reportPeriods, reportYearOf, reportYears, wasHeld, type ReportPeriod } from "./editions.ts";

export interface DataSet {
  readonly dir: string;
  readonly report: ReportFile;
  readonly strands: readonly Strand[];
  readonly eventTypes: readonly EventType[];
  readonly topics: readonly Topic[];
  readonly places: Readonly<Record<string, PlaceFile>>;
  readonly countries: Readonly<Record<string, CountryFile>>;
  /** The frameworks of frameworks.yaml (none when there is no such file). */
  readonly frameworks: readonly Framework[];
  /** In time order. */
  readonly events: readonly EventRecord[];
  /** The pictures of images/ that may be published. */
  readonly pictures: readonly Picture[];
  /** The files under documents/ that the events' documents link to. */
  readonly documents: readonly DocumentFileEntry[];
  /** The cover's logos in the order given, from `logos` or the older `logo` (with an empty alt): read these, not report.logo. */
  readonly logos: readonly LogoEntry[];
  /** Size, type and orientation of every raster picture named as a photo or logo, by its path (`images/…`), as validation read them. */
  readonly pictureFacts: ReadonlyMap<string, PictureFacts>;
  /** The language the texts are in: English as read, another once translated (translatedData). */
  readonly lang: string;
  /** The translation files' texts, by language and English file. */
  readonly translations: Translations;
  /** In translated data, the texts English stands in for, by `event:<id>`, `edition:<year>` and `site` (translations.ts). */
  readonly untranslated?: ReadonlyMap<string, readonly string[]>;
  /** In translated data, the data in English it was translated from: what keeps its English form in every language (the PDFs' file names). */
  readonly english?: DataSet;
}

export interface LoadResult {
  readonly data?: DataSet;
  readonly diagnostics: readonly Diagnostic[];
  /** Each further language the editions are published in: the reports, and what is not yet translated. */
  readonly languages?: readonly LanguageState[];
  readonly files: number;
}

export interface LoadOptions {
  /**
   * The photo cache of the output folder (photoCacheFor), where validation keeps the hashes of the pictures it
   * decoded, so that the next check decodes none that has not changed. Without it, they are kept in this process only.
   */
  readonly pictureCache?: string;
  /** Texts to read in place of the files' own (read.ts): the folder as it would be once they are written. */
  readonly overlay?: Overlay;
}

export async function loadData(dir: string, options: LoadOptions = {}): Promise<LoadResult> {
  const { folder, diagnostics: unread } = await readDataFolder(dir, options.overlay);
  if (!folder) return { files: 0, diagnostics: unread };
  const { report, places, events: written, pictures } = folder;
  const references = referencesOf(folder);
  const editions = writtenEditions(report.fields, report.source?.value);
  const periods = reportPeriods(editions);
  // The names of the participating organisations, report-wide and of every edition: how events should write them.
  const organisations = [...new Set([report.fields?.participating_organisations ?? [], ...Object.values(editions ?? {}).map((e) => e.participating_organisations ?? [])].flat())];
  const events = eventRecords(written, periods);
  const documents = checkDocuments(written, dir);
  const photos = await checkPhotos(written, report, editions, pictures, dir, options.pictureCache);

  // Diagnostics at the same place keep this order: the file's own problems first.
  const diagnostics = sortDiagnostics([
    ...folder.diagnostics,
    ...idsUsedTwice(folder.strands, "strand"),
    ...idsUsedTwice(folder.eventTypes, "event type"),
    ...idsUsedTwice(folder.topics, "topic"),
    ...placeProblems(places, references),
    ...reportProblems(report, references, pictures, dir),
    ...editionProblems(report, editions, references),
    ...periodOverlaps(report, periods),
    ...eventNameProblems(written, dir),
    ...written.flatMap((event) => eventProblems(event, references)),
    ...written.flatMap((event) => organisationNameProblems(event, organisations)),
    ...frameworkProblems(folder.frameworks),
    ...written.flatMap(({ source, fields }) => (source && fields?.goals ? eventGoalProblems(source, fields.goals, fields.date, folder.frameworks) : [])),
    ...documents.diagnostics,
    ...photos.diagnostics,
    ...strandHighlights(folder.strands),
    ...editionStrandProblems(report, editions, references),
    ...meetingInOwnReport(report, editions, events, dir),
    ...duplicateEvents(written, dir),
    ...missingEditions(report, editions, reportYears(events, editions)),
    ...undatedEditions(report, editions),
    ...missingReleasedPdfs(report, editions, dir),
    ...releaseLanguageProblems(report, editions),
  ]);
  const files = written.length + Object.keys(REFERENCE_FILES).length + folder.translations.length;
  // The catalogues of the report's words, the project's and the data folder's: a message that does not parse is an
  // error; a key a language lacks is a warning (English is printed in its place), and an error where a final
  // edition is published in that language, which must print no English.
  const catalogues = readCatalogues(dir);
  const finals = new Set(Object.values(report.fields?.editions ?? {}).flatMap((e) => Object.entries(e.languages ?? {}).filter(([, status]) => status === "final").map(([lang]) => lang)));
  const words = catalogueDiagnostics(catalogues, finals);
  if (diagnostics.some((d) => d.severity === "error") || words.some((d) => d.severity === "error")) return { diagnostics: sortDiagnostics([...diagnostics, ...words]), files };
  const sources = new Map<string, YamlSource | undefined>([
    ...[report, folder.strands, folder.eventTypes, folder.topics, places, folder.countries, folder.frameworks].map((f) => [f.file, f.source] as const),
    ...written.map((e) => [e.file, e.source] as const),
  ]);
  const texts = {
    dir, report: report.value!, strands: folder.strands.value!, eventTypes: folder.eventTypes.value!, topics: folder.topics.value!,
    places: places.value!, countries: folder.countries.value!, frameworks: folder.frameworks.value!, events,
  };
  // Translations are checked against English as a whole: only once it has no error.
  const { diagnostics: translated, languages } = translationProblems({
    data: texts, editions: report.value!.editions, written: folder.translations, sourceOf: (file) => sources.get(file), reportSource: report.source,
    catalogued: new Set(catalogues.byLanguage.keys()),
  });
  const all = sortDiagnostics([...diagnostics, ...words, ...translated]);
  if (translated.some((d) => d.severity === "error")) return { diagnostics: all, files, languages };
  events.sort((a, b) => compareDates(a.date, b.date) || a.id.localeCompare(b.id));
  return {
    files,
    languages,
    diagnostics: all,
    data: {
      dir,
      report: report.value!,
      strands: folder.strands.value!,
      eventTypes: folder.eventTypes.value!,
      topics: folder.topics.value!,
      places: places.value!,
      countries: folder.countries.value!,
      frameworks: folder.frameworks.value!,
      events,
      pictures: pictures.pictures,
      documents: documents.documents,
      logos: logosOf(report.value!),
      pictureFacts: photos.facts,
      lang: "en",
      translations: translationsOf(folder.translations),
    },
  };
}

/** loadData, throwing a DataError when the data has errors. */
export async function loadDataOrThrow(dir: string, options: LoadOptions = {}): Promise<{ data: DataSet; diagnostics: readonly Diagnostic[] }> {
  const result = await loadData(dir, options);
  if (!result.data) throw new DataError(result.diagnostics);
  return { data: result.data, diagnostics: result.diagnostics };
}

/**
 * The data with its texts in `lang`: each translated text in place of the English, and English, recorded in
 * `untranslated`, where a text of an edition published in `lang` is not yet translated (translations.ts).
 */
export function dataIn(data: DataSet, lang: string): DataSet {
  if (lang === data.lang) return data;
  const { data: translated, untranslated } = translatedTexts(data, data.report.editions, data.translations, lang);
  return { ...translated, lang, untranslated, logos: logosOf(translated.report), english: data.english ?? data };
}
