/**
 * The editors' contract: the shape of every file in the data folder, with a
 * one-line description of each field. The JSON Schemas that editors' tools
 * read (json-schema.ts), the files `new` writes (src/scaffold/) and the field
 * tables of docs/data.md (checked by a test) are made from it.
 */
import * as z from "zod";
import { MAX_COUNT, parseCount } from "../../format/counts.ts";
import { isReportYear, parsePartialDate, YEARS, type ParseResult } from "../../format/dates.ts";
import { encodeLonePercents, escapesProblem, undecodableEscapes } from "../../format/addresses.ts";
import { brokenEscapes } from "../../format/markdown.ts";
import { oneLine } from "../../format/text.ts";
import type { TextInValue } from "../source/yaml-source.ts";

export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const COUNTRY_CODE = /^[A-Z]{2}$/;

/** The files whose ids other files refer to, by the name the JSON Schemas give their lists. */
export type Vocabulary = "places" | "strands" | "types" | "topics" | "goals" | "countries";

/** A JSON Schema, as json-schema.ts writes it. */
export type JsonSchema = { readonly [keyword: string]: unknown };

/**
 * What a part of the contract is, where zod's own JSON Schema cannot say it:
 * a value read by one of our own parsers (`json`: what it accepts, written as
 * JSON Schema), a reference to an id of another file, a list that may be
 * written as its single item, a mapping of editor-written keys, Markdown, a
 * field that is no longer read, or keywords added to an object (`also`: a rule
 * between its fields that a schema can state).
 */
export type Form =
  | { readonly kind: "json"; readonly schema: JsonSchema }
  | { readonly kind: "reference"; readonly to: Vocabulary; readonly orCountry?: true; readonly schema: JsonSchema }
  | { readonly kind: "list"; readonly item: z.ZodType; readonly min: number }
  | { readonly kind: "mapping"; readonly key: z.ZodType<string>; readonly value: z.ZodType }
  | { readonly kind: "markdown" }
  | { readonly kind: "retired"; readonly message: string }
  | { readonly kind: "also"; readonly schema: JsonSchema };

const FORMS = new WeakMap<object, Form>();

function withForm<S extends z.ZodType>(schema: S, form: Form): S {
  FORMS.set(schema, form);
  return schema;
}

/** The form of `schema`, or of the schema it was copied from (`.describe()` and `.meta()` copy). */
export function formOf(schema: z.core.$ZodType): Form | undefined {
  for (let s: z.core.$ZodType | undefined = schema; s; s = s._zod.parent) {
    const form = FORMS.get(s);
    if (form) return form;
  }
  return undefined;
}

/** An issue's params that place its complete message (it names its field) at `find` in the value: see zod-issues.ts. */
const placed = (find: TextInValue | undefined) => (find === undefined ? undefined : { find, named: true });

/** A value read by one of our own parsers; its message is complete and names the field. `json` says what it accepts. */
function parsed<T>(field: string, parse: (input: unknown) => ParseResult<T>, json: JsonSchema) {
  return withForm(z.unknown().transform((input, ctx): T => {
    if (input === undefined || input === null) {
      ctx.addIssue({ code: "custom", message: `missing required field "${field}"` });
      return z.NEVER;
    }
    const result = parse(input);
    if (result.ok) return result.value;
    ctx.addIssue({ code: "custom", message: `${field} ${result.message}`, params: placed(result.find) });
    return z.NEVER;
  }), { kind: "json", schema: json });
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
      message: `the link "${href}" ${escapesProblem([escape])}`,
      params: { find: { text: escape, nth } },
    });
  }
}
const markdown = () => withForm(z.string().max(MAX_LENGTH.markdown).superRefine(linkEscapes), { kind: "markdown" });
/** Markdown that must say something. */
const markdownText = () => withForm(z.string().trim().min(1).max(MAX_LENGTH.markdown).superRefine(linkEscapes), { kind: "markdown" });
/** The names of the fields that hold markdown, in whichever file: they print their entities as what these stand for. */
export const MARKDOWN_FIELDS: ReadonlySet<string> = new Set(["summary", "body", "outcomes", "foreword", "about", "disclaimer", "description", "introduction", "highlights", "outlook"]);
const id = z.string().regex(ID_PATTERN);
/** A reference to an id defined in another file; checked against that file, with a did-you-mean. */
const ref = z.string().trim().min(1).max(200);
const countryCode = z.string().regex(COUNTRY_CODE);
const idJson: JsonSchema = { type: "string", pattern: ID_PATTERN.source };
const countryJson: JsonSchema = { type: "string", pattern: COUNTRY_CODE.source };
/** A reference to an id of `to`; without the data folder's ids, `json` says what such an id looks like. */
const reference = (to: Vocabulary, json: JsonSchema = idJson) => withForm(ref.clone(), { kind: "reference", to, schema: json });
/** An event's place: a place id, or a country's code in capitals (an activity known only by its country). */
const placeOrCountry = () => withForm(ref.clone(), { kind: "reference", to: "places", orCountry: true, schema: { anyOf: [idJson, countryJson] } });
/** A country's code, of ISO 3166-1 or of countries.yaml. */
const countryRef = () => withForm(countryCode.clone(), { kind: "reference", to: "countries", schema: countryJson });

