import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { fieldsOf, objectShape, unwrap, type Field } from "../../../../src/data/contract/fields.ts";
import { DATA_FILE_KINDS, type Terms } from "../../../../src/data/contract/json-schema.ts";
import { eventSchema, formOf, type Vocabulary } from "../../../../src/data/contract/schema.ts";
import path from "node:path";
import { readReferenceFiles } from "../../../../src/data/read.ts";
import { editorConfig, editorConfigYaml, formHint, labelOf } from "../../../../src/dev/editor/config.ts";
import { siteTexts } from "../../../../src/dev/editor/translation-forms.ts";
import { ROOT } from "../../../helpers/data.ts";

type CmsField = { name: string; label: string; hint?: string; widget: string; multiple?: boolean; i18n?: boolean; options?: ({ label: string; value: string } | string)[]; fields?: CmsField[]; field?: CmsField };
type Collection = { name: string; folder?: string; path?: string; fields?: CmsField[]; files?: { name: string; file: string; label?: string; fields: CmsField[] }[]; media_folder?: string };

const TERMS: Terms = {
  places: [{ id: "ankara", description: "Ankara, Türkiye" }, { id: "erbil", description: "Erbil, Iraq" }],
  strands: [{ id: "silk-routes-working-group", description: "Silk Routes Region Working Group" }],
  types: [{ id: "training", description: "Training" }],
  topics: [{ id: "labour-migration", description: "Labour migration" }],
  goals: [{ id: "istanbul-2013-return", description: "Priority Goal 4 of the Istanbul Ministerial Declaration: Return" }],
  countries: [{ id: "TR", description: "Türkiye" }, { id: "XK", description: "Kosovo" }],
};

const config = (terms: Terms = TERMS) => editorConfig({ terms, proxyUrl: "/admin/api/v1" }) as { collections: Collection[]; media_folder: string; backend: { name: string } };

const events = (terms?: Terms) => config(terms).collections.find((c) => c.name === "events")!;
const referenceFile = (name: string, terms?: Terms) => config(terms).collections.find((c) => c.name === "reference")!.files!.find((f) => f.file === name)!;

/** The form's fields as paths (`documents.title`), the key and the value of a mapping's entries left out (the mapping is the field). */
function formPaths(fields: readonly CmsField[], prefix = ""): string[] {
  return fields.flatMap((f) => (f.name === "key" || f.name === "value" ? [] : [`${prefix}${f.name}`, ...formPaths(f.fields ?? [], `${prefix}${f.name}.`)]));
}

/** The contract's fields as paths, without those never offered (an older form of a field, one a command writes). */
function contractPaths(fields: readonly Field[], prefix = ""): string[] {
  return fields.filter((f) => !f.retired && !f.deprecated && !f.readOnly).flatMap((f) => [`${prefix}${f.name}`, ...contractPaths(f.fields ?? [], `${prefix}${f.name}.`)]);
}

function find(fields: readonly CmsField[], path: string): CmsField {
  const [head, ...rest] = path.split(".");
  const field = fields.find((f) => f.name === head);
  if (!field) throw new Error(`no field ${path}`);
  return rest.length === 0 ? field : find(field.fields ?? [], rest.join("."));
}

