/**
 * The editor's configuration (Decap CMS's config.yml), made from the contract
 * (schema.ts, as fields.ts reads it) and the ids the data folder defines:
 * the events in their year folders, report.yaml with its editions, and the
 * reference files, each field with the contract's description as its hint;
 * a reference is a list to choose from that shows names, not ids; photos and
 * documents are uploaded into images/ and documents/.
 *
 * Every field may be left empty in the form: what is required, and every
 * other rule, is said by the project's own check when the form is saved, in
 * its own words (src/dev/editor/service.ts), never by rules of the editor's.
 */
import { stringify } from "yaml";
import * as z from "zod";
import { fieldsOf, objectShape, unwrap, type Field } from "../../data/contract/fields.ts";
import { DATA_FILE_KINDS, type DataFileKind, type Terms } from "../../data/contract/json-schema.ts";
import { DOCUMENTS_DIR, eventSchema, eventTranslationSchema, formOf, type Vocabulary } from "../../data/contract/schema.ts";
import { IMAGES_DIR } from "../../data/attachments/images.ts";
import { EVENTS_DIR } from "../../data/read.ts";
import type { Texts } from "../../data/languages/texts.ts";
import { ENGLISH, partOf, TRANSLATED_FROM } from "./i18n.ts";
import { TRANSLATED_FILES, translationEntries } from "./translation-forms.ts";
import { ENTRIES, KEY, VALUE, wrapsWhole } from "./view.ts";

type AnySchema = z.core.$ZodType;

/** The name of the backend the editor's page registers (client.js): Decap's proxy backend, with the project's check before each save. */
export const LOCAL_BACKEND = "activity-report";

/** Decap CMS's field configuration. */
type CmsField = Record<string, unknown>;