/** The longest list a data file may hold: far above the states of a dialogue, low enough to stop a file that multiplies. */
export const MAX_LIST_ITEMS = 500;

/**
 * A list, or a single item written without the dash. A single item that
 * starts with a dash is a list entry written without the space after it
 * (`-IOM`): YAML reads that as the text "-IOM".
 */
const list = <T extends z.ZodType>(item: T, min = 0) =>
  withForm(z.preprocess((v, ctx) => {
    if (typeof v !== "string") return v;
    if (/^-[^\s-]/.test(v)) ctx.addIssue({ code: "custom", message: `put a space after the dash in \`${v}\`, as in \`- ${v.slice(1)}\``, input: v });
    return [v];
  }, z.array(item).min(min).max(MAX_LIST_ITEMS)), { kind: "list", item, min });

/**
 * A mapping of editor-written keys to values, like z.record, but keeping every
 * key as written: z.record silently drops a key "__proto__". The result has no
 * prototype, so that a look-up of "constructor" or "toString" finds only what
 * the file defines. Its form names the value schema, so that messages about an
 * entry's fields can name the fields it may have (see zod-issues.ts).
 */
function mapping<V extends z.ZodType>(key: z.ZodType<string>, value: V) {
  const schema = z.unknown().transform((input, ctx) => {
    if (input === null || typeof input !== "object" || Array.isArray(input)) {
      ctx.addIssue({ code: "invalid_type", expected: "record", input });
      return z.NEVER;
    }
    const out = Object.create(null) as Record<string, z.output<V>>;
    for (const [k, v] of Object.entries(input)) {
      const keyResult = key.safeParse(k);
      if (!keyResult.success) {
        ctx.addIssue({ code: "invalid_key", origin: "record", issues: keyResult.error.issues, input: k, path: [k] } as never);
        continue;
      }
      const result = value.safeParse(v);
      if (result.success) out[keyResult.data] = result.data;
      else for (const issue of result.error.issues) ctx.addIssue({ ...issue, path: [k, ...issue.path] });
    }
    return out;
  });
  return withForm(schema, { kind: "mapping", key, value });
}

/** A year written YYYY, in the years a date may fall in. */
const YEAR_PATTERN = `(?:${Array.from({ length: (YEARS.max - YEARS.min + 1) / 100 }, (_, i) => String(YEARS.min / 100 + i)).join("|")})\\d{2}`;
const yearJson: JsonSchema = { type: "integer", minimum: YEARS.min, maximum: YEARS.max };
const DATE_JSON: JsonSchema = {
  anyOf: [
    { type: "string", pattern: `^\\s*${YEAR_PATTERN}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\\d|3[01]))?)?\\s*$` },
    yearJson,
  ],
};
const COUNT_JSON: JsonSchema = { anyOf: [{ type: "integer", minimum: 0, maximum: MAX_COUNT }, { type: "string", pattern: "\\S" }] };
/** An http(s) address, as parseHttpUrl reads it (the scheme in any case). */
const HTTP_URL = "^\\s*[Hh][Tt][Tt][Pp][Ss]?://[^/\\s]";

const date = (field: string) => parsed(field, parsePartialDate, DATE_JSON);
const count = (field: string) => parsed(field, parseCount, COUNT_JSON);

/**
 * An http(s) address. Its percent-escapes must decode to text, as a Markdown link's must (`%E0%A4` is an
 * error at the escape); a `%` that begins no escape is written `%25`, as Markdown writes it.
 */
function parseHttpUrl(input: unknown): ParseResult<string> {
  if (typeof input !== "string") return { ok: false, message: "must be a web address" };
  const notUrl = { ok: false, message: `"${input}" is not an http(s) URL` } as const;
  const written = input.trim();
  if (!/^https?:\/\/[^/\s]/i.test(written)) return notUrl;
  // Before the URL is parsed: an escape in the host is no host, and said so.
  const escapes = undecodableEscapes(written);
  if (escapes.length > 0) return { ok: false, message: `"${written}" ${escapesProblem(escapes)}`, find: { text: escapes[0]! } };
  let url: URL;
  try {
    url = new URL(encodeLonePercents(written));
  } catch {
    return notUrl;
  }
  return url.protocol === "http:" || url.protocol === "https:" ? { ok: true, value: url.href } : notUrl;
}

