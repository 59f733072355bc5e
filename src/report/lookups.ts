/** The reference lists of the data as the views need them: by id, with the address of each one's page. */
import type { DataSet } from "../data/load.ts";
import { entryOf } from "../data/lookup.ts";
import type { EventType, Strand, Topic } from "../data/schema.ts";
import { countryName } from "./countries.ts";
import { hubUrl } from "./urls.ts";
import type { HubKind, PlaceView } from "./views.ts";

export interface Lookups {
  readonly strands: ReadonlyMap<string, Strand & { readonly url: string }>;
  readonly types: ReadonlyMap<string, EventType & { readonly url: string }>;
  readonly topics: ReadonlyMap<string, Topic & { readonly url: string }>;
  country(code: string): PlaceView["country"];
  place(id: string | undefined): PlaceView | undefined;
}

export function lookups(data: DataSet): Lookups {
  const withUrl = <T extends { id: string }>(kind: HubKind, list: readonly T[]) =>
    new Map(list.map((item) => [item.id, { ...item, url: hubUrl(kind, item.id) }]));
  const country = (code: string) => ({ code, name: countryName(code, data.countries), url: hubUrl("countries", code) });
  return {
    strands: withUrl("strands", data.strands),
    types: withUrl("types", data.eventTypes),
    topics: withUrl("topics", data.topics),
    country,
    place(id) {
      const found = id === undefined ? undefined : entryOf(data.places, id);
      if (!found || id === undefined) return undefined;
      return { id, name: found.name, localName: found.local_name, country: country(found.country), lat: found.lat, lon: found.lon };
    },
  };
}
