/**
 * The editors' contract: the shape of every file in the data folder.
 * docs/data.md describes the same contract for people; keep them together.
 */
import { z } from "zod";
import { parseCount } from "../format/counts.ts";
import { isReportYear, parsePartialDate, YEARS, type ParseResult } from "../format/dates.ts";
import { brokenEscapes } from "../format/markdown.ts";
import { oneLine } from "../format/text.ts";

export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const COUNTRY_CODE = /^[A-Z]{2}$/;

/** A value read by one of our own parsers; its message is complete and names the field. */
function parsed<T>(field: string, parse: (input: unknown) => ParseResult<T>) {
  return z.unknown().transform((input, ctx): T => {
    if (input === undefined || input === null) {
      ctx.addIssue({ code: "custom", message: `missing required field "${field}"` });
      return z.NEVER;
    }
    const result = parse(input);
    if (result.ok) return result.value;
    ctx.addIssue({ code: "custom", message: `${field} ${result.message}` });
    return z.NEVER;
  });
}

/** Sane lengths: far above what a report needs, low enough that a pasted document is caught. */
export const MAX_LENGTH = { text: 500, markdown: 20_000 } as const;
/** A text of one line (a title, a name, a label): line ends read as spaces, wherever it is printed. */
const text = z.string().overwrite(oneLine).trim().min(1).max(MAX_LENGTH.text);
/**
 * A link of Markdown whose percent-escape decodes to no text (`#%E0%A4`): refused here, at the escape
 * (its `find`, the nth time it is written: see zod-issues.ts), since no reader can follow it and the
 * printer cannot read it.
 */
function linkEscapes(text: string, ctx: z.RefinementCtx): void {
  const seen = new Map<string, number>();
  for (const { href, escape } of brokenEscapes(text)) {
    const nth = seen.get(escape) ?? 0;
    seen.set(escape, nth + 1);
    ctx.addIssue({
      code: "custom",
      message: `the link "${href}" holds the percent-escape ${escape}, which is no character (an escape of UTF-8 cut short or mistyped): write the character itself, or its whole escape (ä is %C3%A4)`,
      params: { find: { text: escape, nth } },
    });
  }
}
const markdown = z.string().max(MAX_LENGTH.markdown).superRefine(linkEscapes);
/** Markdown that must say something. */
const markdownText = z.string().trim().min(1).max(MAX_LENGTH.markdown).superRefine(linkEscapes);
/** The schemas of markdown fields; tests/unit/data/schema.test.ts finds MARKDOWN_FIELDS by them. */
export const MARKDOWN_SCHEMAS: readonly z.ZodType[] = [markdown, markdownText];
/** The names of the fields that hold markdown, in whichever file: they print their entities as what these stand for. */
export const MARKDOWN_FIELDS: ReadonlySet<string> = new Set(["summary", "body", "outcomes", "foreword", "about", "disclaimer", "description", "introduction", "highlights", "outlook"]);
const id = z.string().regex(ID_PATTERN);
/** A reference to an id defined in another file; checked against that file, with a did-you-mean. */
const ref = z.string().trim().min(1).max(200);
/** The longest list a data file may hold: far above the states of a dialogue, low enough to stop a file that multiplies. */
export const MAX_LIST_ITEMS = 500;

/**
 * A list, or a single item written without the dash. A single item that
 * starts with a dash is a list entry written without the space after it
 * (`-IOM`): YAML reads that as the text "-IOM".
 */
const list = <T extends z.ZodType>(item: T, min = 0) =>
  z.preprocess((v, ctx) => {
    if (typeof v !== "string") return v;
    if (/^-[^\s-]/.test(v)) ctx.addIssue({ code: "custom", message: `put a space after the dash in \`${v}\`, as in \`- ${v.slice(1)}\``, input: v });
    return [v];
  }, z.array(item).min(min).max(MAX_LIST_ITEMS));

/**
 * The value schema of each mapping, so that messages about an entry's fields
 * can name the fields it may have (see zod-issues.ts).
 */
export const MAPPING_VALUES = new WeakMap<object, z.ZodType>();

/**
 * A mapping of editor-written keys to values, like z.record, but keeping every
 * key as written: z.record silently drops a key "__proto__". The result has no
 * prototype, so that a look-up of "constructor" or "toString" finds only what
 * the file defines.
 */