/**
 * The site's address: its scheme and host (and port), nothing more. A path, query or fragment would be
 * dropped wherever site_url makes an address absolute (the feed, the sitemap, the PDF's links): a sub-path
 * is the build's --path-prefix.
 */
function parseSiteUrl(input: unknown): ParseResult<string> {
  const read = parseHttpUrl(input);
  if (!read.ok) {
    return read.find ? read : { ok: false, message: `${typeof input === "string" ? `"${input}" ` : ""}must be a web address starting with http:// or https://` };
  }
  const url = new URL(read.value);
  if (url.username || url.password || url.pathname !== "/" || url.search || url.hash) {
    const prefix = url.pathname === "/" ? "" : `; a sub-path is given to the build: --path-prefix ${url.pathname.replace(/\/?$/, "/")}`;
    return { ok: false, message: `"${(input as string).trim()}" must be the site's scheme and host only (${url.origin})${prefix}` };
  }
  return { ok: true, value: (input as string).trim() };
}
/** An address as parseSiteUrl reads it. */
const SITE_URL = "^\\s*[Hh][Tt][Tt][Pp][Ss]?://[^/?#\\s]+/?\\s*$";

export const STATUSES = ["held", "planned", "cancelled"] as const;

/** Where the files that documents link to are kept in the data folder. */
export const DOCUMENTS_DIR = "documents";
export const DOCUMENT_KINDS = ["declaration", "conclusions", "call-for-action", "agenda", "report", "presentation", "other"] as const;
export const DOCUMENT_FILE = /\.(?:pdf|docx)$/;
export const DOCUMENT_NAME = /^[a-z0-9][a-z0-9._-]*$/;

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
const DOCUMENT_NAME_JSON = DOCUMENT_NAME.source.slice(1, -1);
const DOCUMENT_LINK_JSON: JsonSchema = {
  anyOf: [
    { type: "null" },
    { type: "string", pattern: "^\\s*$" },
    { type: "string", pattern: HTTP_URL },
    { type: "string", pattern: `^\\s*(?:\\./)?${DOCUMENTS_DIR}/(?:${DOCUMENT_NAME_JSON}/)*${DOCUMENT_NAME_JSON}\\.(?:pdf|docx)\\s*$` },
  ],
};

const LANGUAGE_NAMES = new Intl.DisplayNames("en", { type: "language", fallback: "none" });
/** The English name of an ISO 639-1 language code (`ru` → `Russian`), or undefined for a code that is not one. */
export function languageName(code: string): string | undefined {
  if (!/^[a-z]{2}$/.test(code)) return undefined;
  const name = LANGUAGE_NAMES.of(code);
  return name && name !== code ? name : undefined;
}
// Which codes are languages is the machine's own list (Intl): the JSON Schema says only their form.
const languageCode = withForm(z.string().refine((code) => languageName(code) !== undefined, {
  message: "is not an ISO 639-1 language code; write two lower-case letters such as en, ru, ar, fr",
}), { kind: "json", schema: { type: "string", pattern: "^[a-z]{2}$" } });

const documentSchema = z.strictObject({
  title: text.meta({ description: "The document's title", examples: ["Conclusions of the Senior Officials Meeting"] }),
  kind: z.enum(DOCUMENT_KINDS).describe("What it is"),
  adopted: z.boolean().optional().describe("true for a text the meeting adopted: it goes into the annex of documents adopted"),
  adopted_by: text.optional().meta({ description: "Who adopted it, where not all did, as it reads after \"adopted by\"; printed as written", examples: ["close to 40 participating states"] }),
  versions: mapping(languageCode, withForm(z.unknown().transform((input, ctx): DocumentLink => {
    const result = parseDocumentLink(input);
    if (result.ok) return result.value;
    ctx.addIssue({ code: "custom", message: `version ${result.message}`, params: placed(result.find) });
    return z.NEVER;
  }), { kind: "json", schema: DOCUMENT_LINK_JSON })).meta({
    description: "Language code (en, ru, ar, fr…) → a web address, a PDF or Word file under documents/, or nothing when the text has no link",
    examples: [{ en: `${DOCUMENTS_DIR}/conclusions-2018-en.pdf`, ru: null }],
  }),
});
export type DocumentFile = z.output<typeof documentSchema>;

/**
 * A photo: a picture of images/ (its file is checked against the disk in photo-checks.ts), what it
 * shows for someone who cannot see it, and the caption and credit printed under it.
 */
export const photoSchema = z.strictObject({
  file: text.meta({ description: "The photo: a picture in the images folder, written from the data folder", examples: ["images/2018-05-07-sarajevo.jpg"] }),
  alt: text.meta({ description: "What the picture shows, for someone who cannot see it", examples: ["Delegates seated around one long table"] }),
  caption: text.optional().meta({ description: "Printed under the photo: what it shows, where and when", examples: ["The meeting in Sarajevo, 7 May 2018"] }),
  credit: text.optional().meta({ description: "Who holds the rights, printed as written", examples: ["© ICMPD"] }),
});
export type Photo = z.output<typeof photoSchema>;