describe("editorConfig", () => {
  it("offers every field of the contract for events and for each reference file, and nothing else", () => {
    expect(formPaths(events().fields!)).toEqual(contractPaths(fieldsOf(eventSchema)));
    for (const kind of DATA_FILE_KINDS.filter((k) => k.schema !== eventSchema)) {
      const file = referenceFile(kind.files[0]!);
      expect(file, kind.files[0]).toBeDefined();
      const inner = unwrap(kind.schema);
      const form = formOf(inner);
      const element = form?.kind === "mapping" ? form.value : (inner._zod.def as { element?: typeof inner }).element;
      const expected = objectShape(kind.schema)
        ? contractPaths(fieldsOf(kind.schema))
        : ["entries", ...(element && objectShape(element) ? contractPaths(fieldsOf(element), "entries.") : [])];
      expect(formPaths(file.fields), kind.files[0]).toEqual(expected);
    }
  });

  it("does not offer the older form of a field", () => {
    const report = referenceFile("report.yaml");
    expect(formPaths(report.fields)).not.toContain("logo");
    expect(formPaths(events().fields!)).not.toContain("highlights");
  });

  it("does not offer what a command writes: an edition's releases, which check --release --record keeps; its corrigenda it does", () => {
    const paths = formPaths(referenceFile("report.yaml").fields);
    expect(paths.filter((p) => p.endsWith(".releases") || p.includes(".releases."))).toEqual([]);
    expect(paths.some((p) => p.endsWith(".corrigenda.note"))).toBe(true);
  });

  it("gives every field its label and the contract's description as its hint, and says which are required", () => {
    const fields = events().fields!;
    const contract = fieldsOf(eventSchema);
    for (const f of contract.filter((c) => !c.retired && !c.deprecated)) {
      const form = find(fields, f.name);
      expect(form.hint, f.name).toBe(formHint(`${f.description}${f.markdown ? " (Markdown)" : ""}`, form.widget));
      expect(form.label).toBe(`${labelOf(f.name)}${f.required ? " (required)" : ""}`);
    }
    expect(find(fields, "title").label).toBe("Title (required)");
    expect(find(fields, "summary").hint).toMatch(/\(Markdown\)$/);
  });

  it("says in a hint what the form shows: a choice by its name, a switch switched on", () => {
    const fields = events().fields!;
    expect(find(fields, "type").hint).toBe("Kind of activity");
    expect(find(fields, "strands").hint).toBe("The chapters it belongs to; the first reports it in full");
    expect(find(fields, "place").hint).toBe("Where it took place, or a country when no city is known; not needed with Online switched on");
    expect(find(fields, "online").hint).toMatch(/^On for a virtual meeting/);
    expect(find(referenceFile("places.yaml").fields, "entries.country").hint).toBe("Its country");
    // A place's id and a country's code are named so, not "Key".
    expect(find(referenceFile("places.yaml").fields, "entries.key").label).toBe("Id (required)");
    expect(find(referenceFile("countries.yaml").fields, "entries.key").label).toBe("Code (required)");
    // Nothing of the files' own words is left in a choice's hint.
    const hints = (fs: readonly CmsField[]): string[] => fs.flatMap((f) => [...(f.widget === "select" || f.widget === "boolean" ? [String(f.hint)] : []), ...hints(f.fields ?? [])]);
    for (const hint of hints(fields)) expect(hint).not.toMatch(/\.yaml|\btrue\b/);
  });

  it("makes every reference a list to choose from that shows names, with the ids as the values", () => {
    const fields = events().fields!;
    const selects: [string, Vocabulary, boolean][] = [["place", "places", false], ["type", "types", false], ["strands", "strands", true], ["topics", "topics", true], ["goals", "goals", true], ["states", "countries", true]];
    for (const [name, to, multiple] of selects) {
      const field = find(fields, name);
      expect(field.widget, name).toBe("select");
      expect(Boolean(field.multiple), name).toBe(multiple);
      const own = TERMS[to]!.map((t) => ({ label: `${t.description} (${t.id})`, value: t.id }));
      // A place may be a country as a whole (an online event of one state).
      const countries = name === "place" ? TERMS.countries!.map((t) => ({ label: `${t.description}, the country (${t.id})`, value: t.id })) : [];
      expect(field.options, name).toEqual([...own, ...countries]);
    }
    // A place's country and the report's states: by name.
    const place = find(referenceFile("places.yaml").fields, "entries.country");
    expect(place.widget).toBe("select");
    expect(place.options).toContainEqual({ label: "Türkiye (TR)", value: "TR" });
    const states = find(referenceFile("report.yaml").fields, "participating_states");
    expect(states.options).toContainEqual({ label: "Kosovo (XK)", value: "XK" });
  });

  it("falls back to a text where the data folder defines no ids of a kind", () => {
    const fields = events({}).fields!;
    expect(find(fields, "place").widget).toBe("string");
    expect(find(fields, "strands").widget).toBe("list");
  });

  it("offers the values of a fixed list, yes-or-no as a switch, a count as a number, pictures from images/ and documents into documents/", () => {
    const fields = events().fields!;
    expect(find(fields, "status").options).toEqual(fieldsOf(eventSchema).find((f) => f.name === "status")!.values);
    expect(find(fields, "status").options!.length).toBeGreaterThan(1);
    expect(find(fields, "online").widget).toBe("boolean");
    expect(find(fields, "report_year").widget).toBe("number");
    expect(find(fields, "photos.file").widget).toBe("image");
    const document = find(fields, "documents.versions");
    expect(document.widget).toBe("list");
    expect(find(document.fields!, "value")).toMatchObject({ widget: "file", media_folder: "/documents" });
    expect(config().media_folder).toBe("images");
    expect(events().media_folder).toBe("/images");
  });

  it("files events in their year folders and reads the reference files from the data folder's top", () => {
    const c = events();
    expect(c.folder).toBe("events");
    const names = config().collections.find((x) => x.name === "reference")!.files!.map((f) => f.file);
    expect(names).toEqual(DATA_FILE_KINDS.filter((k) => k.schema !== eventSchema).map((k) => k.files[0]));
  });

  it("writes a configuration that reads back as the same object", () => {
    const yaml = editorConfigYaml({ terms: TERMS, proxyUrl: "/admin/api/v1" });
    expect(parse(yaml)).toEqual(editorConfig({ terms: TERMS, proxyUrl: "/admin/api/v1" }));
  });

  it("files a new event in its year's folder: the path template keeps the date's year", () => {
    expect(events().path).toBe("{{date | truncate(4)}}/{{slug}}");
  });
});

