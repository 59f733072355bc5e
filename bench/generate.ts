/**
 * A deterministic generator of realistic synthetic report data for the
 * benchmark: N events over Y years, with the sample's mix of event types,
 * strands, places, counts and summary lengths.
 *
 * The reference files (strands, event types, topics, places, countries, and
 * anything else beside them such as images) are copied from the sample data
 * folder byte for byte, and every generated id is read from them, so the
 * output follows the data contract of docs/data.md and passes
 * `activity-report check`. report.yaml keeps the sample's fields and editions;
 * an edition is generated for each other year of the range.
 *
 * Same seed, same options: the same files, byte for byte.
 */
import { createHash } from "node:crypto";
import { cp, mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import YAML from "yaml";
import { translationOf } from "../src/data/languages/texts.ts";
import { rng } from "./lib/random.ts";
import { STAND_IN_VERSION, standInPhoto } from "./photos.ts";

export { rng };

export const SAMPLE_DATA = fileURLToPath(new URL("../_data/", import.meta.url));

/** Everything in the sample folder is copied unchanged (reference files, images…), except these. */
const NOT_COPIED = new Set(["events", "report.yaml"]);

export interface GenerateOptions {
  /** Number of events. */
  readonly events: number;
  /** Number of report years; the last one is `lastYear`. */
  readonly years: number;
  readonly seed?: number;
  /** Default 2025. */
  readonly lastYear?: number;
  /** Default: the project's `_data/`. */
  readonly sampleDir?: string;
  /**
   * Give every event one photo and every generated edition a cover photo: stand-ins that
   * compress like camera photos (bench/photos.ts), one file each under images/. The events
   * are otherwise the same as without photos, byte for byte.
   */
  readonly photos?: boolean;
  /** A folder that keeps the stand-in photos between runs (they take a second or two each to make); none by default. */
  readonly pictureCache?: string;
  /**
   * The stand-ins' size as a fraction of a camera's (default 1): 0.4 still prints sharp on a cover
   * and beside an entry, at a sixth of the pixels to draw, for tests of the data rather than of the photos.
   */
  readonly photoScale?: number;
  /**
   * The languages every edition is published in besides English, each a draft (English stands in, marked, for
   * every text, as no translation is written). None by default: the report in English alone, whatever the sample's
   * editions name, so that the figures stay those of the English build.
   */
  readonly languages?: readonly string[];
}

export interface GeneratedData {
  readonly dir: string;
  readonly events: number;
  /** Events per report year, by year. */
  readonly perYear: Readonly<Record<number, number>>;
  /** Paths of the event files, relative to `dir`, in generation order. */
  readonly eventFiles: readonly string[];
  /** The stand-in photos' files, relative to `dir`, with their sizes; empty without `photos`. */
  readonly photoFiles: readonly { readonly file: string; readonly width: number; readonly height: number; readonly bytes: number }[];
}

// ---------------------------------------------------------------- randomness

class Random {
  constructor(private readonly next: () => number) {}
  float(): number {
    return this.next();
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[Math.floor(this.next() * items.length)]!;
  }
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, w]) => sum + w, 0);
    let x = this.next() * total;
    for (const [item, w] of items) {
      x -= w;
      if (x < 0) return item;
    }
    return items[items.length - 1]![0];
  }
  some<T>(items: readonly T[], min: number, max: number): T[] {
    const pool = [...items];
    const n = Math.min(pool.length, this.int(min, max));
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0]!);
    return out;
  }
}

// ---------------------------------------------------------------- vocabulary

const PARTNERS = [
  "International Labour Organization (ILO)", "International Organization for Migration (IOM)", "UNHCR",
  "European Commission", "Samuel Hall", "Koç University", "Institute for Political and International Studies",
  "Frontex", "European Union Agency for Asylum", "UNODC", "Migration Policy Institute", "University of Sarajevo",
  "Ministry of Interior of Türkiye", "Federal Ministry of the Interior of Austria", "Hungarian Ministry of Foreign Affairs",
  "Pakistan Institute of Development Economics",
];

/** Officials' countries, as the sample's summaries name them. */
const COUNTRIES = [
  "Afghanistan", "Iraq", "Pakistan", "Bangladesh", "Iran", "Türkiye", "Hungary", "Bulgaria", "Serbia", "Bosnia and Herzegovina",
  "North Macedonia", "Albania", "Georgia", "Azerbaijan", "Uzbekistan", "Tajikistan", "Kyrgyzstan", "Kazakhstan",
];

