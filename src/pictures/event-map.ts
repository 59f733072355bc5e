/**
 * Where a year's events took place, as an SVG map drawn at build time with
 * d3-geo and the Natural Earth shapes of world-atlas, framed around the
 * year's places. An activity known only by its country is marked by a ring
 * in the middle of that country's shape. Online events are listed beside it,
 * and so is every event the map cannot draw (a place without coordinates, a
 * country too small for the shapes): none is left off without a word. A
 * table gives the same places and numbers to screen readers.
 */
import { english } from "../data/languages/catalogues.ts";
import type { Language } from "../format/language.ts";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { geoArea, geoCentroid, geoMercator, geoPath, type GeoProjection } from "d3-geo";
import type { Feature, FeatureCollection, Geometry, Polygon } from "geojson";
import { isoCountries as countryCodes } from "../data/countries.ts";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import type { EventView, ReportView } from "../report/model.ts";
import { escapeXml } from "../format/text.ts";
import { labelSize, placeLabels, type Dot, type Placement, type Size } from "./labels.ts";
import { NARROW_DRAWING, plate, r, SANS, svgOpen, WIDE_DRAWING } from "./svg.ts";
import { MAP_LATITUDES } from "../data/contract/schema.ts";

const WIDTH = 640;
const HEIGHT = 400;
const PAD = 24;
/** The smallest frame, in degrees, so that a single place still shows its region. */
const MIN_SPAN = { lon: 24, lat: 14 };

type Country = Feature<Geometry, { name: string }>;

let countries: Country[] | undefined;
/** The world's country shapes, read once per process. */
function worldCountries(): Country[] {
  if (!countries) {
    const file = createRequire(import.meta.url).resolve("world-atlas/countries-110m.json");
    const topology = JSON.parse(readFileSync(file, "utf8")) as Topology<{ countries: GeometryCollection<{ name: string }> }>;
    countries = (feature(topology, topology.objects.countries) as FeatureCollection<Geometry, { name: string }>).features;
  }
  return countries;
}

/** A shape's name as world-atlas writes it, to compare with a country's name ("Kosovo*" of countries.yaml is "Kosovo"). */
const shapeName = (name: string) => name.replace(/\*$/, "").trim().toLowerCase();

/**
 * The ISO 3166-1 code of a country shape, by its numeric id; a shape without
 * one (Kosovo, whose code XK is not in ISO 3166-1) is found by its name among
 * `named`, the countries of the map by code.
 */
function shapeCode(shape: Country, named: ReadonlyMap<string, string>): string | undefined {
  if (shape.id !== undefined) return countryCodes.numericToAlpha2(String(shape.id));
  const name = shapeName(shape.properties.name);
  return [...named].find(([, n]) => shapeName(n) === name)?.[0];
}

/**
 * Where a country named alone is marked, as [lon, lat]: the middle of the
 * largest piece of its shape, so that a country with islands or lands far
 * away is marked on its main land. Undefined for a country that the shapes,
 * drawn at 1:110 million, do not hold (a small state).
 */
export function countryCentre(code: string, name: string): [number, number] | undefined {
  const shape = worldCountries().find((c) => shapeCode(c, new Map([[code, name]])) === code);
  const geometry = shape?.geometry;
  const pieces: Polygon[] = geometry?.type === "Polygon" ? [geometry]
    : geometry?.type === "MultiPolygon" ? geometry.coordinates.map((coordinates) => ({ type: "Polygon", coordinates }))
    : [];
  if (pieces.length === 0) return undefined;
  const largest = pieces.reduce((a, b) => (geoArea(b) > geoArea(a) ? b : a));
  const [lon, lat] = geoCentroid(largest);
  return [lon, lat];
}

/**
 * The frame around the places, padded and at least MIN_SPAN wide; `zoom`
 * widens it further, for labels that did not fit in the closer frame.
 */
export function frameOf(points: readonly [number, number][], zoom = 1): [[number, number], [number, number]] {
  const lons = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  let [west, east, south, north] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const widen = (low: number, high: number, min: number): [number, number] => {
    const span = Math.max(min, (high - low) * 1.3) * zoom;
    const mid = (low + high) / 2;
    return [mid - span / 2, mid + span / 2];
  };
  [west, east] = widen(west, east, MIN_SPAN.lon);
  [south, north] = widen(south, north, MIN_SPAN.lat);
  return [[Math.max(-180, west), Math.max(MAP_LATITUDES.south, south)], [Math.min(180, east), Math.min(MAP_LATITUDES.north, north)]];
}

export const LABEL_FONT_SIZE = 12;
/** The frames tried in turn, each wider than the last, until every label fits beside its dot. */
export const ZOOMS: readonly number[] = [1, 1.3, 1.7, 2.2, 3];

