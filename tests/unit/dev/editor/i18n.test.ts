import { describe, expect, it } from "vitest";
import { eventTranslationSchema, reportTranslationSchema, strandsTranslationSchema, type EventFile } from "../../../../src/data/contract/schema.ts";
import { eventTextUnits, fingerprint, type TextUnit } from "../../../../src/data/languages/texts.ts";
import { assignTexts, dataPath, editorLanguages, editorPath, formOfTranslation, pruned, recordTranslatedFrom, translationOf } from "../../../../src/dev/editor/i18n.ts";

const ENGLISH_EVENT = {
  title: "Meeting of the working group",
  type: "meeting",
  date: "2018-09-12",
  chairs: ["Austria", "Türkiye"],
  summary: "The working group met.",
  documents: [
    { title: "Conclusions", kind: "conclusions", versions: { en: "documents/c-en.pdf" } },
    { title: "Agenda", kind: "agenda", versions: { en: "https://www.example.org/agenda.pdf" } },
  ],
  photos: [
    { file: "images/a.jpg", alt: "People at a table", caption: "Vienna, 2018", credit: "© ICMPD" },
    { file: "images/b.jpg", alt: "A panel" },
  ],
};

describe("the names of an event's files", () => {
  it("are the data folder's: Decap's English file <id>.en.yaml is <id>.yaml, a translation's name is the same", () => {
    expect(dataPath("events/2018/2018-05-07-sarajevo.en.yaml")).toBe("events/2018/2018-05-07-sarajevo.yaml");
    expect(dataPath("events/2018/2018-05-07-sarajevo.ru.yaml")).toBe("events/2018/2018-05-07-sarajevo.ru.yaml");
    expect(dataPath("events/2018/2018-05-07-sarajevo.yaml")).toBe("events/2018/2018-05-07-sarajevo.yaml");
    expect(editorPath("events/2018/2018-05-07-sarajevo.yaml")).toBe("events/2018/2018-05-07-sarajevo.en.yaml");
    expect(dataPath(editorPath("places.yaml"))).toBe("places.yaml");
  });
});

describe("editorLanguages", () => {
  it("are the languages the editions name, English left out, by their codes", () => {
    expect(editorLanguages({ 2018: { languages: { ru: "final" } }, 2019: { languages: { ru: "draft", ar: "draft", en: "draft" } } })).toEqual(["ar", "ru"]);
    expect(editorLanguages({ 2018: {} })).toEqual([]);
    expect(editorLanguages(undefined)).toEqual([]);
  });
});

describe("an event's translation in the editor", () => {
  it("is shown as the event's form: the texts translated, the documents and photos as English lists them, each with its translation", () => {
    const form = formOfTranslation(eventTranslationSchema, ENGLISH_EVENT, { title: "Совещание", chairs: ["Австрия"], documents: [{}, { title: "Повестка дня" }], photos: [{ alt: "Люди за столом" }] });
    expect(form).toEqual({
      title: "Совещание",
      chairs: ["Австрия", ""],
      documents: [
        { kind: "conclusions", versions: { en: "documents/c-en.pdf" } },
        { title: "Повестка дня", kind: "agenda", versions: { en: "https://www.example.org/agenda.pdf" } },
      ],
      photos: [
        { file: "images/a.jpg", credit: "© ICMPD", alt: "Люди за столом" },
        { file: "images/b.jpg" },
      ],
    });
  });

  it("shows a translation not yet begun with the English lists and no text", () => {
    expect(formOfTranslation(eventTranslationSchema, ENGLISH_EVENT, undefined)).toEqual({
      chairs: ["", ""],
      documents: [{ kind: "conclusions", versions: { en: "documents/c-en.pdf" } }, { kind: "agenda", versions: { en: "https://www.example.org/agenda.pdf" } }],
      photos: [{ file: "images/a.jpg", credit: "© ICMPD" }, { file: "images/b.jpg" }],
    });
  });

  it("keeps an item the translation has beyond English's, with only its texts", () => {
    const form = formOfTranslation(eventTranslationSchema, { title: "T", documents: [{ title: "D", kind: "agenda" }] }, { documents: [{ title: "Д" }, { title: "Лишний" }] });
    expect(form.documents).toEqual([{ title: "Д", kind: "agenda" }, { title: "Лишний" }]);
  });

  it("is saved as its texts alone, in the shape of the translation file, from what Decap sends", () => {
    // What Decap sends for the Russian form of an event with two photos, the second's alt written: the hidden fields come back as loaded.
    const sent = { title: "Совместное совещание", photos: [{ file: "images/a.jpg", credit: "© ICMPD" }, { file: "images/b.jpg", alt: "Второе фото" }] };
    expect(translationOf(eventTranslationSchema, sent)).toEqual({
      title: "Совместное совещание", summary: "", body: "", outcomes: "", host: "", chairs: [], documents: [],
      photos: [{ alt: "", caption: "" }, { alt: "Второе фото", caption: "" }],
    });
  });
});

