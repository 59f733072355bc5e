/**
 * `activity-report init DIR`: a new data folder that check passes and build
 * builds. By default it has the Budapest Process's structure: its strands,
 * kinds of activity, topics and frameworks with their priority goals, the
 * countries of ISO 3166-1 with their English names, no places yet, and a
 * report.yaml with a draft edition of the year. `empty` makes the smallest
 * valid folder instead, for another organisation.
 *
 * Every file names its JSON Schema in its first line; the optional fields of
 * report.yaml and of the edition are offered as comments, made from the
 * contract as `new` makes them. Nothing is written into a folder that is not
 * empty, and nothing is left behind when writing fails.
 */
import { mkdir, readdir, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { countryName, isoCountryCodes } from "./data/countries.ts";
import type { Diagnostic } from "./data/diagnostics.ts";
import { fieldsOf } from "./data/contract/fields.ts";
import { DATA_FILE_KINDS, SCHEMAS_DIR, schemaLine, termsOf } from "./data/contract/json-schema.ts";
import { loadData } from "./data/load.ts";
import { EVENTS_DIR, OPTIONAL_FILES, REFERENCE_FILES, STARTS } from "./data/read.ts";
import {
  DEFAULT_TITLE, editionSchema, MARKDOWN_FIELDS, reportSchema,
  type CountryFile, type EventType, type Framework, type Strand, type Topic,
} from "./data/contract/schema.ts";
import { ReportError } from "./errors.ts";
import { offeredFields } from "./scaffold/offered-fields.ts";
import { insertEntry } from "./scaffold/yaml-insert.ts";
import { readsAs, yamlText } from "./scaffold/yaml-values.ts";
import { writeSchemas } from "./schemas.ts";

/** What `init` is asked for. */
export interface InitOptions {
  /** The smallest valid folder, for an organisation other than the Budapest Process. */
  readonly empty?: boolean;
  /** With `empty`: the report's required fields. */
  readonly organisation?: string;
  readonly secretariat?: string;
  readonly title?: string;
  /** The year of the draft edition (not with `empty`). */
  readonly year?: number;
}

// ---------------------------------------------------------------------------------------------
// The Budapest Process's structure, as the sample data folder (_data/) has it.

const BUDAPEST_PROCESS = {
  organisation: "Budapest Process",
  secretariat: "International Centre for Migration Policy Development (ICMPD)",
};

const STRANDS: readonly Strand[] = [
  {
    id: "senior-officials-meeting", title: "Senior Officials Meeting", short_title: "Senior Officials", kind: "governance",
    description: "Senior officials of the participating states meet once a year. They review the work of the process and agree on its next steps.\n",
  },
  {
    id: "ministerial-process", title: "Ministerial Conference process", short_title: "Ministerial", kind: "ministerial",
    description: "Ministers meet every few years and adopt the political framework of the process. Meetings of senior officials prepare each conference.\n",
  },
  {
    id: "silk-routes-working-group", title: "Silk Routes Region Working Group", short_title: "Silk Routes Region", kind: "working-group",
    description: "Countries of origin, transit and destination along the Silk Routes meet with the other participating states.\n",
  },
  {
    id: "south-east-europe-working-group", title: "South East Europe Working Group", short_title: "South East Europe", kind: "working-group",
    description: "The participating states discuss migration in and through South East Europe.\n",
  },
  {
    id: "silk-routes-partnership-project", title: "Silk Routes Partnership Project", short_title: "Partnership Project", kind: "project",
    description: "The project helps the Silk Routes countries to manage migration, through training and pilot initiatives.\n",
  },
];

const EVENT_TYPES: readonly EventType[] = [
  { id: "senior-officials-meeting", label: "Senior Officials Meeting", plural: "Senior Officials Meetings" },
  { id: "ministerial-conference", label: "Ministerial Conference", plural: "Ministerial Conferences" },
  { id: "preparatory-meeting", label: "Preparatory meeting", plural: "Preparatory meetings" },
  { id: "working-group-meeting", label: "Working group meeting", plural: "Working group meetings" },
  { id: "high-level-meeting", label: "High-level meeting", plural: "High-level meetings" },
  { id: "training", label: "Training", plural: "Trainings", training: true },
];

const TOPICS: readonly Topic[] = [
  { id: "return-and-reintegration", label: "Return and reintegration" },
  { id: "capacity-building", label: "Capacity building" },
  { id: "refugees-and-large-movements", label: "Refugees and large movements" },
  { id: "cooperation-framework", label: "Cooperation framework" },
  { id: "labour-migration", label: "Labour migration" },
  { id: "irregular-migration", label: "Irregular migration" },
];

/** The frameworks adopted by the Ministerial Conferences of 2013, 2019 and 2024, as written (dates as the contract reads them). */
const FRAMEWORKS = [
  {
    id: "istanbul-2013",
    title: "Istanbul Ministerial Declaration on a Silk Routes Partnership for Migration",
    short_title: "Istanbul Ministerial Declaration",
    adopted: "2013-04-19", from: 2013, to: 2018,
    goals: [
      { id: "istanbul-2013-legal-migration", number: 1, title: "Legal migration and mobility" },
      { id: "istanbul-2013-integration", number: 2, title: "Integration of migrants and prevention of discrimination" },
      { id: "istanbul-2013-irregular-migration", number: 3, title: "Preventing and countering irregular migration and smuggling" },
      { id: "istanbul-2013-return", number: 4, title: "Return, readmission and sustainable reintegration" },
      { id: "istanbul-2013-development", number: 5, title: "Migration and development" },
      { id: "istanbul-2013-international-protection", number: 6, title: "International protection" },
    ],
  },
  {
    id: "call-for-action-2019",
    title: "Istanbul Commitments on the Silk Routes Partnership for Migration and its Call for Action – a five-year plan 2019–2024",
    short_title: "Istanbul Commitments and Call for Action 2019–2024",
    adopted: "2019-02", from: 2019, to: 2024,
    goals: [
      { id: "call-for-action-2019-irregular-migration-return", number: 1, title: "Irregular migration, return and readmission" },
      { id: "call-for-action-2019-legal-migration", number: 2, title: "Legal migration and mobility" },
      { id: "call-for-action-2019-integration", number: 3, title: "Integration" },
      { id: "call-for-action-2019-development", number: 4, title: "Migration and development" },
      { id: "call-for-action-2019-trafficking", number: 5, title: "Trafficking in human beings" },
      { id: "call-for-action-2019-international-protection", number: 6, title: "International protection" },
    ],
  },
  {
    id: "budapest-2025",
    title: "Budapest Ministerial Declaration and Call for Action 2025–2030",
    short_title: "Budapest Declaration and Call for Action 2025–2030",
    adopted: "2024-11", from: 2025, to: 2030,
    goals: [
      { id: "budapest-2025-legal-pathways", number: 1, title: "Legal pathways" },
      { id: "budapest-2025-irregular-migration", number: 2, title: "Irregular migration, smuggling, trafficking and border management" },
      { id: "budapest-2025-development", number: 3, title: "Development and root causes" },
      { id: "budapest-2025-international-protection", number: 4, title: "International protection" },
      { id: "budapest-2025-integration", number: 5, title: "Integration" },
      { id: "budapest-2025-return", number: 6, title: "Return and reintegration" },
    ],
  },
] as const satisfies readonly (Omit<Framework, "adopted"> & { adopted: string })[];

/** The names the Budapest Process prints where they differ from those of ISO 3166-1, with the earlier ones. */
const COUNTRY_NAMES: Readonly<Record<string, CountryFile>> = {
  TR: { name: "Türkiye", former: ["Turkey"] },
  IR: { name: "Iran" },
  MK: { name: "North Macedonia", former: ["the former Yugoslav Republic of Macedonia"] },
  XK: { name: "Kosovo*" },
};

/** Every country of ISO 3166-1 under its code, with the name the report prints. */
export function isoCountries(names: Readonly<Record<string, CountryFile>> = {}): Record<string, CountryFile> {
  const codes = [...new Set([...isoCountryCodes(), ...Object.keys(names)])].sort();
  return Object.fromEntries(codes.map((code) => [code, names[code] ?? { name: countryName(code, {}) }]));
}

// ---------------------------------------------------------------------------------------------
// The files.

/** What a reference file holds, said once at its top: the description of its kind, and the command that adds to it. */
function header(name: string, extra: readonly string[] = []): string {
  const kind = DATA_FILE_KINDS.find((k) => k.files.includes(name))!;
  const command = STARTS[name]?.command;
  const lines = [
    schemaLine(name, ".", kind),
    `# ${kind.description}.${command ? ` Add one with: activity-report ${command}` : ""}`,
    ...extra.map((line) => `# ${line}`),
  ];
  return `${lines.join("\n")}\n`;
}

/** A file of `header` and the YAML of `value`, whose text is checked to read back as exactly `value`. */
function dataFile(name: string, value: unknown, extra: readonly string[] = []): string {
  const text = `${header(name, extra)}${yamlText(value, MARKDOWN_FIELDS)}`;
  if (!readsAs(text, value)) throw new Error(`${name} would not read back as written`);
  return text;
}

/**
 * report.yaml: the report's required fields, the optional ones offered as
 * comments and, for a `year`, a draft edition with its fields offered as
 * comments, written as `new year` writes one (the strands of `strands` are
 * offered by their ids).
 */
export function reportYaml(report: { organisation: string; secretariat: string; title: string }, year: number | undefined, strands: readonly Strand[]): string {
  const required = new Set(["organisation", "secretariat", "title", "editions"]);
  const terms = termsOf({ strands });
  const text = `${dataFile(REFERENCE_FILES.report, report, ["Every field is described in docs/data.md; remove the # before a field to use it."])}${
    offeredFields(fieldsOf(reportSchema), required, { terms }).map((line) => `${line}\n`).join("")}`;
  if (year === undefined) return text;
  // A draft until its report is final; an edition needs a field before the others can be written under it.
  const edition = { status: "draft" };
  const comments = offeredFields(fieldsOf(editionSchema), new Set(Object.keys(edition)), { terms });
  // The editions come last, as in the contract, after the fields offered above them.
  return insertEntry(REFERENCE_FILES.report, `${text}editions:\n`, ["editions"], year, edition, true, comments).text;
}

/** The files `init` writes, by their names in the data folder, in the order they are written. */
export function initFiles(options: InitOptions): Map<string, string> {
  const files = new Map<string, string>();
  if (options.empty) {
    const report = { organisation: options.organisation ?? "", secretariat: options.secretariat ?? "", title: options.title ?? DEFAULT_TITLE };
    files.set(REFERENCE_FILES.report, reportYaml(report, undefined, []));
    for (const name of [REFERENCE_FILES.strands, REFERENCE_FILES.eventTypes, REFERENCE_FILES.topics, REFERENCE_FILES.places, REFERENCE_FILES.countries]) {
      files.set(name, `${header(name)}${STARTS[name]!.none}\n`);
    }
    return files;
  }
  files.set(REFERENCE_FILES.report, reportYaml({ ...BUDAPEST_PROCESS, title: DEFAULT_TITLE }, options.year, STRANDS));
  files.set(REFERENCE_FILES.strands, dataFile(REFERENCE_FILES.strands, STRANDS));
  files.set(REFERENCE_FILES.eventTypes, dataFile(REFERENCE_FILES.eventTypes, EVENT_TYPES, ["training: true counts the participants of an event of the type as trainees."]));
  files.set(REFERENCE_FILES.topics, dataFile(REFERENCE_FILES.topics, TOPICS));
  files.set(OPTIONAL_FILES.frameworks, dataFile(OPTIONAL_FILES.frameworks, FRAMEWORKS, [
    "Those adopted by the Ministerial Conferences. Events name the goals they served by their ids,",
    "which never change: the frameworks number their goals in different orders.",
  ]));
  files.set(REFERENCE_FILES.places, `${header(REFERENCE_FILES.places, ["With lat and lon, the map shows where the place is."])}${STARTS[REFERENCE_FILES.places]!.none}\n`);
  files.set(REFERENCE_FILES.countries, dataFile(REFERENCE_FILES.countries, isoCountries(COUNTRY_NAMES), [
    "Every country of ISO 3166-1 is listed: change a name here to print another.",
  ]));
  return files;
}

/** A folder `init` cannot start, told as it is. */
export class InitError extends ReportError {
  override readonly name = "InitError";
}

export interface Initialised {
  readonly dir: string;
  /** The files written, in the order written, relative to the folder. */
  readonly files: readonly string[];
  readonly warnings: readonly Diagnostic[];
}

/**
 * Writes a new data folder into `dir`, which must be missing or empty: the
 * files of initFiles, the events folder and the JSON Schemas. The folder is
 * then checked; should it not pass, everything written is removed again.
 */
export async function initFolder(dir: string, options: InitOptions): Promise<Initialised> {
  const found = await stat(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw new InitError(`${dir} cannot be read (${error.code ?? error.message}); nothing was written`);
  });
  if (found && !found.isDirectory()) throw new InitError(`${dir} is a file, not a folder; give the name of a new or empty folder; nothing was written`);
  if (found) {
    const entries = await readdir(dir);
    if (entries.length > 0) {
      const shown = entries.sort().slice(0, 3).join(", ") + (entries.length > 3 ? ", …" : "");
      throw new InitError(`${dir} is not empty (it holds ${shown}); init starts a data folder only in a new or empty folder, so that nothing is overwritten; nothing was written`);
    }
  }
  if (options.empty && (!options.organisation?.trim() || !options.secretariat?.trim())) throw new InitError("give the organisation and its secretariat; nothing was written");
  const files = initFiles({ ...options, year: options.empty ? undefined : options.year ?? new Date().getFullYear() });
  const made = found ? undefined : await mkdir(dir, { recursive: true });
  const written: string[] = [];
  try {
    for (const [name, text] of files) {
      // Never over a file that appeared meanwhile.
      await writeFile(path.join(dir, name), text, { flag: "wx" });
      written.push(name);
    }
    await mkdir(path.join(dir, EVENTS_DIR));
    written.push(EVENTS_DIR);
    await writeSchemas(dir);
    const loaded = await loadData(dir);
    if (!loaded.data) throw new Error(`the new data folder does not pass the check: ${loaded.diagnostics.filter((d) => d.severity === "error").map((d) => d.message).join("; ")}`);
    return { dir, files: written, warnings: loaded.diagnostics };
  } catch (error) {
    if (made) await rm(made, { recursive: true, force: true });
    else for (const name of [...written, SCHEMAS_DIR]) await rm(path.join(dir, name), { recursive: true, force: true });
    throw error;
  }
}
