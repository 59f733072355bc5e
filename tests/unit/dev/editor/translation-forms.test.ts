import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { readReferenceFiles } from "../../../../src/data/read.ts";
import { reportTranslationSchema, strandsTranslationSchema } from "../../../../src/data/contract/schema.ts";
import {
  fromTranslationForm, siteTexts, toTranslationForm, TRANSLATED_FILES, translatedFileOf, translationEntries, translationFormPath,
} from "../../../../src/dev/editor/translation-forms.ts";
import { ROOT } from "../../../helpers/data.ts";

const FULL = path.join(ROOT, "tests/fixtures/full-data");

type CmsField = { name: string; label: string; hint?: string; widget: string; collapsed?: boolean; fields?: CmsField[] };

const texts = async () => siteTexts(FULL, await readReferenceFiles(FULL, []));
const entriesOf = async (english: string, languages = ["ru"]) => translationEntries(await texts(), TRANSLATED_FILES.find((f) => f.english === english)!, languages);

function find(fields: readonly CmsField[], at: string): CmsField {
  const [head, ...rest] = at.split("/");
  const field = fields.find((f) => f.name === head);
  if (!field) throw new Error(`no field ${at} among ${fields.map((f) => f.name).join(", ")}`);
  return rest.length === 0 ? field : find(field.fields ?? [], rest.join("/"));
}

describe("the translation files of report.yaml and the reference files", () => {
  it("are named by the English file and the language", () => {
    expect(translatedFileOf("strands.ru.yaml")).toMatchObject({ english: "strands.yaml", lang: "ru", schema: strandsTranslationSchema });
    expect(translatedFileOf("report.pt-BR.yaml")).toMatchObject({ english: "report.yaml", lang: "pt-BR" });
    expect(translatedFileOf("notes.ru.yaml")).toBeUndefined();
    expect(translatedFileOf("strands.yaml")).toBeUndefined();
    expect(TRANSLATED_FILES.map((f) => f.english)).toEqual(["report.yaml", "places.yaml", "strands.yaml", "event-types.yaml", "topics.yaml", "countries.yaml", "frameworks.yaml"]);
  });
});

describe("the form of a translation", () => {
  it("has a field for each English text, under the name English gives its entry, the English text as its hint", async () => {
    const [strands] = await entriesOf("strands.yaml");
    expect(strands).toMatchObject({ name: "strands-ru", label: "strands.yaml — Russian", file: "strands.ru.yaml", format: "yaml", editor: { preview: false } });
    const fields = strands!.fields as CmsField[];
    const english = parse(readFileSync(path.join(FULL, "strands.yaml"), "utf8")) as { id: string; title: string; short_title?: string }[];
    expect(fields.map((f) => f.name)).toEqual(english.map((s) => s.id));
    const first = english[0]!;
    expect(find(fields, first.id)).toMatchObject({ label: first.title, widget: "object", hint: `Id: ${first.id}` });
    expect(find(fields, `${first.id}/title`)).toMatchObject({ label: "Title", widget: "string", hint: `English: ${first.title}` });
  });

  it("shows report.yaml's texts of the whole site and of the editions published in the language, each by its place", async () => {
    const [report] = await entriesOf("report.yaml");
    const fields = report!.fields as CmsField[];
    expect(find(fields, "organisation").hint).toBe("English: Budapest Process");
    // Only 2019 is published in Russian.
    expect(find(fields, "editions").fields!.map((f) => f.name)).toEqual(["2019"]);
    const signatory = find(fields, "editions/2019/signatories/0");
    expect(signatory.label).toMatch(/^Signatory 1: /);
    expect(signatory.fields!.map((f) => f.name)).toEqual(["name", "title", "organisation"]);
    expect(find(fields, "editions/2019/foreword")).toMatchObject({ widget: "text", hint: expect.stringMatching(/^English \(Markdown\): /) as unknown });
    // The language's own abbreviations: a list of entries, English's named in its hint.
    expect(find(fields, "abbreviations")).toMatchObject({ widget: "list", hint: expect.stringContaining("ICMPD: International Centre for Migration Policy Development") as unknown });
    expect(find(fields, "abbreviations").fields!.map((f) => f.name)).toEqual(["key", "value"]);
  });

  it("is made for each language, and not for a file with no text", async () => {
    expect((await entriesOf("topics.yaml", ["ru", "ar"])).map((e) => e.file)).toEqual(["topics.ru.yaml", "topics.ar.yaml"]);
    const bare = { ...(await texts()), topics: [] };
    expect(translationEntries(bare, TRANSLATED_FILES.find((f) => f.english === "topics.yaml")!, ["ru"])).toEqual([]);
  });

  it("holds the translation file's value, lists by position as sets of fields, abbreviations as entries; and gives it back", () => {
    const file = parse(readFileSync(path.join(FULL, "report.ru.yaml"), "utf8")) as Record<string, unknown>;
    const form = toTranslationForm(reportTranslationSchema, file) as Record<string, Record<string, unknown>>;
    expect(form.logos).toEqual({ 0: { alt: "Эмблема Будапештского процесса" }, 1: expect.anything() as unknown, 2: expect.anything() as unknown });
    expect((form.abbreviations as unknown as unknown[])[0]).toEqual({ key: "ICMPD", value: "Международный центр по развитию миграционной политики" });
    expect(Object.keys(form.editions!["2019"] as object)).toContain("signatories");
    const { translated_from: _recorded, ...texts } = file;
    expect(fromTranslationForm(reportTranslationSchema, form)).toEqual(JSON.parse(JSON.stringify(texts, (key, value: unknown) => (key === "translated_from" ? undefined : value))));
  });

  it("places a problem of the file at its field of the form", () => {
    const file = { abbreviations: { ICMPD: "МЦРМП", SOM: "СДЛ" }, logos: [{ alt: "А" }, { alt: "Б" }], editions: { 2019: { signatories: [{ name: "Н" }] } } };
    expect(translationFormPath(reportTranslationSchema, file, ["logos", 1, "alt"])).toEqual(["logos", "1", "alt"]);
    expect(translationFormPath(reportTranslationSchema, file, ["abbreviations", "SOM"])).toEqual(["abbreviations", 1, "value"]);
    expect(translationFormPath(reportTranslationSchema, file, ["editions", "2019", "signatories", 0, "name"])).toEqual(["editions", "2019", "signatories", "0", "name"]);
    // What the form does not show ends the path.
    expect(translationFormPath(reportTranslationSchema, file, ["editions", "2019", "translated_from", "chair"])).toEqual(["editions", "2019"]);
    expect(translationFormPath(strandsTranslationSchema, { x: { title: "T" } }, ["x", "titel"])).toEqual(["x"]);
  });
});