function mapping<V extends z.ZodType>(key: z.ZodType<string>, value: V) {
  const schema = z.unknown().transform((input, ctx) => {
    if (input === null || typeof input !== "object" || Array.isArray(input)) {
      ctx.addIssue({ code: "invalid_type", expected: "record", input });
      return z.NEVER;
    }
    const out: Record<string, z.output<V>> = Object.create(null);
    for (const [k, v] of Object.entries(input)) {
      const keyResult = key.safeParse(k);
      if (!keyResult.success) {
        ctx.addIssue({ code: "invalid_key", origin: "record", issues: keyResult.error.issues, input: k, path: [k] } as never);
        continue;
      }
      const result = value.safeParse(v);
      if (result.success) out[keyResult.data] = result.data as z.output<V>;
      else for (const issue of result.error.issues) ctx.addIssue({ ...issue, path: [k, ...issue.path] } as never);
    }
    return out;
  });
  MAPPING_VALUES.set(schema, value);
  return schema;
}

const date = (field: string) => parsed(field, parsePartialDate);
const countryCode = z.string().regex(COUNTRY_CODE);
const count = (field: string) => parsed(field, parseCount);

function parseHttpUrl(input: unknown): ParseResult<string> {
  if (typeof input !== "string") return { ok: false, message: "must be a web address" };
  let url: URL | undefined;
  try {
    url = new URL(input.trim());
  } catch {
    url = undefined;
  }
  if (!url || !/^https?:\/\/[^/\s]/i.test(input.trim()) || (url.protocol !== "http:" && url.protocol !== "https:")) {
    return { ok: false, message: `"${input}" is not an http(s) URL` };
  }
  return { ok: true, value: url.href };
}

export const STATUSES = ["held", "planned", "cancelled"] as const;

/** Where the files that documents link to are kept in the data folder. */
export const DOCUMENTS_DIR = "documents";
export const DOCUMENT_KINDS = ["declaration", "conclusions", "call-for-action", "agenda", "report", "presentation", "other"] as const;
const DOCUMENT_FILE = /\.(?:pdf|docx)$/;
const DOCUMENT_NAME = /^[a-z0-9][a-z0-9._-]*$/;

/** Where a version of a document is: a web address, a file under documents/, or nowhere (the text exists but has no link). */
export type DocumentLink = { readonly url: string; readonly file?: never } | { readonly file: string; readonly url?: never } | null;

/** A document version's link: empty, an http(s) address, or a PDF or DOCX under documents/ (its content is checked against the disk later). */
function parseDocumentLink(input: unknown): ParseResult<DocumentLink> {
  if (input === null || input === undefined || (typeof input === "string" && input.trim() === "")) return { ok: true, value: null };
  if (typeof input !== "string") return { ok: false, message: "must be a web address, a file under documents/, or empty" };
  const value = input.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) {
    const url = parseHttpUrl(value);
    return url.ok ? { ok: true, value: { url: url.value } } : url;
  }
  const file = value.replace(/^\.\//, "");
  const parts = file.split("/");
  if (parts[0] !== DOCUMENTS_DIR || parts.length < 2 || parts.some((p) => p === "" || p === "." || p === "..") || file.includes("\\")) {
    return { ok: false, message: `"${value}" is neither an http(s) address nor a file in the ${DOCUMENTS_DIR} folder of the data folder (e.g. ${DOCUMENTS_DIR}/conclusions-2018-en.pdf)` };
  }
  if (!DOCUMENT_FILE.test(file)) return { ok: false, message: `"${value}" must be a PDF or a Word (.docx) file, named in lower case (.pdf, .docx)` };
  if (!parts.every((p) => DOCUMENT_NAME.test(p))) {
    return { ok: false, message: `"${value}": name the file in lower case letters, digits and hyphens (e.g. ${DOCUMENTS_DIR}/conclusions-2018-en.pdf); it becomes part of a web address` };
  }
  return { ok: true, value: { file } };
}

const LANGUAGE_NAMES = new Intl.DisplayNames("en", { type: "language", fallback: "none" });
/** The English name of an ISO 639-1 language code (`ru` → `Russian`), or undefined for a code that is not one. */
export function languageName(code: string): string | undefined {
  if (!/^[a-z]{2}$/.test(code)) return undefined;
  const name = LANGUAGE_NAMES.of(code);
  return name && name !== code ? name : undefined;
}
const languageCode = z.string().refine((code) => languageName(code) !== undefined, {
  message: "is not an ISO 639-1 language code; write two lower-case letters such as en, ru, ar, fr",
});