const SUBJECTS = [
  "return and reintegration", "labour migration", "the protection of migrants in vulnerable situations",
  "irregular migration and the smuggling of migrants", "the link between migration and development",
  "legal pathways for migration", "border management", "migrant resource centres", "the collection of migration data",
  "diaspora engagement", "refugees and large movements", "trafficking in human beings", "visa policy",
  "the reintegration of returning citizens", "awareness raising on the risks of irregular migration",
];

const SENTENCES = {
  opening: [
    "{host} hosted the meeting, which brought together {who} to discuss {subject}.",
    "Senior officials met in {city} to take stock of the work on {subject} and to agree on the next steps.",
    "The {strand} met in {city} to continue its work on {subject}.",
    "Officials from {country} and {country2} shared their experience of {subject} with their counterparts.",
    "The meeting in {city} opened a new series of exchanges on {subject}.",
    "Building on the previous meeting, participants reviewed progress on {subject}.",
  ],
  middle: [
    "Presentations by {partner} set out recent findings and practical cases from the region.",
    "The discussions showed how closely {subject} is tied to the situation in countries of origin.",
    "Participants agreed that cooperation between countries of origin, transit and destination remains essential.",
    "{country} presented its new national strategy and invited comments from the other delegations.",
    "Several delegations asked for more regular exchanges at the working level.",
    "The Secretariat reported on the activities carried out since the last meeting.",
    "Experts from {partner} led a session on the lessons learned in {country}.",
    "Delegations exchanged views on the recommendations of the previous year.",
  ],
  training: [
    "A {days}-day course on {subject} ended with {n} graduates from the ministries concerned in {country}.",
    "The training gave {n} officials of {country} the knowledge and methods to train their colleagues in turn.",
    "Trainers from {partner} worked with officials of {country} on {subject} over {days} days.",
  ],
  closing: [
    "The conclusions will be presented to the Senior Officials Meeting.",
    "A short report with recommendations was shared with all participating states.",
    "The next meeting is planned for the following year.",
    "Participants agreed to follow up with a technical workshop.",
    "The results feed into the work of the {strand}.",
  ],
};

const BODY_PARAGRAPHS = [
  "**Main results.** The participants agreed on a short list of priorities for the coming year and asked the Secretariat to prepare a proposal for the next meeting.",
  "The discussions drew on the findings of a study on {subject} carried out in {country} and {country2}, which the Secretariat will publish on the [Budapest Process website](https://www.budapestprocess.org).",
  "Three themes came up repeatedly:\n\n- the need for reliable data on {subject};\n- the role of local authorities;\n- the sustainability of the pilot initiatives after the end of the project.",
  "*Follow-up.* {country} offered to host a study visit for officials of the other participating states in the course of the next year.",
];

const TITLES: Record<string, readonly string[]> = {
  governance: ["Senior Officials Meeting"],
  ministerial: ["Preparatory meeting for the Ministerial Conference", "Meeting of senior officials on the Call for Action", "Ministerial Conference of the Budapest Process"],
  "working-group": ["Meeting of the {strand}", "Thematic meeting of the {strand} on {subject}", "Expert meeting of the {strand}"],
  project: ["Training of Trainers on migration for officials of {country}", "Regional training on {subject}", "Study visit of officials of {country}", "National workshop on {subject} in {country}"],
  thematic: ["Thematic meeting on {subject}", "Expert workshop on {subject}"],
};


// ---------------------------------------------------------------- reference data

interface Reference {
  readonly strands: readonly { id: string; title: string; kind: string }[];
  readonly types: readonly { id: string; label: string; training?: boolean }[];
  readonly topics: readonly { id: string }[];
  readonly places: Readonly<Record<string, { name: string }>>;
  readonly report: Record<string, unknown> & { editions?: Record<string, unknown> };
}

async function readReference(sampleDir: string): Promise<Reference> {
  const read = async (name: string) => YAML.parse(await readFile(path.join(sampleDir, name), "utf8")) as unknown;
  return {
    strands: (await read("strands.yaml")) as Reference["strands"],
    types: (await read("event-types.yaml")) as Reference["types"],
    topics: (await read("topics.yaml")) as Reference["topics"],
    places: (await read("places.yaml")) as Reference["places"],
    report: (await read("report.yaml")) as Reference["report"],
  };
}