/** A logo of the cover, in the order given: the Chair, the Co-Chair, the Secretariat, the donors. */
const logoSchema = z.strictObject({
  file: text.meta({ description: "The logo: a picture in the images folder, an SVG or a photo format", examples: ["images/logo.svg"] }),
  alt: text.meta({ description: "What the logo stands for", examples: ["European Union"] }),
});

/** A whole number as its text (`1` → "1"), anything else as it is. */
const numberAsText = (v: unknown) => (typeof v === "number" && Number.isInteger(v) ? String(v) : v);

export const eventSchema = withForm(z.strictObject({
  title: text.describe("Title of the event"),
  type: reference("types").describe("Kind of activity: an id of event-types.yaml"),
  date: date("date").meta({ description: "First day: YYYY-MM-DD, YYYY-MM or YYYY", examples: ["2018-05-07"] }),
  end: date("end").optional().meta({ description: "Last day, for an event over several days; not before date", examples: ["2018-05-08"] }),
  place: placeOrCountry().optional().describe("Where it took place: an id of places.yaml, or a country's code (PK) when no city is known; not needed with online: true"),
  online: z.boolean().optional().describe("true for a virtual meeting; place is then its host, if any"),
  strands: list(reference("strands"), 1).describe("The chapters it belongs to, ids of strands.yaml; the first reports it in full"),
  participants: count("participants").optional().meta({ description: "Number of participants: a whole number, or a phrase such as \"over 75\", \"about 50\"", examples: [60] }),
  countries: count("countries").optional().meta({ description: "Number of states present (their delegations); without it, the number of states listed", examples: [20] }),
  organisations: count("organisations").optional().meta({ description: "Number of organisations present (their delegations); without it, the number of participating_organisations listed", examples: [5] }),
  women: count("women").optional().meta({ description: "Number of women among the participants", examples: [25] }),
  partners: list(text).optional().meta({ description: "Partner organisations, printed \"With …\"", examples: [["Name of a partner organisation"]] }),
  topics: list(reference("topics")).optional().describe("Topic tags: ids of topics.yaml"),
  summary: markdownText().describe("The text printed in the report, in Markdown"),
  body: markdown().optional().meta({ description: "Further text, in Markdown", examples: ["A longer account of the meeting."] }),
  report_year: z.number().int().min(YEARS.min).max(YEARS.max).optional().meta({ description: "The report it belongs to, only when another year's report covers it", examples: [2018] }),
  status: z.enum(STATUSES).optional().describe("held if left out; planned or cancelled are printed after the type"),
  sources: list(parsed("source", parseHttpUrl, { type: "string", pattern: HTTP_URL })).optional()
    .meta({ description: "Web addresses that report it, starting with http:// or https://", examples: [["https://www.example.org/news/the-meeting"]] }),
  // A goal written by its number (`1`) is read as the text "1", so that the check against frameworks.yaml can name the goal that number is (frameworks.ts).
  goals: withForm(z.preprocess(numberAsText, list(z.preprocess(numberAsText, ref))), { kind: "list", item: reference("goals"), min: 0 }).optional()
    .describe("The priority goals it served: goal ids of frameworks.yaml"),
  host: text.optional().meta({ description: "Who hosted it, as it reads after \"Hosted by\"", examples: ["the Republic of Türkiye"] }),
  chairs: list(text).optional().meta({ description: "Who chaired or co-chaired it", examples: [["Türkiye", "Hungary"]] }),
  states: list(countryRef()).optional().meta({ description: "The states that took part, by country code: the report counts each once in its year (Annex B lists them)", examples: [["AF", "PK", "TR"]] }),
  participating_organisations: list(text).optional().meta({ description: "The organisations that took part, by name, written the same way in every event: counted once in the year", examples: [["Name of an organisation"]] }),
  delegations: count("delegations").optional().meta({ description: "A combined number of state and organisation delegations, where sources give no other; never added to countries or organisations", examples: ["over 40"] }),
  outcomes: markdownText().optional().meta({ description: "What came of the meeting, in Markdown; printed after the summary", examples: ["The participants agreed on …"] }),
  documents: z.array(documentSchema).max(MAX_LIST_ITEMS).optional().describe("The meeting's documents, with the languages they exist in"),
  photos: z.array(photoSchema).max(MAX_LIST_ITEMS).optional().describe("Photos of the meeting; the first is printed beside its entry in the report, all on its page"),
}), {
  // event-rules.ts says the same, with its own words.
  kind: "also",
  schema: { if: { properties: { online: { const: true } }, required: ["online"] }, else: { required: ["place"] } },
});
export type EventFile = z.output<typeof eventSchema>;