const documentSchema = z.strictObject({
  title: text,
  kind: z.enum(DOCUMENT_KINDS),
  /** A text the meeting adopted: it goes into the annex of documents adopted. */
  adopted: z.boolean().optional(),
  /** Who adopted it, as it reads after "adopted by": `close to 40 participating states`; printed as written. */
  adopted_by: text.optional(),
  /** Language code → link; `en:` left empty says the English text exists without a link. */
  versions: mapping(languageCode, z.unknown().transform((input, ctx): DocumentLink => {
    const result = parseDocumentLink(input);
    if (result.ok) return result.value;
    ctx.addIssue({ code: "custom", message: `version ${result.message}` });
    return z.NEVER;
  })),
});
export type DocumentFile = z.output<typeof documentSchema>;

/**
 * A photo: a picture of images/ (its file is checked against the disk in photos.ts), what it
 * shows for someone who cannot see it, and the caption and credit printed under it.
 */
export const photoSchema = z.strictObject({
  file: text,
  alt: text,
  caption: text.optional(),
  credit: text.optional(),
});
export type Photo = z.output<typeof photoSchema>;

/** A logo of the cover, in the order given: the Chair, the Co-Chair, the Secretariat, the donors. */
const logoSchema = z.strictObject({ file: text, alt: text });

/** A whole number as its text (`1` → "1"), anything else as it is. */
const numberAsText = (v: unknown) => (typeof v === "number" && Number.isInteger(v) ? String(v) : v);

export const eventSchema = z.strictObject({
  title: text,
  type: ref,
  date: date("date"),
  end: date("end").optional(),
  place: ref.optional(),
  online: z.boolean().optional(),
  strands: list(ref, 1),
  participants: count("participants").optional(),
  countries: count("countries").optional(),
  organisations: count("organisations").optional(),
  women: count("women").optional(),
  partners: list(text).optional(),
  topics: list(ref).optional(),
  summary: markdownText,
  body: markdown.optional(),
  report_year: z.number().int().min(YEARS.min).max(YEARS.max).optional(),
  status: z.enum(STATUSES).optional(),
  sources: list(parsed("source", parseHttpUrl)).optional(),
  /**
   * Ids of priority goals of frameworks.yaml that the activity served. A goal
   * written by its number (`1`) is read as the text "1", so that the check
   * against frameworks.yaml can name the goal that number is (frameworks.ts).
   */
  goals: z.preprocess(numberAsText, list(z.preprocess(numberAsText, ref))).optional(),
  host: text.optional(),
  chairs: list(text).optional(),
  /** The states that took part, by country code: the report counts each once in its year (Annex B lists them). */
  states: list(countryCode).optional(),
  /** The organisations that took part, by name: counted once in the year, as written. */
  participating_organisations: list(text).optional(),
  /** A combined number of state and organisation delegations, for sources that give no other; never added to countries or organisations. */
  delegations: count("delegations").optional(),
  outcomes: markdownText.optional(),
  documents: z.array(documentSchema).max(MAX_LIST_ITEMS).optional(),
  /** The first is printed beside the event's entry in the report; all are shown on its page. */
  photos: z.array(photoSchema).max(MAX_LIST_ITEMS).optional(),
});
export type EventFile = z.output<typeof eventSchema>;

export const EDITION_STATUSES = ["final", "draft"] as const;

/** The Senior Officials Meetings are numbered from 1; far above any that will be held. */
const MAX_SOM_NUMBER = 999;

/** An edition's year, written YYYY, in the years a report may be for. */
const reportYearKey = z.string().regex(/^\d{4}$/).refine((key) => isReportYear(Number(key)), { message: `is not in the years ${YEARS.min} to ${YEARS.max}; check the year` });

export const editionSchema = z.strictObject({
  chair: text.optional(),
  co_chair: text.optional(),
  som: z
    .strictObject({
      number: z.number().int().min(1).max(MAX_SOM_NUMBER).optional(),
      place: ref,
      date: date("date"),
    })
    .optional(),
  foreword: markdown.optional(),
  period: z.strictObject({ from: date("from"), to: date("to") }).optional(),
  /** The date the report is published; without it, the date of its Senior Officials Meeting; with neither, the report is not dated (never a date guessed). */
  published: date("published").optional(),
  /** The report's document symbol, e.g. BP/SOM/2020/1: on the cover, in the imprint and in the PDF's metadata. */
  reference: text.optional(),
  /** Replaces the report-wide lists for this year, when membership changed. */
  participating_states: list(countryCode).optional(),
  participating_organisations: list(text).optional(),
  /** The year in brief. */
  summary: markdownText.optional(),
  /** Who signs the foreword, in protocol order. */
  signatories: z.array(z.strictObject({ name: text, title: text.optional(), organisation: text.optional() })).optional(),
  /** Strand id → that year's introduction to its chapter and its undated initiatives. */
  strands: mapping(ref, z.strictObject({ introduction: markdownText.optional(), highlights: markdownText.optional() })).optional(),
  /** What comes next. */
  outlook: markdownText.optional(),
  /** A draft says so on every page and is not indexed by search engines. */
  status: z.enum(EDITION_STATUSES).optional(),
  /** The cover of that year's PDF and the top of its year page. */
  cover_photo: photoSchema.optional(),
});
export type Edition = z.output<typeof editionSchema>;