describe("the editor's configuration for the write service and for the Git host", () => {
  const github = { name: "github", repo: "icmpd/budapest-report", branch: "main", login: "https://auth.example.org" } as const;
  const gitlab = { name: "gitlab", repo: "icmpd/reports/budapest", branch: "release", origin: "https://gitlab.example.org", login: "0123abcd" } as const;

  it("saves through the write service on this machine, with the Git host's backend offered as comments", () => {
    const yaml = editorConfigYaml({ terms: TERMS, proxyUrl: "/admin/api/v1" });
    const read = parse(yaml) as Record<string, unknown>;
    expect(read.backend).toEqual({ name: "activity-report", proxy_url: "/admin/api/v1" });
    expect(read.publish_mode).toBeUndefined();
    // The comments are a configuration that reads: uncommented, the Git host's backend with the editorial workflow.
    const offered = parse(yaml.split("\n").filter((l) => /^# {0,3}(backend|name|repo|branch|publish_mode)\b/.test(l)).map((l) => l.replace(/^# /, "")).join("\n"));
    expect(offered).toEqual({ backend: { name: "github", repo: "OWNER/REPOSITORY", branch: "main" }, publish_mode: "editorial_workflow" });
  });

  it("saves to GitHub with the editorial workflow, every path from the data folder in the repository", () => {
    const c = editorConfig({ terms: TERMS, host: github, dataFolder: "_data" }) as Record<string, unknown> & { collections: Collection[]; backend: Record<string, unknown> };
    expect(c.backend).toMatchObject({ name: "github", repo: "icmpd/budapest-report", branch: "main", base_url: "https://auth.example.org" });
    expect(c.backend.proxy_url).toBeUndefined();
    expect(c.publish_mode).toBe("editorial_workflow");
    expect(c.media_folder).toBe("_data/images");
    expect(c.public_folder).toBe("images");
    const ev = c.collections.find((x) => x.name === "events")!;
    expect(ev).toMatchObject({ folder: "_data/events", media_folder: "/_data/images", path: "{{date | truncate(4)}}/{{slug}}" });
    expect(c.collections.find((x) => x.name === "reference")!.files!.map((f) => f.file)).toEqual(DATA_FILE_KINDS.filter((k) => k.schema !== eventSchema).map((k) => `_data/${k.files[0]}`));
    expect(find(find(ev.fields!, "documents").fields!, "versions").fields!.find((f) => f.name === "value")).toMatchObject({ media_folder: "/_data/documents", public_folder: "documents" });
    // The same fields as the editor of the live preview.
    expect(formPaths(ev.fields!)).toEqual(formPaths(events().fields!));
    const yaml = editorConfigYaml({ terms: TERMS, host: github, dataFolder: "_data" });
    expect(parse(yaml)).toEqual(c);
    expect(yaml).toMatch(/^# .*each save is a change request to icmpd\/budapest-report \(main\)/m);
  });

  it("saves to a GitLab of one's own with the editorial workflow, logging in through its OAuth application", () => {
    const c = editorConfig({ terms: TERMS, host: gitlab, dataFolder: "./data/" }) as { backend: Record<string, unknown>; publish_mode: string; collections: Collection[] };
    expect(c.backend).toMatchObject({
      name: "gitlab", repo: "icmpd/reports/budapest", branch: "release",
      api_root: "https://gitlab.example.org/api/v4", base_url: "https://gitlab.example.org", auth_type: "pkce", app_id: "0123abcd",
    });
    expect(c.publish_mode).toBe("editorial_workflow");
    expect(c.collections.find((x) => x.name === "events")!.folder).toBe("data/events");
    // At the repository's top: no folder before the paths.
    const top = editorConfig({ terms: TERMS, host: { ...gitlab, origin: undefined } }) as { backend: Record<string, unknown>; collections: Collection[] };
    expect(top.backend.api_root).toBeUndefined();
    expect(top.collections.find((x) => x.name === "events")!.folder).toBe("events");
  });
});

describe("the editor's configuration in the report's further languages", () => {
  const FULL = path.join(ROOT, "tests/fixtures/full-data");
  const withLanguages = async () => editorConfig({ terms: TERMS, proxyUrl: "/admin/api/v1", languages: ["ru"], texts: siteTexts(FULL, await readReferenceFiles(FULL, [])) }) as
    Record<string, unknown> & { collections: (Collection & { i18n?: boolean })[] };

  /** The fields marked to be translated, as paths. */
  const translated = (fields: readonly CmsField[], prefix = ""): string[] =>
    fields.flatMap((f) => (f.i18n ? [`${prefix}${f.name}`, ...translated(f.fields ?? [], `${prefix}${f.name}.`)] : []));

  it("edits each event in English and beside it in each language, the English first, with Decap's files of each language", async () => {
    const c = await withLanguages();
    expect(c.i18n).toEqual({ structure: "multiple_files", locales: ["en", "ru"], default_locale: "en" });
    const ev = c.collections.find((x) => x.name === "events")!;
    expect(ev.i18n).toBe(true);
    // The texts of the translation file (eventTranslationSchema), and only they.
    expect(translated(ev.fields!)).toEqual(["title", "summary", "body", "host", "chairs", "outcomes", "documents", "documents.title", "documents.adopted_by", "photos", "photos.alt", "photos.caption"]);
    // The form is otherwise the same.
    expect(formPaths(ev.fields!)).toEqual(formPaths(events().fields!));
  });

  it("has, beside report.yaml and each reference file, the form of its translation in each language", async () => {
    const files = (await withLanguages()).collections.find((x) => x.name === "reference")!.files!;
    expect(files.map((f) => f.file)).toEqual([
      "report.yaml", "report.ru.yaml", "places.yaml", "places.ru.yaml", "strands.yaml", "strands.ru.yaml", "event-types.yaml", "event-types.ru.yaml",
      "topics.yaml", "topics.ru.yaml", "countries.yaml", "countries.ru.yaml", "frameworks.yaml", "frameworks.ru.yaml",
    ]);
    expect(files.find((f) => f.file === "strands.ru.yaml")!.label).toBe("strands.yaml — Russian");
  });

  it("has none of it without further languages, nor on the Git host, which knows no translation files' names", async () => {
    const plain = config() as unknown as Record<string, unknown>;
    expect(plain.i18n).toBeUndefined();
    expect(translated(events().fields!)).toEqual([]);
    const texts = siteTexts(FULL, await readReferenceFiles(FULL, []));
    const hosted = editorConfig({ terms: TERMS, host: { name: "github", repo: "o/r", branch: "main" }, languages: ["ru"], texts }) as Record<string, unknown> & { collections: Collection[] };
    expect(hosted.i18n).toBeUndefined();
    expect(hosted.collections.find((x) => x.name === "reference")!.files!.map((f) => f.file)).toEqual(DATA_FILE_KINDS.filter((k) => k.schema !== eventSchema).map((k) => k.files[0]));
  });
});
