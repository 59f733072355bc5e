/** The reference lists of the data as the views need them: by id, with the address of each one's page. */
import type { DataSet } from "../data/load.ts";
import { entryOf } from "../data/lookup.ts";
import { placeIsCountry } from "../data/rules/references.ts";
import type { EventType, Strand, Topic } from "../data/contract/schema.ts";
import { countryName } from "../data/countries.ts";
import { goalLabel } from "./goals.ts";
import type { SiteUrls } from "./urls.ts";
import { titleCarriesYears, yearsInForce } from "../data/rules/frameworks.ts";
import type { HubKind } from "./urls.ts";
import type { GoalView, PlaceView, StandIns, TranslationStatus } from "./views.ts";
import { SOURCE_LANGUAGE } from "../format/locale.ts";
import type { Language } from "../format/language.ts";

export interface Lookups {
  /** The language of the names it gives, for sorting them. */
  readonly lang: string;
  /** The addresses of the language's pages. */
  readonly urls: SiteUrls;
  /** Every goal of every framework, by id, in the file's order. */
  readonly goals: ReadonlyMap<string, GoalView>;
  /** The goals of these ids, by framework (in the file's order) and then by number, whatever order they were written in. */
  goalsOf(ids: readonly string[]): GoalView[];
  readonly strands: ReadonlyMap<string, Strand & { readonly url: string }>;
  readonly types: ReadonlyMap<string, EventType & { readonly url: string }>;
  readonly topics: ReadonlyMap<string, Topic & { readonly url: string }>;
  country(code: string): PlaceView["country"];
  /** Whether the report of `year` is a draft. */
  draft(year: number): boolean;
  /** In a language other than English, whether the report of `year` is published in it as final or as a draft. */
  translation(year: number): TranslationStatus | undefined;
  /**
   * The texts of a group (`event:<id>`, `edition:<year>`, `site`: translations.ts) that English stands in for, by their
   * field: the path's first `depth` names (`summary`; `strands.<id>.introduction` at depth 3).
   */
  standIns(group: string, depth?: (path: readonly string[]) => number): StandIns;
  /** A place of places.yaml by its id, or a country by its code (`PK`), as an event's `place` names them. */
  place(id: string | undefined): PlaceView | undefined;
}

export function lookups(data: DataSet, language: Language, urls: SiteUrls): Lookups {
  const withUrl = <T extends { id: string }>(kind: HubKind, list: readonly T[]) =>
    new Map(list.map((item) => [item.id, { ...item, url: urls.hub(kind, item.id) }]));
  const country = (code: string) => ({ code, name: countryName(code, data.countries, data.lang), url: urls.hub("countries", code) });
  const goals = new Map<string, GoalView>();
  for (const f of data.frameworks) {
    const years = yearsInForce(f);
    // A title that names its years already is printed as it is: never "… 2019–2024 (2019–2024)".
    const yearsAfterTitle = titleCarriesYears(f) ? undefined : years;
    const framework = { id: f.id, title: f.title, shortTitle: f.short_title, years, yearsAfterTitle, name: yearsAfterTitle ? language.t("goals.frameworkName", { title: f.title, years }) : f.title };
    for (const g of f.goals) goals.set(g.id, { id: g.id, number: g.number, title: g.title, label: goalLabel(g.number, language), url: urls.hub("goals", g.id), framework });
  }
  const frameworkOrder = new Map(data.frameworks.map((f, i) => [f.id, i]));
  return {
    lang: language.lang,
    urls,
    goals,
    goalsOf: (ids) => ids.map((id) => goals.get(id)!).sort((a, b) => frameworkOrder.get(a.framework.id)! - frameworkOrder.get(b.framework.id)! || a.number - b.number),
    strands: withUrl("strands", data.strands),
    types: withUrl("types", data.eventTypes),
    topics: withUrl("topics", data.topics),
    country,
    draft: (year) => entryOf(data.report.editions, String(year))?.status === "draft",
    translation: (year) => (language.lang === SOURCE_LANGUAGE ? undefined : entryOf(data.report.editions, String(year))?.languages?.[language.lang]),
    standIns(group, depth = () => 1) {
      const fields = (data.untranslated?.get(group) ?? []).map((p) => {
        const path = p.split(".");
        return path.slice(0, depth(path)).join(".");
      });
      return Object.fromEntries(fields.map((field) => [field, SOURCE_LANGUAGE]));
    },
    place(id) {
      if (id === undefined) return undefined;
      const found = entryOf(data.places, id);
      if (found) return { kind: "place", id, name: found.name, localName: found.local_name, country: country(found.country), lat: found.lat, lon: found.lon };
      if (!placeIsCountry(id)) return undefined;
      const named = country(id);
      return { kind: "country", id, name: named.name, country: named };
    },
  };
}
