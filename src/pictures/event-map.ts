/**
 * Where a year's events took place, as an SVG map drawn at build time with
 * d3-geo and the Natural Earth shapes of world-atlas, framed around the
 * year's places. Online events are listed beside it; a table gives the same
 * places and numbers to screen readers.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { geoMercator, geoPath } from "d3-geo";
import type { Feature, FeatureCollection, Geometry } from "geojson";
import countryCodes from "i18n-iso-countries";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import type { ReportView } from "../report/model.ts";
import { escapeXml } from "../format/text.ts";
import { r, svgOpen } from "./svg.ts";

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

/** The frame around the places, padded and at least MIN_SPAN wide. */
export function frameOf(points: readonly [number, number][]): [[number, number], [number, number]] {
  const lons = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  let [west, east, south, north] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const widen = (low: number, high: number, min: number): [number, number] => {
    const span = Math.max(min, (high - low) * 1.3);
    const mid = (low + high) / 2;
    return [mid - span / 2, mid + span / 2];
  };
  [west, east] = widen(west, east, MIN_SPAN.lon);
  [south, north] = widen(south, north, MIN_SPAN.lat);
  return [[Math.max(-180, west), Math.max(-80, south)], [Math.min(180, east), Math.min(84, north)]];
}

export function eventMap(report: ReportView): string {
  const located = report.places.filter((p) => p.place.lat !== undefined && p.place.lon !== undefined);
  const online = report.onlineEvents;
  const onlineList = online.length
    ? `<div class="map-online"><p class="note">Held online:</p><ul>${online.map((e) => `<li><a href="${escapeXml(e.url)}">${escapeXml(e.title)}</a>, ${escapeXml(e.dateText)}</li>`).join("")}</ul></div>`
    : "";
  if (located.length === 0) return onlineList;

  const points = located.map((p) => [p.place.lon!, p.place.lat!] as [number, number]);
  const [[west, south], [east, north]] = frameOf(points);
  const frame = { type: "MultiPoint" as const, coordinates: [[west, south], [east, north], [west, north], [east, south]] };
  const projection = geoMercator().fitExtent([[PAD, PAD], [WIDTH - PAD, HEIGHT - PAD]], frame).clipExtent([[0, 0], [WIDTH, HEIGHT]]);
  const path = geoPath(projection).digits(1);
  const hosts = new Set(located.map((p) => p.place.country.code));

  const parts: string[] = [];
  const names = located.map((p) => `${p.place.name} (${p.events.length})`).join(", ");
  parts.push(svgOpen(`map-${report.year}`, WIDTH, HEIGHT, `Where the activities of ${report.year} took place`, `Map of the places of the year's activities, with the number held in each: ${names}.`, "map"));
  parts.push(`<rect width="${WIDTH}" height="${HEIGHT}" fill="#f4f4f4"/>`);
  parts.push('<g stroke="#fff" stroke-width="0.6">');
  for (const country of worldCountries()) {
    const d = path(country);
    if (!d) continue;
    const code = country.id === undefined ? undefined : countryCodes.numericToAlpha2(String(country.id));
    parts.push(`<path d="${d}" fill="${code && hosts.has(code) ? "#c2c2c2" : "#e2e2e2"}"/>`);
  }
  parts.push("</g>");
  parts.push('<g font-size="12" fill="#111">');
  for (const { place, events } of located) {
    const [x, y] = projection([place.lon!, place.lat!])!;
    const radius = 3 + 2 * Math.sqrt(events.length);
    const right = x < WIDTH - 120;
    parts.push(`<circle cx="${r(x)}" cy="${r(y)}" r="${r(radius)}" fill="#111" stroke="#fff" stroke-width="1.5"/>`);
    parts.push(
      `<text x="${r(right ? x + radius + 4 : x - radius - 4)}" y="${r(y + 4)}" text-anchor="${right ? "start" : "end"}" stroke="#f4f4f4" stroke-width="3" paint-order="stroke">` +
        `${escapeXml(place.name)}${events.length > 1 ? ` (${events.length})` : ""}</text>`,
    );
  }
  parts.push("</g></svg>");

  const rows = located
    .map((p) => `<tr><th scope="row">${escapeXml(p.place.name)}</th><td>${escapeXml(p.place.country.name)}</td><td class="num">${p.events.length}</td></tr>`)
    .join("");
  const table =
    `<div class="visually-hidden"><table><caption>Places of the activities of ${report.year}</caption>` +
    `<thead><tr><th scope="col">Place</th><th scope="col">Country</th><th scope="col" class="num">Activities</th></tr></thead><tbody>${rows}</tbody></table></div>`;
  return (
    `<figure class="picture picture-map">${parts.join("")}` +
    `<figcaption class="map-credit">Country shapes: Natural Earth. The boundaries shown do not imply endorsement or acceptance.</figcaption></figure>` +
    `${table}${onlineList}`
  );
}