export interface MapPlace {
  readonly name: string;
  readonly lon: number;
  readonly lat: number;
  /** How many events were held there: the dot's size and the label's priority. */
  readonly events: number;
}

export interface MapLayout {
  readonly projection: GeoProjection;
  readonly dots: readonly Dot[];
  readonly labels: readonly (Placement & { readonly text: string })[];
}

/** `Vienna`, `Vienna (3)` */
export const mapLabel = (place: MapPlace): string => `${place.name}${place.events > 1 ? ` (${place.events})` : ""}`;

/**
 * The projection, the dots and their labels: the closest frame around the
 * places in which every label finds a free place (labels.ts), so that far
 * apart places and close neighbours are both labelled legibly. The places
 * with most events claim their label's place first; ties keep the given order.
 */
export function mapLayout(places: readonly MapPlace[], size: Size = { width: WIDTH, height: HEIGHT }, zooms = ZOOMS): MapLayout {
  const points = places.map((p) => [p.lon, p.lat] as [number, number]);
  const texts = places.map(mapLabel);
  const sizes = texts.map((t) => labelSize(t, LABEL_FONT_SIZE));
  let best: { layout: MapLayout; misfits: number } | undefined;
  for (const zoom of zooms) {
    const [[west, south], [east, north]] = frameOf(points, zoom);
    const frame = { type: "MultiPoint" as const, coordinates: [[west, south], [east, north], [west, north], [east, south]] };
    const projection = geoMercator().fitExtent([[PAD, PAD], [size.width - PAD, size.height - PAD]], frame).clipExtent([[0, 0], [size.width, size.height]]);
    const dots = places.map((p) => {
      const [x, y] = projection([p.lon, p.lat])!;
      return { x, y, r: 3 + 2 * Math.sqrt(p.events) };
    });
    const placements = placeLabels(dots, sizes, size, places.map((p) => p.events));
    const misfits = placements.filter((p) => !p.fits).length;
    // A wider frame frees the edges but crowds the middle: when none is free of misfits, the one with fewest wins, the closest of equals.
    if (!best || misfits < best.misfits) best = { layout: { projection, dots, labels: placements.map((p, i) => ({ ...p, text: texts[i]! })) }, misfits };
    if (misfits === 0) break;
  }
  return best!.layout;
}

/** The size of the map for narrow screens, where the wide one would be shrunk until its labels could not be read. */
export const NARROW = { width: 360, height: 320 } as const;

type Located = { readonly place: ReportView["places"][number]["place"]; readonly events: readonly EventView[]; readonly at: readonly [lon: number, lat: number] };

/** One drawing of the map at `size`; `id` names its title and description. */
function drawing(year: number, located: readonly Located[], size: Size, id: string, className: string, digits: number, language: Language): string {
  const { projection, dots, labels } = mapLayout(located.map((p) => ({ name: p.place.name, lon: p.at[0], lat: p.at[1], events: p.events.length })), size);
  const path = geoPath(projection).digits(digits);
  const hosts = new Map(located.map((p) => [p.place.country.code, p.place.country.name]));

  const parts: string[] = [];
  const names = located.map((p) => language.t("pictures.map.place", { name: p.place.name, n: p.events.length })).join(", ");
  parts.push(svgOpen(id, size.width, size.height, language.t("pictures.map.title", { year: String(year) }), language.t("pictures.map.description", { names }), className));
  parts.push(`<rect width="${size.width}" height="${size.height}" fill="#f4f4f4"/>`);
  parts.push('<g stroke="#fff" stroke-width="0.6">');
  for (const country of worldCountries()) {
    const d = path(country);
    if (!d) continue;
    const code = shapeCode(country, hosts);
    parts.push(`<path d="${d}" fill="${code && hosts.has(code) ? "#c2c2c2" : "#e2e2e2"}"/>`);
  }
  parts.push("</g>");
  // Every dot before any label, so that no dot is drawn over a label. A place is a dot; a country named alone, a ring.
  const marks = (kind: Located["place"]["kind"]) => dots.flatMap((dot, i) => (located[i]!.place.kind === kind ? [`<circle cx="${r(dot.x)}" cy="${r(dot.y)}" r="${r(dot.r)}"/>`] : []));
  parts.push(`<g fill="#111" stroke="#fff" stroke-width="1.5">${marks("place").join("")}</g>`);
  const rings = marks("country");
  if (rings.length > 0) parts.push(`<g fill="#fff" stroke="#111" stroke-width="2.5">${rings.join("")}</g>`);
  const leaders = labels.flatMap(({ leader: l }) => (l ? [`<line x1="${r(l.x1)}" y1="${r(l.y1)}" x2="${r(l.x2)}" y2="${r(l.y2)}"/>`] : []));
  if (leaders.length > 0) parts.push(`<g stroke="#111" stroke-width="0.8">${leaders.join("")}</g>`);
  parts.push('<g fill="#f4f4f4">');
  for (const { box } of labels) parts.push(plate(box));
  parts.push("</g>");
  parts.push(`<g font-size="${LABEL_FONT_SIZE}" font-family="${SANS}" fill="#111">`);
  for (const label of labels) {
    parts.push(`<text x="${r(label.x)}" y="${r(label.y)}"${label.anchor === "start" ? "" : ` text-anchor="${label.anchor}"`}>${escapeXml(label.text)}</text>`);
  }
  parts.push("</g></svg>");
  return parts.join("");
}