describe("assignTexts", () => {
  it("writes the texts shown into the file as it is: an empty one removes the file's, one not shown stays", () => {
    const file = { title: "Старое", summary: "Резюме", photos: [{ alt: "А" }, { alt: "Б", caption: "В" }], translated_from: { title: "abcdefabcdef" } };
    const shown = translationOf(eventTranslationSchema, { title: "Новое", summary: "", photos: [{ alt: "А" }, { alt: "", caption: "В" }] });
    expect(pruned(eventTranslationSchema, assignTexts(eventTranslationSchema, file, shown))).toEqual({
      title: "Новое", photos: [{ alt: "А" }, { caption: "В" }], translated_from: { title: "abcdefabcdef" },
    });
  });

  it("keeps an empty item before a translated one, for the place of the one after it, and drops those at the end", () => {
    const next = assignTexts(eventTranslationSchema, {}, translationOf(eventTranslationSchema, { documents: [{ title: "" }, { title: "Повестка" }, { title: "" }] }));
    expect(pruned(eventTranslationSchema, next)).toEqual({ documents: [{}, { title: "Повестка" }] });
    expect(pruned(eventTranslationSchema, assignTexts(eventTranslationSchema, {}, translationOf(eventTranslationSchema, {})))).toBeUndefined();
  });

  it("writes the entries of a reference file's form into their ids, keeping the entries the form does not show", () => {
    const file = { "old-strand": { title: "Старая" }, working: { title: "Р", translated_from: { title: "abcdefabcdef" } } };
    expect(assignTexts(strandsTranslationSchema, file, { working: { title: "Рабочая группа", short_title: "Группа" } })).toEqual({
      "old-strand": { title: "Старая" }, working: { title: "Рабочая группа", short_title: "Группа", translated_from: { title: "abcdefabcdef" } },
    });
  });

  it("takes the language's own abbreviations whole, as the form shows them all", () => {
    const file = { abbreviations: { ICMPD: "МЦРМП", SOM: "СДЛ" }, title: "Доклад" };
    expect(assignTexts(reportTranslationSchema, file, { abbreviations: { ICMPD: "МЦРМП", "МЦРМП": "Международный центр" } })).toEqual({
      abbreviations: { ICMPD: "МЦРМП", "МЦРМП": "Международный центр" }, title: "Доклад",
    });
  });
});

describe("recordTranslatedFrom", () => {
  const units = eventTextUnits({ ...(ENGLISH_EVENT as unknown as EventFile), id: "2018-09-12-vienna", file: "/data/events/2018/2018-09-12-vienna.yaml", reportYear: 2018 });

  it("records, for each text the save changed, the English as it stands; a text unchanged keeps its record", () => {
    const before = { title: "Старое", summary: "Резюме", translated_from: { title: "oldoldoldold", summary: "oldoldoldold" } };
    const next: Record<string, unknown> = { title: "Новое", summary: "Резюме", photos: [{}, { alt: "Панель" }], translated_from: { title: "oldoldoldold", summary: "oldoldoldold" } };
    expect(recordTranslatedFrom(next, before, units)).toBe(2);
    expect(next.translated_from).toEqual({ title: fingerprint(ENGLISH_EVENT.title), summary: "oldoldoldold", "photos.1.alt": fingerprint("A panel") });
  });

  it("does not record a change of spaces alone, and takes a removed translation's record with it", () => {
    const before = { title: "Совещание", summary: "Резюме", translated_from: { title: "oldoldoldold", summary: "oldoldoldold" } };
    const next: Record<string, unknown> = { title: " Совещание ", translated_from: { title: "oldoldoldold", summary: "oldoldoldold" } };
    expect(recordTranslatedFrom(next, before, units)).toBe(0);
    expect(next.translated_from).toEqual({ title: "oldoldoldold" });
  });

  it("records under the entry or edition that holds the text", () => {
    const strand: TextUnit = { file: "/data/strands.yaml", at: [0, "title"], key: ["working", "title"], owner: ["working"], name: "title", text: "Working group", markdown: false, home: "/data/strands.yaml", targets: [["strands", 0, "title"]] };
    const next: Record<string, unknown> = { working: { title: "Рабочая группа" } };
    recordTranslatedFrom(next, {}, [strand]);
    expect(next).toEqual({ working: { title: "Рабочая группа", translated_from: { title: fingerprint("Working group") } } });
  });
});