/** A release's text fingerprint: SHA-256 of the PDF's text, base64url (src/report/corrigenda.ts). */
export const TEXT_FINGERPRINT = /^[A-Za-z0-9_-]{43}$/;

export const EDITION_STATUSES = ["final", "draft"] as const;

/** How far an edition in another language is: a draft shows English, marked, where a text is not translated; a final edition must be complete. */
export const TRANSLATION_STATUSES = ["draft", "final"] as const;

/** The Senior Officials Meetings are numbered from 1; far above any that will be held. */
const MAX_SOM_NUMBER = 999;

/** An edition's year, written YYYY, in the years a report may be for. */
const reportYearKey = withForm(
  z.string().regex(/^\d{4}$/).refine((key) => isReportYear(Number(key)), { message: `is not in the years ${YEARS.min} to ${YEARS.max}; check the year` }),
  // YAML reads `2016:` as a number, and an editor's YAML tools check the key as it is read; the check reads it as its text.
  { kind: "json", schema: { anyOf: [{ type: "string", pattern: `^${YEAR_PATTERN}$` }, yearJson] } },
);

export const editionSchema = z.strictObject({
  chair: text.optional().meta({ description: "Chair of the process that year", examples: ["Türkiye"] }),
  co_chair: text.optional().meta({ description: "Co-Chair of the process that year", examples: ["Hungary"] }),
  som: z
    .strictObject({
      number: z.number().int().min(1).max(MAX_SOM_NUMBER).optional().meta({ description: "Its number, printed as \"15th\"", examples: [15] }),
      place: reference("places").describe("Where it meets: an id of places.yaml"),
      date: date("date").meta({ description: "Its date", examples: ["2019-10-15"] }),
    })
    .optional()
    .describe("The Senior Officials Meeting the report is presented to"),
  foreword: markdown().optional().meta({ description: "The foreword of that year's report, in Markdown", examples: ["In 2019 the participating states …"] }),
  period: z.strictObject({
    from: date("from").meta({ description: "The first day the report covers", examples: ["2018-07-01"] }),
    to: date("to").meta({ description: "The last day the report covers", examples: ["2019-06-30"] }),
  }).optional().describe("Only when the report does not cover a calendar year"),
  published: date("published").optional().meta({ description: "The date the report is published; without it, the date of its Senior Officials Meeting", examples: ["2019-10-01"] }),
  reference: text.optional().meta({ description: "The report's document symbol: on the cover, in the imprint and in the PDF's metadata", examples: ["BP/SOM/2019/1"] }),
  participating_states: list(countryRef()).optional().meta({ description: "Replaces the report-wide list of states for this year, when membership changed", examples: [["AF", "TR"]] }),
  participating_organisations: list(text).optional().meta({ description: "Replaces the report-wide list of organisations for this year", examples: [["European Commission"]] }),
  summary: markdownText().optional().meta({ description: "The year in brief, in Markdown", examples: ["The year in a paragraph or two."] }),
  signatories: z.array(z.strictObject({
    name: text.meta({ description: "Who signs, or the office where no name is known", examples: ["Chair of the Budapest Process"] }),
    title: text.optional().meta({ description: "The signatory's office", examples: ["Minister of the Interior"] }),
    organisation: text.optional().meta({ description: "The signatory's organisation or state", examples: ["Republic of Türkiye"] }),
  })).optional().describe("Who signs the foreword, in protocol order"),
  strands: mapping(reference("strands"), z.strictObject({
    introduction: markdownText().optional().meta({ description: "That year's introduction to the chapter, in Markdown", examples: ["In this year the working group …"] }),
    highlights: markdownText().optional().meta({ description: "That year's undated initiatives, printed at the chapter's end, in Markdown", examples: ["**A new project.** …"] }),
  })).optional().describe("Strand id → that year's introduction to its chapter and its undated initiatives"),
  outlook: markdownText().optional().meta({ description: "What comes next, in Markdown", examples: ["In the coming year …"] }),
  status: z.enum(EDITION_STATUSES).optional().describe("final if left out; a draft says so on every page and is not indexed by search engines"),
  languages: mapping(languageCode, z.enum(TRANSLATION_STATUSES)).optional()
    .meta({ description: "The languages the report is published in besides English, each draft (English stands in, marked, for what is not yet translated) or final (check refuses it until every text is translated)", examples: [{ ru: "final" }] }),
  cover_photo: photoSchema.optional().describe("The photo on the cover of that year's PDF and at the top of its year page"),
  corrigenda: z.array(z.strictObject({
    date: date("date").meta({ description: "When the report was corrected", examples: ["2020-01-15"] }),
    note: text.meta({ description: "What was corrected, in a sentence: the imprint and the year page print it", examples: ["The number of participants of the Senior Officials Meeting was corrected."] }),
  })).max(MAX_LIST_ITEMS).optional().describe("Every correction of the report after its release, oldest first: a released report changes only with one (check --release)"),
  releases: z.array(z.strictObject({
    date: date("date").meta({ description: "When the report went out", examples: ["2019-10-01"] }),
    // English is the release without one: the records made before the further languages were recorded stay as written.
    language: languageCode.optional().meta({ description: "The language of the PDF released, one of the edition's languages; none for English", examples: ["ru"] }),
    text: z.string().regex(TEXT_FINGERPRINT).meta({ description: "A fingerprint of the released PDF's text", examples: ["f2x0dUw4hm1hY6tqS4cW2JyS1Uqv4xvSLh0o0a1hZbo"] }),
  })).max(MAX_LIST_ITEMS).optional().meta({ description: "Written by `check --release --record`, not by hand: each release of the report's PDF in each of its languages, oldest first; the PDF is kept under releases/<year>/ (English) or releases/<language>/<year>/", readOnly: true }),
});
export type Edition = z.output<typeof editionSchema>;