/** `participating_organisations` → `Participating organisations`. */
export function labelOf(name: string): string {
  const words = name.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** What a mapping's key is called in the form, by the name of the mapping. */
const KEY_LABELS: Readonly<Record<string, string>> = {
  editions: "Year", strands: "Strand", versions: "Language", abbreviations: "Abbreviation", places: "Id", countries: "Code",
};

interface Context {
  readonly terms: Terms;
  /** The data folder's path from where the editor's paths start: "" for the write service, `_data/` in a repository. */
  readonly root: string;
}

function options(to: Vocabulary, context: Context, orCountry = false): { label: string; value: string }[] {
  const own = (context.terms[to] ?? []).map((t) => ({ label: `${t.description} (${t.id})`, value: t.id }));
  if (!orCountry) return own;
  return [...own, ...(context.terms.countries ?? []).map((t) => ({ label: `${t.description}, the country (${t.id})`, value: t.id }))];
}

/** The select of a reference: the ids the data folder defines, shown by name. Without them (no reference file), a text. */
function referenceWidget(to: Vocabulary, context: Context, multiple: boolean, orCountry = false): CmsField {
  if (!context.terms[to]) return multiple ? { widget: "list", field: { name: "item", label: labelOf(to), widget: "string" } } : { widget: "string" };
  return { widget: "select", multiple, options: options(to, context, orCountry) };
}

const exampleText = (field: Field): string | undefined => {
  const example = field.example;
  if (typeof example === "string") return example;
  if (example && typeof example === "object" && !Array.isArray(example)) {
    const first = Object.values(example as Record<string, unknown>)[0];
    return typeof first === "string" ? first : undefined;
  }
  return undefined;
};

/** The widget of a value: a picture of images/, a document of documents/, a number, or a text. */
function valueWidget(field: Field, schema: AnySchema | undefined, context: Context): CmsField {
  const example = exampleText(field);
  if (example?.startsWith(`${IMAGES_DIR}/`)) return { widget: "image", choose_url: false };
  if (example?.startsWith(`${DOCUMENTS_DIR}/`)) return { widget: "file", choose_url: true, media_folder: `/${context.root}${DOCUMENTS_DIR}`, public_folder: DOCUMENTS_DIR };
  if (field.markdown) return { widget: "text" };
  if (field.boolean) return { widget: "boolean" };
  if (schema) {
    const inner = unwrap(schema);
    if ((inner._zod.def as { type: string }).type === "number") {
      const json = z.toJSONSchema(inner as z.ZodType, { unrepresentable: "any" }) as { type?: string };
      return { widget: "number", value_type: json.type === "integer" ? "int" : "float" };
    }
  }
  return { widget: "string" };
}

/**
 * A field's description as the form's hint: the form shows a choice by its name and a switch as a
 * switch, so what the description says of the file (the ids of a reference file, `true`) is said of
 * the form instead.
 */
export function formHint(description: string, widget: unknown): string {
  let hint = description;
  if (widget === "select") {
    hint = hint
      .replace(/(?::|,)? (?:an? |goal )?ids? of [\w-]+\.yaml/g, "")
      .replace("a country's code (PK)", "a country")
      .replace("country's code: ISO 3166-1, or one of countries.yaml", "country");
  }
  hint = hint.replace(/\bonline: true\b/g, "Online switched on");
  if (widget === "boolean") hint = hint.replace(/^true for /, "On for ").replace(/^true: /, "On: ");
  return hint;
}

/** The Decap field of a contract field. */
function cmsField(field: Field, schema: AnySchema | undefined, context: Context): CmsField | undefined {
  const made = contractField(field, schema, context);
  return made && { ...made, hint: formHint(String(made.hint), made.widget) };
}

function contractField(field: Field, schema: AnySchema | undefined, context: Context): CmsField | undefined {
  // An older form of a field, or one a command writes (an edition's releases), is kept in the file as written (merge.ts), and not offered.
  if (field.retired || field.deprecated || field.readOnly) return undefined;
  const hint = `${field.description}${field.markdown ? " (Markdown)" : ""}`;
  // Decap's own "(optional)" is hidden (page.ts): what is required is said by the label, and checked by check.
  const base: CmsField = { name: field.name, label: `${labelOf(field.name)}${field.required ? " (required)" : ""}`, hint, required: false };
  const inner = schema ? unwrap(schema) : undefined;
  const form = inner ? formOf(inner) : undefined;
  switch (field.holds) {
    case "value":
      if (form?.kind === "reference") return { ...base, ...referenceWidget(form.to, context, false, form.orCountry === true) };
      if (field.values) return { ...base, widget: "select", options: [...field.values] };
      return { ...base, ...valueWidget(field, schema, context) };
    case "list":
      if (field.reference) return { ...base, ...referenceWidget(field.reference, context, true) };
      return { ...base, widget: "list", field: { name: "item", label: labelOf(field.name), widget: "string" } };
    case "object":
      return { ...base, widget: "object", collapsed: true, fields: subFields(field, inner, context) };
    case "objects": {
      const element = inner ? (inner._zod.def as { element?: AnySchema }).element : undefined;
      return { ...base, widget: "list", collapsed: true, fields: subFields(field, element, context), ...summaryOf(field) };
    }
    case "mapping": {
      if (form?.kind !== "mapping") return undefined;
      const keyForm = formOf(unwrap(form.key));
      const keyLabel = KEY_LABELS[field.name] ?? "Key";
      const key: CmsField = {
        name: KEY, label: keyLabel, required: false, hint: `The entry's ${keyLabel.toLowerCase()}`,
        ...(keyForm?.kind === "reference" ? referenceWidget(keyForm.to, context, false) : { widget: "string" }),
      };
      const values = field.fields
        ? subFields(field, form.value, context)
        : [{ ...cmsField({ ...field, name: VALUE, holds: "value", required: false }, form.value, context), label: labelOf(field.name) }];
      return { ...base, widget: "list", collapsed: true, summary: `{{fields.${KEY}}}`, fields: [key, ...values] };
    }
  }
}

function subFields(field: Field, schema: AnySchema | undefined, context: Context): CmsField[] {
  const shape = schema ? objectShape(schema) : undefined;
  return (field.fields ?? []).map((f) => cmsField(f, shape?.[f.name], context)).filter((f): f is CmsField => f !== undefined);
}

/** A list item's summary: its title or name, where it has one. */
function summaryOf(field: Field): { summary?: string } {
  const named = (field.fields ?? []).find((f) => ["title", "name", "id", "file"].includes(f.name));
  return named ? { summary: `{{fields.${named.name}}}` } : {};
}

/** The form's fields of a whole data file. */
/** What the key of a file that is a mapping as a whole is called in the form, by the file. */
const FILE_KEY_LABELS: Readonly<Record<string, string>> = { "places.yaml": "Id", "countries.yaml": "Code" };

export function fileFields(schema: AnySchema, context: Context, title: string, file?: string): CmsField[] {
  if (wrapsWhole(schema)) {
    const field: Field = { name: ENTRIES, description: title, required: false, retired: false, deprecated: false, holds: "value", markdown: false, boolean: false };
    const inner = unwrap(schema);
    const form = formOf(inner);
    if (form?.kind === "mapping") {
      const fields = objectShape(form.value) ? fieldsOf(form.value) : undefined;
      const made = cmsField({ ...field, holds: "mapping", ...(fields ? { fields } : {}) }, schema, context)!;
      const keyLabel = file ? FILE_KEY_LABELS[file] : undefined;
      const [key, ...rest] = made.fields as CmsField[];
      const named = keyLabel ? [{ ...key, label: `${keyLabel} (required)`, hint: `The entry's ${keyLabel.toLowerCase()}, as the other files name it` }, ...rest] : made.fields;
      return [{ ...made, fields: named, label: "Entries", collapsed: true }];
    }
    const element = (inner._zod.def as unknown as { element: AnySchema }).element;
    return [cmsField({ ...field, holds: "objects", fields: fieldsOf(element) }, schema, context)!].map((f) => ({ ...f, label: "Entries" }));
  }
  const shape = objectShape(schema)!;
  return fieldsOf(schema).map((f) => cmsField(f, shape[f.name], context)).filter((f): f is CmsField => f !== undefined);
}

/**
 * The Git host that the editor of the published site saves to: each save a
 * change request (a pull request on GitHub, a merge request on GitLab), which
 * CI builds and checks before anyone merges it (Decap's editorial workflow).
 */
export interface GitHost {
  readonly name: "github" | "gitlab";
  /** `OWNER/REPOSITORY`, or a GitLab group path `GROUP/SUBGROUP/PROJECT`. */
  readonly repo: string;
  /** The branch the report is built from, which the change requests go to. */
  readonly branch: string;
  /** The host's web address, for a GitLab of one's own (`https://gitlab.example.org`); GitHub and gitlab.com without. */
  readonly origin?: string;
  /**
   * How editors log in: on GitHub, the address of the OAuth service that
   * gives the editor its token (GitHub's own login cannot be done from a
   * static page); on GitLab, the id of the OAuth application (PKCE, no server).
   */
  readonly login?: string;
}

export interface EditorConfigOptions {
  /** The ids the data folder defines, for the selects. */
  readonly terms: Terms;
  /** Where the editor's page sends its saves: the dev server's write service (the editor of the live preview). */
  readonly proxyUrl?: string;
  /** The Git host of the published site's editor, instead of the write service. */
  readonly host?: GitHost;
  /** The published site's address, for the editor's link to it. */
  readonly siteUrl?: string;
  /** With a Git host: the data folder's path in the repository (`_data`), where the editor's paths start. */
  readonly dataFolder?: string;
  /**
   * The further languages the editions are published in: each event is edited in English and in each of
   * them, side by side, and report.yaml and the reference files have their translations' forms beside
   * them, made from their English texts (`texts`). The write service alone knows the translation files'
   * names and shapes (i18n.ts): not on the Git host.
   */
  readonly languages?: readonly string[];
  readonly texts?: Texts;
}

/**
 * The event's fields marked for Decap's i18n: those of the translation file (eventTranslationSchema) are
 * translated, in the lists of documents and photos too; the others are the English file's alone, and
 * hidden in the form of another language.
 */
export function withTranslatedFields(fields: readonly CmsField[], schema: AnySchema = eventTranslationSchema): CmsField[] {
  const part = partOf(schema);
  const shape = part.kind === "fields" ? part.shape : part.kind === "items" ? (partOf(part.item) as { shape?: Record<string, AnySchema> }).shape : undefined;
  return fields.map((field) => {
    const name = String(field.name);
    const translated = shape && name !== TRANSLATED_FROM ? shape[name] : undefined;
    if (!translated) return field;
    const inner = Array.isArray(field.fields) ? { fields: withTranslatedFields(field.fields as CmsField[], translated) } : {};
    return { ...field, i18n: true, ...inner };
  });
}

/** The backend of a Git host, with the editorial workflow: each save a change request. */
function gitBackend(host: GitHost): Record<string, unknown> {
  const backend: Record<string, unknown> = { name: host.name, repo: host.repo, branch: host.branch };
  if (host.name === "gitlab") {
    if (host.origin) Object.assign(backend, { api_root: `${host.origin}/api/v4`, base_url: host.origin, auth_endpoint: "oauth/authorize" });
    if (host.login) Object.assign(backend, { auth_type: "pkce", app_id: host.login });
  } else if (host.login) {
    backend.base_url = host.login;
  }
  // The change requests' titles and commit messages say what the editor did, in the report's words.
  backend.commit_messages = {
    create: "Add {{collection}} “{{slug}}” in the editor",
    update: "Change {{collection}} “{{slug}}” in the editor",
    delete: "Delete {{collection}} “{{slug}}” in the editor",
    uploadMedia: "Upload “{{path}}” in the editor",
    deleteMedia: "Delete “{{path}}” in the editor",
  };
  return backend;
}

/**
 * The event file's folder and name: `events/2018/2018-05-07-sarajevo-joint-working-group.yaml`. Decap
 * reads a path template as a slug (lower case, no quotes, "." as "-"), in which neither `fields.date`
 * nor the filter `date('YYYY')` gives anything; `truncate(4)` of the date as the form holds it gives its
 * year, with "..." that the slug drops. So a new event is filed in its year's folder by the write
 * service and on the Git host alike (the write service also files an event under a folder named by its
 * whole date, paths.ts).
 */
const EVENT_PATH = "{{date | truncate(4)}}/{{slug}}";

/** The configuration as an object (Decap CMS's config.yml, read). */
export function editorConfig(options: EditorConfigOptions): Record<string, unknown> {
  const folder = options.host ? (options.dataFolder ?? "").split(/[\\/]+/).filter((step) => step !== "" && step !== ".").join("/") : "";
  const root = folder ? `${folder}/` : "";
  const context: Context = { terms: options.terms, root };
  const eventKind = DATA_FILE_KINDS.find((k) => k.schema === eventSchema)!;
  const references = DATA_FILE_KINDS.filter((k) => k !== eventKind);
  if (!options.host && !options.proxyUrl) throw new Error("the editor's configuration needs the write service's address or a Git host");
  const languages = options.host ? [] : (options.languages ?? []);
  const eventFields = fileFields(eventSchema, context, eventKind.title);
  /** Each reference file, followed by its translations. */
  const files = references.flatMap((kind: DataFileKind) => {
    const file = kind.files[0]!;
    const translated = TRANSLATED_FILES.find((t) => t.english === file);
    return [
      { name: file.replace(/\.yaml$/, ""), label: file, file: `${root}${file}`, description: kind.description, format: "yaml", fields: fileFields(kind.schema, context, kind.description, file) },
      ...(translated && options.texts && languages.length > 0 ? translationEntries(options.texts, translated, languages, root) : []),
    ];
  });
  return {
    ...(options.host
      ? { backend: gitBackend(options.host), publish_mode: "editorial_workflow" }
      : { backend: { name: LOCAL_BACKEND, proxy_url: options.proxyUrl } }),
    ...(options.siteUrl ? { site_url: options.siteUrl, display_url: options.siteUrl } : {}),
    media_folder: `${root}${IMAGES_DIR}`,
    public_folder: IMAGES_DIR,
    slug: { encoding: "ascii", clean_accents: true, sanitize_replacement: "-" },
    // English first: Decap shows the first language on the left, the next beside it.
    ...(languages.length > 0 ? { i18n: { structure: "multiple_files", locales: [ENGLISH, ...languages], default_locale: ENGLISH } } : {}),
    collections: [
      {
        name: "events",
        label: "Events",
        label_singular: "Event",
        description: "Every meeting, training and conference of the report: open one to change it, or add one",
        folder: `${root}${EVENTS_DIR}`,
        path: EVENT_PATH,
        // Decap keeps the media of a collection with a path beside its entries unless told: the data folder keeps them in images/.
        media_folder: `/${root}${IMAGES_DIR}`,
        public_folder: IMAGES_DIR,
        slug: "{{fields.date}}-{{fields.place}}-{{slug}}",
        extension: "yaml",
        format: "yaml",
        create: true,
        delete: true,
        identifier_field: "title",
        summary: "{{fields.date}}: {{fields.title}}",
        sortable_fields: ["date", "title"],
        view_groups: [{ label: "Year", field: "date", pattern: "\\d{4}" }],
        ...(languages.length > 0 ? { i18n: true } : {}),
        fields: languages.length > 0 ? withTranslatedFields(eventFields) : eventFields,
      },
      {
        name: "reference",
        label: "Report and reference files",
        delete: false,
        files,
      },
    ],
  };
}

/**
 * The configuration as config.yml. The live preview's has the backend of the
 * published site ready under it as comments (docs/editing.md): the Git host,
 * where each save is a change request that is built and checked before it is
 * merged, which `build --editor` writes for the published site.
 */
export function editorConfigYaml(options: EditorConfigOptions): string {
  const text = stringify(editorConfig(options), { lineWidth: 0 });
  const made = "# Made by activity-report from the data contract (src/data/contract/schema.ts) and the data folder's ids: do not edit.";
  if (options.host) {
    return [
      made,
      `# Published with the site by \`activity-report build --editor\`: each save is a change request to ${options.host.repo} (${options.host.branch}),`,
      "# built and checked by CI before it is merged (docs/editing.md).",
      text,
    ].join("\n");
  }
  const production = [
    made,
    "#",
    "# On the published site the editor works against the Git host instead (docs/editing.md):",
    "# `activity-report build --editor https://github.com/OWNER/REPOSITORY` writes it into the site at /admin/,",
    "# with this backend in place of the one below (GitLab alike, with `name: gitlab`):",
    "#",
    "# backend:",
    "#   name: github",
    "#   repo: OWNER/REPOSITORY",
    "#   branch: main",
    "# publish_mode: editorial_workflow",
    "#",
    "# and each save becomes a pull request, built and checked by CI before it is merged.",
  ].join("\n");
  return `${production}\n${text}`;
}