// ---------------------------------------------------------------- writing YAML by hand, as editors do

/** A plain scalar when it is safe, otherwise double-quoted (valid YAML). */
function scalar(text: string): string {
  return /^[\p{L}\p{N}(][\p{L}\p{N} .()/'’–-]*[\p{L}\p{N}).]$/u.test(text) && !/^(yes|no|true|false|null|on|off)$/i.test(text)
    ? text
    : JSON.stringify(text);
}

function flowList(items: readonly string[]): string {
  return `[${items.map((item) => (/[,[\]{}:#]/.test(item) ? JSON.stringify(item) : scalar(item))).join(", ")}]`;
}

/** A markdown text as a block literal, wrapped near 76 columns like the sample's files. */
function block(text: string, indent = "  "): string {
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    if (paragraph === "") {
      lines.push("");
      continue;
    }
    let line = "";
    for (const word of paragraph.split(" ")) {
      if (line && line.length + 1 + word.length > 76 - indent.length) {
        lines.push(indent + line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    lines.push(indent + line);
  }
  return `|\n${lines.join("\n")}`;
}

// ---------------------------------------------------------------- events

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function addDays(year: number, month: number, day: number, days: number): [number, number, number] {
  const d = new Date(Date.UTC(year, month - 1, day + days));
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

function slug(text: string, words = 5): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .filter((w) => !["of", "the", "on", "for", "and", "in", "a", "to"].includes(w))
    .slice(0, words)
    .join("-");
}

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? "th" : ({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th";
  return `${n}${s}`;
}

/** Spreads `total` events over the years; activity grows over time, so the last years are the largest. */
export function eventsPerYear(total: number, years: number, lastYear: number): Map<number, number> {
  const first = lastYear - years + 1;
  const weights = Array.from({ length: years }, (_, i) => (years === 1 ? 1 : 0.6 + (0.9 * i) / (years - 1)));
  const sum = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => Math.max(1, Math.floor((total * w) / sum)));
  // Hand out the rounding remainder to the largest years, keeping the total exact.
  let rest = total - counts.reduce((a, b) => a + b, 0);
  for (let i = years - 1; rest !== 0; i = (i - 1 + years) % years) {
    if (rest > 0) {
      counts[i]! += 1;
      rest -= 1;
    } else if (counts[i]! > 1) {
      counts[i]! -= 1;
      rest += 1;
    }
  }
  return new Map(counts.map((n, i) => [first + i, n]));
}

interface Context {
  readonly r: Random;
  readonly ref: Reference;
  readonly usedIds: Set<string>;
  readonly usedKeys: Set<string>;
}

function fill(template: string, r: Random, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_all, key: string) => {
    if (key in values) return values[key]!;
    switch (key) {
      case "subject": return r.pick(SUBJECTS);
      case "partner": return r.pick(PARTNERS);
      case "country": case "country2": return r.pick(COUNTRIES);
      default: return key;
    }
  });
}

/** A count as sources give it: mostly exact, sometimes qualified, now and then in words. */
function countText(r: Random, value: number): string {
  const kind = r.weighted([["exact", 75], ["qualified", 20], ["words", 5]] as const);
  if (kind === "qualified") return `${r.pick(["over", "about", "more than", "some", "nearly", "close to"])} ${value}`;
  if (kind === "words" && value >= 21 && value <= 99 && value % 10 !== 0) {
    const tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"][Math.floor(value / 10)];
    const units = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"][value % 10];
    return `${tens}-${units}`;
  }
  return String(value);
}

function typeFor(ctx: Context, kind: string): { id: string; label: string; training?: boolean } {
  const { r, ref } = ctx;
  const byId = (id: string) => ref.types.find((t) => t.id === id);
  const choices: [string, number][] =
    kind === "governance" ? [["senior-officials-meeting", 1]]
    : kind === "ministerial" ? [["preparatory-meeting", 8], ["high-level-meeting", 3], ["ministerial-conference", 1]]
    : kind === "project" ? [["training", 7], ["working-group-meeting", 1], ["high-level-meeting", 1]]
    : [["working-group-meeting", 7], ["high-level-meeting", 2], ["training", 1]];
  const available = choices.flatMap(([id, w]) => (byId(id) ? [[byId(id)!, w] as const] : []));
  return available.length > 0 ? r.weighted(available) : r.pick(ref.types);
}

function makeEvent(ctx: Context, year: number, somOfYear: boolean, firstYear: number): { file: string; text: string; id: string; caption: string } {
  const { r, ref } = ctx;
  const placeIds = Object.keys(ref.places);
  const strandsByKind = (kind: string) => ref.strands.filter((s) => s.kind === kind);

  // The strand that reports the event in full: the sample's mix, one Senior Officials Meeting a year.
  const governance = strandsByKind("governance");
  const others = ref.strands.filter((s) => s.kind !== "governance");
  const first = somOfYear && governance.length > 0
    ? governance[0]!
    : r.weighted(others.map((s) => [s, s.kind === "project" ? 3.5 : s.kind === "working-group" ? 2 : s.kind === "ministerial" ? 1.5 : 1] as const));
  const strands = [first];
  if (first.kind !== "governance" && r.chance(0.12)) {
    const second = r.pick(others.filter((s) => s !== first));
    if (second) strands.push(second);
  }
  const type = typeFor(ctx, first.kind);

  // Where and when.
  const online = !somOfYear && r.chance(0.05);
  const placeId = online && r.chance(0.5) ? undefined : r.weighted(placeIds.map((id, i) => [id, 1 + ((i * 7) % 5)] as const));
  const city = placeId ? ref.places[placeId]!.name : "an online meeting";
  const monthOnly = !somOfYear && r.chance(0.03);
  const month = somOfYear ? r.int(10, 12) : r.int(1, 12);
  const day = r.int(1, daysInMonth(year, month));
  const days = type.training ? r.int(3, 10) : r.chance(0.6) ? r.int(2, 3) : 1;
  const date = monthOnly ? `${year}-${pad(month)}` : `${year}-${pad(month)}-${pad(day)}`;
  const [ey, em, ed] = addDays(year, month, day, days - 1);
  const end = monthOnly || days === 1 ? undefined : `${ey}-${pad(em)}-${pad(ed)}`;

  // The title, as the series of each strand names its meetings.
  const values: Record<string, string> = {
    strand: first.title,
    city,
    host: placeId ? ref.places[placeId]!.name : "The Secretariat",
    who: r.pick(["senior officials of the participating states", "experts from countries of origin, transit and destination", "the members of the working group", "officials and researchers"]),
  };
  const titles = type.id === "ministerial-conference" ? ["Ministerial Conference of the Budapest Process"]
    : first.kind === "ministerial" ? TITLES.ministerial!.slice(0, 2)
    : TITLES[first.kind] ?? TITLES.thematic!;
  let title = somOfYear ? `${ordinal(Math.max(1, year - 2003))} Senior Officials Meeting` : fill(r.pick(titles), r, values);
  // Same date, place and title would be an error (an event entered twice): a second session is named as such.
  for (let n = 2; ctx.usedKeys.has(`${date}|${placeId ?? "online"}|${title.toLowerCase()}`); n++) title = `${title.replace(/, session \d+$/, "")}, session ${n}`;
  ctx.usedKeys.add(`${date}|${placeId ?? "online"}|${title.toLowerCase()}`);

  // Figures, with the sample's gaps: not every event states every figure.
  const lines: string[] = [`title: ${scalar(title)}`, `type: ${type.id}`, `date: ${date}`];
  if (end) lines.push(`end: ${end}`);
  if (placeId) lines.push(`place: ${placeId}`);
  if (online) lines.push("online: true");
  lines.push(`strands: ${flowList(strands.map((s) => s.id))}`);
  const participants = type.training ? r.int(8, 30) : r.int(15, 120);
  const hasParticipants = !somOfYear && r.chance(0.65);
  if (hasParticipants) lines.push(`participants: ${countText(r, participants)}`);
  if (r.chance(0.12) && hasParticipants) lines.push(`women: ${r.int(1, Math.max(1, Math.floor(participants * 0.6)))}`);
  if (r.chance(0.5)) lines.push(`countries: ${hasParticipants ? r.int(1, Math.min(45, participants)) : r.int(1, 45)}`);
  if (r.chance(0.15)) lines.push(`organisations: ${r.int(1, 12)}`);
  if (r.chance(0.35)) lines.push(`partners: ${flowList(r.some(PARTNERS, 1, 3))}`);
  if (r.chance(0.85)) lines.push(`topics: ${flowList(r.some(ref.topics.map((t) => t.id), 1, 2))}`);
  if (r.chance(0.3) && month === 1 && day <= 10 && year > firstYear) lines.push(`report_year: ${year - 1}`);
  if (!somOfYear && r.chance(0.03)) lines.push(`status: ${r.chance(0.7) ? "planned" : "cancelled"}`);

  // The summary: three to five sentences, as long as the sample's (about 250 to 450 characters).
  const country = r.pick(COUNTRIES);
  const sentences = [
    fill(r.pick(type.training ? SENTENCES.training : SENTENCES.opening), r, { ...values, n: String(participants), days: String(days), country }),
    ...r.some(SENTENCES.middle, 1, 2).map((sentence) => fill(sentence, r, { ...values, country })),
  ];
  if (r.chance(0.6)) sentences.push(fill(r.pick(SENTENCES.closing), r, values));
  lines.push(`summary: ${block(sentences.join(" "))}`);
  if (r.chance(0.15)) {
    const paragraphs = r.some(BODY_PARAGRAPHS, 1, 3).map((p) => fill(p, r, { ...values, country }));
    lines.push(`body: ${block(paragraphs.join("\n\n"))}`);
  }
  if (r.chance(0.1)) lines.push(`sources: [https://www.budapestprocess.org/news/${year}/${slug(title, 6)}]`);

  // The file name is the id: <date>-<place>-<short title>, made unique as an editor would.
  const base = `${date}-${placeId ?? "online"}-${slug(title)}`;
  let id = base;
  for (let n = 2; ctx.usedIds.has(id); n++) id = `${base}-${n}`;
  ctx.usedIds.add(id);
  return { file: path.join("events", String(year), `${id}.yaml`), text: `${lines.join("\n")}\n`, id, caption: placeId ? `${title}, ${city}` : title };
}

// ---------------------------------------------------------------- photos

const PHOTO_ALT = "Stand-in for a photo of the meeting: shapes of seven people behind a table with papers and cups, with the words SAMPLE PICTURE";
const PHOTO_CREDIT = "© Sample picture, no rights reserved";

/** The `photos` field of an event, as an editor writes it. */
function photoLines(file: string, caption: string): string {
  return [`photos:`, `  - file: ${file}`, `    alt: ${scalar(PHOTO_ALT)}`, `    caption: ${scalar(caption)}`, `    credit: ${scalar(PHOTO_CREDIT)}`, ""].join("\n");
}

/** The label written on the stand-in for the photo of event `index` (from 0) of generated data. */
export const eventPhotoLabel = (index: number): string => `photo of event ${index + 1}`;

/** The bytes of stand-in photo `index` of `seed`: from `cache` when it holds them, else made (and kept there). */
export async function standInBytes(seed: number, index: number, label: string, cache: string | undefined, scale = 1): Promise<Buffer> {
  // At a camera's size the key is the one it always was, so that the benchmark's kept stand-ins stay valid.
  const key = createHash("sha256").update(JSON.stringify(scale === 1 ? [STAND_IN_VERSION, seed, index, label] : [STAND_IN_VERSION, seed, index, label, scale])).digest("hex").slice(0, 16);
  const cached = cache && path.join(cache, `${key}.jpg`);
  let bytes: Buffer | undefined = cached ? await readFile(cached).catch(() => undefined) : undefined;
  if (!bytes) {
    bytes = (await standInPhoto(seed, index, label, scale)).bytes;
    if (cached) {
      await mkdir(cache, { recursive: true });
      await writeFile(`${cached}.tmp-${process.pid}`, bytes);
      await rename(`${cached}.tmp-${process.pid}`, cached);
    }
  }
  return bytes;
}

/** Writes stand-in photo `index` of `seed` to `target`, from `cache` when it holds it. */
async function writeStandIn(target: string, seed: number, index: number, label: string, cache: string | undefined, scale = 1): Promise<{ width: number; height: number; bytes: number }> {
  const bytes = await standInBytes(seed, index, label, cache, scale);
  await writeFile(target, bytes);
  const { width, height } = await sharp(bytes).metadata();
  return { width: width!, height: height!, bytes: bytes.length };
}

function makeEdition(r: Random, year: number, placeIds: readonly string[]): Record<string, unknown> {
  const som = placeIds.length > 0 ? { number: Math.max(1, year - 2002), place: r.pick(placeIds), date: `${year + 1}-${pad(r.int(10, 12))}-${pad(r.int(1, 28))}` } : undefined;
  const subjects = r.some(SUBJECTS, 2, 3);
  return {
    chair: "Türkiye",
    co_chair: "Hungary",
    ...(som ? { som } : {}),
    foreword:
      `In ${year} the participating states of the Budapest Process continued their dialogue on ${subjects[0]} and ${subjects[1]}, ` +
      `at the working level of experts and among senior officials.\n\n` +
      `This report sets out what took place, where and with whom, so that the Senior Officials Meeting can review the year's work ` +
      `and decide on the next steps${subjects[2] ? `, among them on ${subjects[2]}` : ""}.\n`,
  };
}

/** Writes a complete data folder into `dir` (emptied first). */
export async function generateData(dir: string, options: GenerateOptions): Promise<GeneratedData> {
  const seed = options.seed ?? 1;
  const lastYear = options.lastYear ?? 2025;
  const sampleDir = options.sampleDir ?? SAMPLE_DATA;
  if (options.years < 1 || options.events < options.years) throw new Error("need at least one year and one event per year");
  const ref = await readReference(sampleDir);
  const r = new Random(rng(seed));

  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  for (const entry of (await readdir(sampleDir)).sort()) {
    // The sample's translations are not copied: the generated texts have none.
    if (!NOT_COPIED.has(entry) && !entry.startsWith(".") && !translationOf(entry)) await cp(path.join(sampleDir, entry), path.join(dir, entry), { recursive: true });
  }

  const perYear = eventsPerYear(options.events, options.years, lastYear);

  // report.yaml: the sample's, with its own editions where they fall in the range and a generated one for every other year.
  const sampleEditions = ref.report.editions ?? {};
  const editions: Record<string, unknown> = {};
  const photoFiles: { file: string; width: number; height: number; bytes: number }[] = [];
  // Stand-ins are numbered: the events' first, in order, then the covers.
  let photoIndex = options.events;
  if (options.photos) await mkdir(path.join(dir, "images"), { recursive: true });
  for (const year of perYear.keys()) {
    const generated = sampleEditions[String(year)] === undefined;
    const { languages: _sampleLanguages, ...edition } = (sampleEditions[String(year)] ?? makeEdition(r, year, Object.keys(ref.places))) as Record<string, unknown>;
    editions[String(year)] = options.languages?.length ? { ...edition, languages: Object.fromEntries(options.languages.map((lang) => [lang, "draft"])) } : edition;
    if (options.photos && generated) {
      const file = `images/bench-cover-${year}.jpg`;
      photoFiles.push({ file, ...(await writeStandIn(path.join(dir, file), seed, photoIndex++, `cover of the ${year} report`, options.pictureCache, options.photoScale)) });
      (editions[String(year)] as Record<string, unknown>).cover_photo = { file, alt: PHOTO_ALT, caption: `The year ${year} in the Budapest Process`, credit: PHOTO_CREDIT };
    }
  }
  const report = { ...ref.report, editions };
  await writeFile(path.join(dir, "report.yaml"), `# Generated for the benchmark from the sample's report.yaml.\n${YAML.stringify(report, { lineWidth: 0 })}`);

  const ctx: Context = { r, ref, usedIds: new Set(), usedKeys: new Set() };
  const eventFiles: string[] = [];
  const madeDirs = new Set<string>();
  for (const [year, count] of perYear) {
    for (let i = 0; i < count; i++) {
      const made = makeEvent(ctx, year, i === 0, lastYear - options.years + 1);
      const { file } = made;
      let { text } = made;
      if (options.photos) {
        const photo = `images/${made.id}.jpg`;
        photoFiles.push({ file: photo, ...(await writeStandIn(path.join(dir, photo), seed, eventFiles.length, eventPhotoLabel(eventFiles.length), options.pictureCache, options.photoScale)) });
        text += photoLines(photo, made.caption);
      }
      const folder = path.join(dir, path.dirname(file));
      if (!madeDirs.has(folder)) {
        await mkdir(folder, { recursive: true });
        madeDirs.add(folder);
      }
      await writeFile(path.join(dir, file), text);
      eventFiles.push(file);
    }
  }
  return { dir, events: options.events, perYear: Object.fromEntries(perYear), eventFiles, photoFiles };
}