/** The title of every report of a data folder that `init` starts, unless it is given another. */
export const DEFAULT_TITLE = "Annual Activity Report";

export const reportSchema = withForm(z.strictObject({
  organisation: text.meta({ description: "Name of the process; it names the PDFs", examples: ["Budapest Process"] }),
  secretariat: text.meta({ description: "Who runs the Secretariat", examples: ["International Centre for Migration Policy Development (ICMPD)"] }),
  title: text.meta({ description: "Title of every report; the year is added", examples: [DEFAULT_TITLE] }),
  about: markdown().optional().meta({ description: "Introduction shown on the home page, in Markdown", examples: ["The Budapest Process is a dialogue on migration …"] }),
  site_url: parsed("site_url", parseSiteUrl, { type: "string", pattern: SITE_URL }).optional().meta({ description: "Where the site is published, scheme and host; needed for the feed and sitemap", examples: ["https://www.example.org"] }),
  logo: text.optional().meta({ description: "The older form of a one-item logos, without alt; write logos instead", examples: ["images/logo.svg"], deprecated: true }),
  logos: z.array(logoSchema).optional().describe("The logos on the cover and in the header, in order: the Chair, the Co-Chair, the Secretariat, the donors"),
  accent_color: z.string().regex(/^#[0-9a-fA-F]{6}$/).optional().meta({ description: "Colour of links on the site, #RRGGBB", examples: ["#1f4e79"] }),
  participating_states: list(countryRef()).optional().meta({ description: "The participating states, by country code, listed in each report", examples: [["AF", "TR"]] }),
  participating_organisations: list(text).optional().meta({ description: "The participating organisations, listed in each report", examples: [["European Commission"]] }),
  abbreviations: mapping(z.string().trim().min(1), text).optional().meta({ description: "Abbreviation → what it stands for: the annex of abbreviations", examples: [{ SOM: "Senior Officials Meeting" }] }),
  paragraph_numbers: z.boolean().optional().describe("Number the paragraphs of the report (1., 2., …) so that decisions can cite them"),
  imprint: z
    .strictObject({
      publisher: text.optional().meta({ description: "Who publishes the report; the Secretariat by default", examples: ["ICMPD"] }),
      address: text.optional().meta({ description: "The publisher's address", examples: ["Gonzagagasse 1, 1010 Vienna, Austria"] }),
      copyright: text.optional().meta({ description: "Who holds the copyright; the Secretariat by default", examples: ["ICMPD"] }),
      disclaimer: markdown().optional().meta({ description: "The disclaimer, in Markdown; one by default", examples: ["The content does not necessarily reflect the views of …"] }),
      editor: text.optional().meta({ description: "Who edited the report", examples: ["Edited by the Budapest Process Secretariat."] }),
      funding: text.optional().meta({ description: "The funding line that donors' projects must print, beside the logos it names", examples: ["This report was produced with the financial support of the European Union."] }),
    })
    .optional()
    .describe("The imprint on the inside of the PDF's cover; each line has a default"),
  editions: mapping(reportYearKey, editionSchema).optional().describe("One entry per report year, under its year (YYYY)"),
}), { kind: "also", schema: { not: { required: ["logo", "logos"] } } });
export type ReportFile = z.output<typeof reportSchema>;

export const STRAND_KINDS = ["governance", "ministerial", "working-group", "project", "thematic"] as const;

const HIGHLIGHTS_MOVED = "No longer read here: highlights belong to a year, under editions.<year>.strands.<id>.highlights in report.yaml";

export const strandSchema = z.strictObject({
  id: id.describe("The strand's id, used in the strands of events"),
  title: text.describe("The chapter's heading"),
  short_title: text.max(40).optional().meta({ description: "A name of a few words for the columns of the table of goals; default: the title", examples: ["Silk Routes Region"] }),
  kind: z.enum(STRAND_KINDS).describe("What sort of strand it is"),
  description: markdown().optional().meta({ description: "The strand's timeless description, in Markdown: on its page, and atop a chapter without an introduction of the year", examples: ["The working group brings together …"] }),
  // Read only to say where highlights go now (report-rules.ts).
  highlights: withForm(z.unknown(), { kind: "retired", message: HIGHLIGHTS_MOVED }).optional().describe(HIGHLIGHTS_MOVED),
});
export const strandsSchema = z.array(strandSchema);
export type Strand = Omit<z.output<typeof strandSchema>, "highlights">;

const year = z.number().int().min(YEARS.min).max(YEARS.max);

/** The political frameworks (Ministerial declarations, Calls for Action) whose priority goals the activities serve. */
export const frameworkSchema = z.strictObject({
  id: id.describe("The framework's id"),
  title: text.describe("Its full title, printed in the section on the goals"),
  short_title: text.describe("A short title, for messages, lists and the line that ends each activity's entry"),
  adopted: date("adopted").meta({ description: "When it was adopted", examples: ["2019-02"] }),
  from: year.describe("The first year it is in force"),
  to: year.describe("The last year it is in force"),
  goals: z.array(z.strictObject({
    id: id.describe("The goal's id, unique across all frameworks, used in the goals of events"),
    number: z.number().int().min(1).max(99).describe("Its number in the framework"),
    title: text.describe("Its title"),
  })).min(1).describe("Its priority goals"),
});
export const frameworksSchema = z.array(frameworkSchema);
export type Framework = z.output<typeof frameworkSchema>;
export type Goal = Framework["goals"][number];

export const eventTypeSchema = z.strictObject({
  id: id.describe("The type's id, used in the type of events"),
  label: text.describe("Its name in the singular: Training"),
  plural: text.describe("Its name in the plural: Trainings"),
  training: z.boolean().optional().describe("true: events of this type are trainings, and their participants trainees"),
});
export const eventTypesSchema = z.array(eventTypeSchema);
export type EventType = z.output<typeof eventTypeSchema>;

export const topicSchema = z.strictObject({
  id: id.describe("The topic's id, used in the topics of events"),
  label: text.describe("Its name, as printed"),
});
export const topicsSchema = z.array(topicSchema);
export type Topic = z.output<typeof topicSchema>;

/**
 * The latitudes the event map draws (Mercator, which cannot reach the poles): a
 * place beyond them would be drawn off the map, or at infinity.
 */
export const MAP_LATITUDES = { south: -80, north: 84 } as const;

const latitude = withForm(z.number().refine((lat) => lat >= MAP_LATITUDES.south && lat <= MAP_LATITUDES.north, {
  message: `lat must be between ${MAP_LATITUDES.south} and ${MAP_LATITUDES.north}: the map cannot show a place nearer the poles`,
}), { kind: "json", schema: { type: "number", minimum: MAP_LATITUDES.south, maximum: MAP_LATITUDES.north } });

export const placeSchema = z.strictObject({
  name: text.describe("English name, as printed"),
  country: countryRef().meta({ description: "Its country's code: ISO 3166-1, or one of countries.yaml", examples: ["IQ"] }),
  lat: latitude.optional().meta({ description: `Latitude, from ${MAP_LATITUDES.south} to ${MAP_LATITUDES.north}; without coordinates the map cannot draw the place`, examples: [36.1911] }),
  lon: z.number().min(-180).max(180).optional().meta({ description: "Longitude, from -180 to 180", examples: [44.0092] }),
  aliases: list(text).optional().meta({ description: "Other spellings, to recognise the place by", examples: [["Hawler", "Arbil"]] }),
  local_name: text.optional().meta({ description: "The name in the local language", examples: ["Hewlêr"] }),
});
export const placesSchema = mapping(id, placeSchema);
export type PlaceFile = z.output<typeof placeSchema>;

export const countrySchema = z.strictObject({
  name: text.describe("The name used in the report"),
  former: list(text).optional().meta({ description: "Earlier names", examples: [["Turkey"]] }),
});
export const countriesSchema = mapping(countryCode, countrySchema);
export type CountryFile = z.output<typeof countrySchema>;

/*
 * Translations. A data file that holds texts may have a sibling for each further language, named as it is with the
 * language before `.yaml` (`events/2017/<id>.ru.yaml`, `report.ru.yaml`, `strands.ru.yaml`), that holds the texts in
 * that language and nothing else: the texts are those of the file's schema above, and the rest (dates, places,
 * figures, ids) is read from the English file only. Lists of entries with an id are written under their ids; lists
 * of items without one (an event's documents and photos, the signatories) item by item, in the English order.
 */

/** A text's fingerprint: the first 12 characters of the SHA-256 of its English text, base64url. */
export const SOURCE_FINGERPRINT = /^[A-Za-z0-9_-]{12}$/;

const translatedFrom = mapping(z.string().min(1), z.string().regex(SOURCE_FINGERPRINT)).optional().meta({
  description: "Written by the editor and by `translations import`, not by hand: for each text, a fingerprint of the English it was translated from, so that check can tell when the English has changed since",
  readOnly: true,
});

const eventShape = eventSchema.shape;
export const eventTranslationSchema = z.strictObject({
  title: eventShape.title.optional(),
  summary: eventShape.summary.optional(),
  body: eventShape.body,
  outcomes: eventShape.outcomes,
  host: eventShape.host,
  chairs: eventShape.chairs,
  documents: z.array(z.strictObject({ title: documentSchema.shape.title.optional(), adopted_by: documentSchema.shape.adopted_by })).max(MAX_LIST_ITEMS).optional()
    .describe("The documents' titles, and who adopted them, in the order of the English file's documents"),
  photos: z.array(z.strictObject({ alt: photoSchema.shape.alt.optional(), caption: photoSchema.shape.caption })).max(MAX_LIST_ITEMS).optional()
    .describe("What the photos show and their captions, in the order of the English file's photos"),
  translated_from: translatedFrom,
});
export type EventTranslation = z.output<typeof eventTranslationSchema>;

const editionShape = editionSchema.shape;
const signatoryShape = editionShape.signatories.unwrap().element.shape;
export const editionTranslationSchema = z.strictObject({
  chair: editionShape.chair,
  co_chair: editionShape.co_chair,
  foreword: editionShape.foreword,
  summary: editionShape.summary,
  signatories: z.array(z.strictObject({ name: signatoryShape.name.optional(), title: signatoryShape.title, organisation: signatoryShape.organisation }))
    .max(MAX_LIST_ITEMS).optional().describe("The signatories, in the order of the English edition's"),
  strands: editionShape.strands,
  outlook: editionShape.outlook,
  cover_photo: z.strictObject({ alt: photoSchema.shape.alt.optional(), caption: photoSchema.shape.caption }).optional().describe("What the cover photo shows, and its caption"),
  corrigenda: z.array(z.strictObject({ note: text.optional() })).max(MAX_LIST_ITEMS).optional().describe("The corrigenda's notes, in the order of the English edition's"),
  translated_from: translatedFrom,
});

const reportShape = reportSchema.shape;
export const reportTranslationSchema = z.strictObject({
  organisation: reportShape.organisation.optional(),
  secretariat: reportShape.secretariat.optional(),
  title: reportShape.title.optional(),
  about: reportShape.about,
  logos: z.array(z.strictObject({ alt: text.optional() })).max(MAX_LIST_ITEMS).optional().describe("What the logos stand for, in the order of the English file's logos"),
  abbreviations: reportShape.abbreviations.describe("Abbreviation → what it stands for, in this language: the English abbreviations' meanings, and the language's own abbreviations"),
  organisations: mapping(z.string().trim().min(1), text).optional()
    .describe("The name of each organisation as written in English (participating organisations, partners) → its name in this language, printed wherever the English name is"),
  imprint: z.strictObject({
    publisher: text.optional(),
    address: text.optional(),
    copyright: text.optional(),
    disclaimer: markdown().optional(),
    editor: text.optional(),
    funding: text.optional(),
  }).optional().describe("The imprint's lines"),
  editions: mapping(reportYearKey, editionTranslationSchema).optional().describe("The texts of each edition, under its year"),
  translated_from: translatedFrom,
});
export type ReportTranslation = z.output<typeof reportTranslationSchema>;

/** A reference file's translation: a mapping of its entries' ids to their texts, each with the fingerprints of its English. */
const byId = <S extends z.ZodRawShape>(key: z.ZodType<string>, shape: S) => mapping(key, z.strictObject({ ...shape, translated_from: translatedFrom }));

export const strandsTranslationSchema = byId(id, { title: text.optional(), short_title: strandSchema.shape.short_title, description: strandSchema.shape.description });
export const eventTypesTranslationSchema = byId(id, { label: text.optional(), plural: text.optional() });
export const topicsTranslationSchema = byId(id, { label: text.optional() });
export const placesTranslationSchema = byId(id, { name: text.optional() });
export const countriesTranslationSchema = byId(countryCode, { name: text.optional() });
export const frameworksTranslationSchema = byId(id, {
  title: text.optional(),
  short_title: text.optional(),
  goals: mapping(id, z.strictObject({ title: text.optional() })).optional().describe("Each goal's title, under its id"),
});