export const reportSchema = z.strictObject({
  organisation: text,
  secretariat: text,
  title: text,
  about: markdown.optional(),
  /** Where the site is published, scheme and host, e.g. https://www.example.org; needed for the feed and sitemap. */
  site_url: z.url({ protocol: /^https?$/ }).optional(),
  /** The older form of a one-item `logos`, without alt (decorative); read as such by logosOf (photos.ts). */
  logo: text.optional(),
  logos: z.array(logoSchema).optional(),
  accent_color: z.string().regex(/^#[0-9a-fA-F]{6}$/).optional(),
  participating_states: list(countryCode).optional(),
  participating_organisations: list(text).optional(),
  /** Abbreviation → what it stands for: Annex C of the PDF. */
  abbreviations: mapping(z.string().trim().min(1), text).optional(),
  /** Number the paragraphs of the report (1., 2., …) so that decisions can cite them. */
  paragraph_numbers: z.boolean().optional(),
  /** The imprint on the inside of the PDF's cover; each line has a default. */
  imprint: z
    .strictObject({
      publisher: text.optional(),
      address: text.optional(),
      copyright: text.optional(),
      disclaimer: markdown.optional(),
      editor: text.optional(),
      /** The funding line that donors' projects must print, beside the logos it names. */
      funding: text.optional(),
    })
    .optional(),
  editions: mapping(reportYearKey, editionSchema).optional(),
});
export type ReportFile = z.output<typeof reportSchema>;

export const STRAND_KINDS = ["governance", "ministerial", "working-group", "project", "thematic"] as const;

export const strandsSchema = z.array(
  z.strictObject({
    id,
    title: text,
    /** A name of a few words for the columns of tables that have one per strand (the goals table); default: the title. */
    short_title: text.max(40).optional(),
    kind: z.enum(STRAND_KINDS),
    description: markdown.optional(),
    /** No longer read here: highlights belong to a year (report-rules.ts says where they go). */
    highlights: z.unknown().optional(),
  }),
);
export type Strand = Omit<z.output<typeof strandsSchema>[number], "highlights">;

const year = z.number().int().min(YEARS.min).max(YEARS.max);

/** The political frameworks (Ministerial declarations, Calls for Action) whose priority goals the activities serve. */
export const frameworksSchema = z.array(
  z.strictObject({
    id,
    title: text,
    short_title: text,
    adopted: date("adopted"),
    /** The years it is in force, both included. */
    from: year,
    to: year,
    goals: z.array(z.strictObject({ id, number: z.number().int().min(1).max(99), title: text })).min(1),
  }),
);
export type Framework = z.output<typeof frameworksSchema>[number];
export type Goal = Framework["goals"][number];

export const eventTypesSchema = z.array(
  z.strictObject({
    id,
    label: text,
    plural: text,
    /** Events of this type are trainings: their participants count as trainees. */
    training: z.boolean().optional(),
  }),
);
export type EventType = z.output<typeof eventTypesSchema>[number];

export const topicsSchema = z.array(z.strictObject({ id, label: text }));
export type Topic = z.output<typeof topicsSchema>[number];

/**
 * The latitudes the event map draws (Mercator, which cannot reach the poles): a
 * place beyond them would be drawn off the map, or at infinity.
 */
export const MAP_LATITUDES = { south: -80, north: 84 } as const;

const latitude = z.number().refine((lat) => lat >= MAP_LATITUDES.south && lat <= MAP_LATITUDES.north, {
  message: `lat must be between ${MAP_LATITUDES.south} and ${MAP_LATITUDES.north}: the map cannot show a place nearer the poles`,
});

export const placesSchema = mapping(
  id,
  z.strictObject({
    name: text,
    country: countryCode,
    lat: latitude.optional(),
    lon: z.number().min(-180).max(180).optional(),
    aliases: list(text).optional(),
    local_name: text.optional(),
  }),
);
export type PlaceFile = z.output<typeof placesSchema>[string];

export const countriesSchema = mapping(
  countryCode,
  z.strictObject({ name: text, former: list(text).optional() }),
);
export type CountryFile = z.output<typeof countriesSchema>[string];

