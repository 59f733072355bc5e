import { describe, expect, it } from "vitest";
import { writableFile } from "../../../../src/dev/editor/paths.ts";

const pathOf = (relative: unknown) => {
  const check = writableFile(relative);
  return check.ok ? `${check.file.kind} ${check.file.path}` : `refused: ${check.reason}`;
};

describe("writableFile", () => {
  it("names an event in its year folder, a reference file, a picture and a document", () => {
    expect(pathOf("events/2018/2018-05-07-sarajevo.yaml")).toBe("event events/2018/2018-05-07-sarajevo.yaml");
    expect(pathOf("places.yaml")).toBe("reference places.yaml");
    expect(pathOf("images/cover-2018.jpg")).toBe("image images/cover-2018.jpg");
  });

  it("files a new event, whose folder the form names by its whole date, under the date's year", () => {
    expect(pathOf("events/2019-03-14/2019-03-14-ankara-meeting.yaml")).toBe("event events/2019/2019-03-14-ankara-meeting.yaml");
    expect(pathOf("events/2019-03/2019-03-pakistan-training.yaml")).toBe("event events/2019/2019-03-pakistan-training.yaml");
    // Only a date: any other folder is refused, as before.
    expect(pathOf("events/2019-3-14/x.yaml")).toMatch(/^refused: .*an event file is events\/<year>\/<name>\.yaml/);
    expect(pathOf("events/2019-03-14-x/x.yaml")).toMatch(/^refused: /);
  });

  it("names the translation of an event or of a reference file, with the English file it translates", () => {
    const of = (relative: string) => {
      const check = writableFile(relative);
      return check.ok && check.file.kind === "translation" ? `${check.file.of} ${check.file.english} ${check.file.lang}` : check.ok ? check.file.kind : `refused: ${check.reason}`;
    };
    expect(of("events/2018/2018-05-07-sarajevo.ru.yaml")).toBe("event events/2018/2018-05-07-sarajevo.yaml ru");
    expect(of("events/2019-03-14/2019-03-14-ankara.ar.yaml")).toBe("event events/2019/2019-03-14-ankara.yaml ar");
    expect(of("strands.ru.yaml")).toBe("reference strands.yaml ru");
    expect(of("report.pt-BR.yaml")).toBe("reference report.yaml pt-BR");
    // English is the file itself; no translation of a file that has none.
    expect(of("events/2018/2018-05-07-sarajevo.en.yaml")).toMatch(/^refused: .*the English texts are the event's file itself/);
    expect(of("strands.en.yaml")).toMatch(/^refused: /);
    for (const bad of ["notes.ru.yaml", "events/2018/x.RU.yaml", "events/2018/x.ru.yml", "events/x.ru.yaml", "images/x.ru.yaml"]) expect(of(bad), bad).toMatch(/^refused: /);
  });

  it("refuses what leads out of the folder, hidden names, other folders and kinds", () => {
    for (const bad of ["", "/etc/passwd", "events//x.yaml", "events/2018/../../x.yaml", "events/2018/.x.yaml", "images/a/b.png", "notes.txt", "events/2018/UPPER.yaml", "events/2018/x.yml", "images/x.exe", 42]) {
      expect(pathOf(bad), String(bad)).toMatch(/^refused: /);
    }
  });
});