/** Where the map draws a place: its coordinates, or the middle of a country named alone; undefined when it cannot. */
function pointOf(place: Located["place"]): readonly [number, number] | undefined {
  if (place.kind === "country") return countryCentre(place.country.code, place.country.name);
  return place.lat !== undefined && place.lon !== undefined ? [place.lon, place.lat] : undefined;
}

/**
 * A list of activities beside the map, each linked to its entry in the report
 * itself: the same picture is on the year page and in the PDF, where a link
 * to a page of the site would lead to the printer's own server.
 */
function listed(className: string, heading: string, events: readonly EventView[], where: boolean): string {
  // The heading is a message of the catalogue, escaped here like the titles.
  if (events.length === 0) return "";
  const items = events.map((e) => `<li><a href="#${escapeXml(e.anchor)}">${escapeXml(e.title)}</a>, ${escapeXml(where ? e.dateline : e.dateText)}</li>`).join("");
  return `<div class="${className}"><p class="note">${escapeXml(heading)}</p><ul>${items}</ul></div>`;
}

/**
 * The map of the places where the year's activities were held (planned and
 * cancelled ones did not take place), drawn twice: 640 by 400 for print and
 * wide screens, and smaller for phones (the style sheets show one of the
 * two). The table and the lists of activities held online or not drawn are
 * shared.
 */
export function eventMap(report: ReportView, language: Language = english()): string {
  const held = (events: readonly EventView[]) => events.filter((e) => e.status === "held");
  const places = report.places.map((p) => ({ place: p.place, events: held(p.events), at: pointOf(p.place) })).filter((p) => p.events.length > 0);
  const located = places.flatMap(({ place, events, at }): Located[] => (at ? [{ place, events, at }] : []));
  // In the report's order (time), not grouped by place.
  const order = new Map(report.events.map((e, i) => [e.id, i]));
  const unplaced = places.filter((p) => p.at === undefined).flatMap((p) => p.events).sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  const lists = listed("map-online", language.t("pictures.map.online"), held(report.onlineEvents), false) + listed("map-unplaced", language.t("pictures.map.unplaced"), unplaced, true);
  if (located.length === 0) return lists;

  // The shapes of the small drawing are rounded to whole units, a third of a pixel on a phone: it weighs less.
  const wide = drawing(report.year, located, { width: WIDTH, height: HEIGHT }, `map-${report.year}`, `map ${WIDE_DRAWING}`, 1, language);
  const narrow = drawing(report.year, located, NARROW, `map-${report.year}-narrow`, `map ${NARROW_DRAWING}`, 0, language);
  const rows = located
    .map((p) => `<tr><th scope="row">${escapeXml(p.place.kind === "country" ? language.t("pictures.map.noCity", { name: p.place.name }) : p.place.name)}</th><td>${escapeXml(p.place.country.name)}</td><td class="num">${p.events.length}</td></tr>`)
    .join("");
  const table =
    `<div class="visually-hidden"><table><caption>${escapeXml(language.t("pictures.map.tableCaption", { year: String(report.year) }))}</caption>` +
    `<thead><tr><th scope="col">${escapeXml(language.t("pictures.map.tablePlace"))}</th><th scope="col">${escapeXml(language.t("pictures.map.tableCountry"))}</th><th scope="col" class="num">${escapeXml(language.t("pictures.map.tableActivities"))}</th></tr></thead><tbody>${rows}</tbody></table></div>`;
  const rings = located.some((p) => p.place.kind === "country") ? `${language.t("pictures.map.rings")} ` : "";
  return (
    `<figure class="picture picture-map">${wide}${narrow}` +
    `<figcaption class="map-credit">${escapeXml(rings + language.t("pictures.map.credit"))}</figcaption></figure>` +
    `${table}${lists}`
  );
}
