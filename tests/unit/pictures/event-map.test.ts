import { afterAll, describe, expect, it } from "vitest";
import { countryCentre, eventMap, frameOf, mapLayout, NARROW, type MapPlace } from "../../../src/pictures/event-map.ts";
import { inside } from "../../../src/pictures/labels.ts";
import { MAP_LATITUDES } from "../../../src/data/contract/schema.ts";
import { cleanUp } from "../../helpers/data.ts";
import { problems, reportOf } from "../../helpers/pictures.ts";

afterAll(cleanUp);

const FRAME = { width: 640, height: 400 };
const CITIES: Record<string, [lat: number, lon: number]> = {
  Vienna: [48.21, 16.37],
  Budapest: [47.5, 19.04],
  Dhaka: [23.81, 90.41],
  Istanbul: [41.01, 28.98],
  Ankara: [39.93, 32.86],
  Sarajevo: [43.86, 18.41],
  Tehran: [35.69, 51.39],
  Islamabad: [33.68, 73.05],
  Lahore: [31.55, 74.34],
  Erbil: [36.19, 44.01],
};
const places = (names: readonly string[], events: (i: number) => number = () => 1): MapPlace[] =>
  names.map((name, i) => ({ name, lat: CITIES[name]![0], lon: CITIES[name]![1], events: events(i) }));

/** What is wrong with a map's layout: the label problems, and dots that leave the frame. */
function mapProblems(layout: ReturnType<typeof mapLayout>, frame: { width: number; height: number } = FRAME): string[] {
  const dots = layout.dots.flatMap((d, i) => (inside({ x: d.x - d.r, y: d.y - d.r, width: 2 * d.r, height: 2 * d.r }, frame) ? [] : [`dot ${i} leaves the frame`]));
  return [...dots, ...problems(layout.dots, layout.labels, frame)];
}

describe("the map's labels", () => {
  const cases: [string, string[], (i: number) => number][] = [
    ["Vienna and Budapest, close together", ["Vienna", "Budapest"], () => 1],
    ["Vienna and Dhaka, far apart", ["Vienna", "Dhaka"], () => 1],
    ["Istanbul and Ankara in one frame", ["Istanbul", "Ankara"], (i) => 3 - i],
    ["Vienna, Dhaka and Budapest: two close, one far", ["Vienna", "Dhaka", "Budapest"], (i) => [4, 1, 2][i]!],
    ["Islamabad and Lahore with Tehran and Erbil", ["Tehran", "Islamabad", "Lahore", "Erbil"], (i) => i + 1],
    ["all ten places at once", Object.keys(CITIES), (i) => (i % 3) + 1],
  ];
  for (const [name, names, events] of cases) {
    it(`overlap neither each other nor a dot, and stay in the frame: ${name}`, () => {
      const layout = mapLayout(places(names, events));
      expect(mapProblems(layout)).toEqual([]);
      expect(layout.labels.every((l) => l.fits)).toBe(true);
      // The phone's drawing is smaller for labels of the same size.
      const narrow = mapLayout(places(names, events), NARROW);
      expect(mapProblems(narrow, NARROW)).toEqual([]);
    });
  }

  it("would have covered a dot had each label gone to the right of its dot, as they used to", () => {
    // The case the placement is for: Vienna's label, to its right, runs over Budapest.
    const layout = mapLayout(places(["Vienna", "Budapest", "Dhaka"]));
    const right = layout.dots.map((d, i) => ({ ...layout.labels[i]!, box: { ...layout.labels[i]!.box, x: d.x + d.r + 4, y: d.y - layout.labels[i]!.box.height / 2 } }));
    expect(problems(layout.dots, right, FRAME).length).toBeGreaterThan(0);
    expect(problems(layout.dots, layout.labels, FRAME)).toEqual([]);
  });

  it("are named with the number of events when there were several", () => {
    const layout = mapLayout(places(["Vienna", "Budapest"], (i) => [3, 1][i]!));
    expect(layout.labels.map((l) => l.text)).toEqual(["Vienna (3)", "Budapest"]);
  });
});

describe("frameOf", () => {
  it("holds every place, at least 24° by 14° around a single one", () => {
    const [[west, south], [east, north]] = frameOf([[16.37, 48.21]]);
    expect(east - west).toBeCloseTo(24, 6);
    expect(north - south).toBeCloseTo(14, 6);
    const points: [number, number][] = [[16.37, 48.21], [90.41, 23.81], [19.04, 47.5]];
    const [[w, s], [e, n]] = frameOf(points);
    for (const [lon, lat] of points) expect(lon > w && lon < e && lat > s && lat < n).toBe(true);
  });

  it("draws a place at the farthest latitudes data may give inside the drawing, never at infinity", () => {
    for (const lat of [MAP_LATITUDES.north, MAP_LATITUDES.south]) {
      const layout = mapLayout([{ name: "Far", lat, lon: 20, events: 1 }, { name: "Near", lat: lat / 2, lon: 30, events: 1 }]);
      for (const dot of layout.dots) {
        expect(dot.x >= 0 && dot.x <= 640 && dot.y >= 0 && dot.y <= 400, `${lat}: ${dot.x}, ${dot.y}`).toBe(true);
      }
    }
  });

  it("widens with zoom, around the same middle", () => {
    const [[w1, s1], [e1, n1]] = frameOf([[28.98, 41.01], [32.86, 39.93]]);
    const [[w2, s2], [e2, n2]] = frameOf([[28.98, 41.01], [32.86, 39.93]], 2);
    expect(e2 - w2).toBeCloseTo(2 * (e1 - w1), 6);
    expect(n2 - s2).toBeCloseTo(2 * (n1 - s1), 6);
    expect((w2 + e2) / 2).toBeCloseTo((w1 + e1) / 2, 6);
  });

  it("is widened by the map until every label fits, and only then", () => {
    // Six places in a row with names of 36 characters: in the closest frame their labels find no room between the dots.
    const row = Array.from({ length: 6 }, (_, i) => ({ name: `Place ${i} ${"with a long name".padEnd(28, "m")}`, lat: 40, lon: 10 + i * 15, events: 1 }));
    const closest = mapLayout(row, FRAME, [1]);
    expect(closest.labels.some((l) => !l.fits)).toBe(true);
    const widened = mapLayout(row);
    expect(mapProblems(widened)).toEqual([]);
    expect(widened.labels.every((l) => l.fits)).toBe(true);
    expect(widened.projection.scale()).toBeLessThan(closest.projection.scale());
    // A frame in which the labels fit is kept: three of the places need no widening.
    const few = row.filter((_, i) => i % 2 === 0);
    expect(mapLayout(few).projection.scale()).toBe(mapLayout(few, FRAME, [1]).projection.scale());
  });
});

describe("eventMap", () => {
  const events = [
    { id: "vienna-1", date: "2019-02-12", place: "vienna" },
    { id: "vienna-2", date: "2019-03-12", place: "vienna" },
    { id: "budapest", date: "2019-05-16", place: "budapest" },
    { id: "dhaka", date: "2019-09-16", place: "dhaka" },
  ];

  it("draws every dot before any label, and labels each place once, in each of its two drawings", async () => {
    const svg = eventMap(await reportOf(2019, events));
    const drawings = [...svg.matchAll(/<svg class="map (drawing-wide|drawing-narrow)" viewBox="0 0 (\d+ \d+)"[\s\S]*?<\/svg>/g)];
    expect(drawings.map((m) => `${m[1]} ${m[2]}`)).toEqual(["drawing-wide 640 400", "drawing-narrow 360 320"]);
    for (const [drawing] of drawings) {
      expect(drawing.lastIndexOf("<circle")).toBeLessThan(drawing.indexOf("<text"));
      expect([...drawing.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1])).toEqual(["Vienna (2)", "Budapest", "Dhaka"]);
      expect(drawing).toMatch(/<g font-size="12"/);
    }
    expect(svg.match(/<table>/g)).toHaveLength(1);
  });

  it("shows only the places of activities held: a planned or cancelled one did not take place", async () => {
    const svg = eventMap(await reportOf(2019, [
      ...events,
      { id: "planned", date: "2019-11-01", place: "sarajevo", status: "planned" },
      { id: "cancelled", date: "2019-11-02", place: "vienna", status: "cancelled" },
      { id: "online-planned", date: "2019-11-03", online: true, status: "planned", title: "Webinar to come" },
    ]));
    expect(svg).not.toContain("Sarajevo");
    expect(svg).toContain("with the number held in each: Vienna (2), Budapest (1), Dhaka (1).</desc>");
    expect(svg).not.toContain("Webinar to come");
  });

  it("is accessible and greyscale: a title, a description, a table, greys only", async () => {
    const svg = eventMap(await reportOf(2019, events));
    expect(svg).toContain('<title id="map-2019-title">Where the activities of 2019 took place</title>');
    expect(svg).toContain("with the number held in each: Vienna (2), Budapest (1), Dhaka (1).</desc>");
    expect(svg).toContain('<tr><th scope="row">Vienna</th><td>Austria</td><td class="num">2</td></tr>');
    const colours = [...svg.matchAll(/(?:fill|stroke)="#([0-9a-f]{6}|[0-9a-f]{3})"/gi)].map((m) => m[1]!.toLowerCase());
    expect(colours.length).toBeGreaterThan(5);
    for (const c of colours) expect(c.length === 3 ? c[0] === c[1] && c[1] === c[2] : c.slice(0, 2) === c.slice(2, 4) && c.slice(2, 4) === c.slice(4), c).toBe(true);
  });

  it("escapes the text of the data", async () => {
    const svg = eventMap(await reportOf(2019, [...events, { id: "online", date: "2019-10-01", online: true, title: `<b onclick="x">A & B</b>` }]));
    expect(svg).not.toContain("<b ");
    expect(svg).toContain("&lt;b onclick=&quot;x&quot;&gt;A &amp; B&lt;/b&gt;");
  });

  it("is the same, byte for byte, for the same data", async () => {
    expect(eventMap(await reportOf(2019, events))).toBe(eventMap(await reportOf(2019, events)));
  });
});

describe("the map's list of meetings held online", () => {
  it("links to their entries in the report itself, which the year page and the PDF both hold", async () => {
    const report = await reportOf(2018, [{ id: "2018-03-01-online", date: "2018-03-01", online: true, title: "An online meeting" }, { id: "2018-04-01-vienna", date: "2018-04-01", place: "sarajevo" }]);
    const html = eventMap(report);
    expect(html).toContain('<li><a href="#event-2018-03-01-online">An online meeting</a>, 1 March 2018</li>');
    expect(html).not.toContain("/events/");
  });
});

describe("an activity known only by its country (place: PK)", () => {
  it("is marked by a ring in the middle of the country, labelled with its name, and said so under the map", async () => {
    const svg = eventMap(await reportOf(2019, [{ id: "vienna", date: "2019-02-12", place: "vienna" }, { id: "pakistan", date: "2019-03", place: "PK" }]));
    const drawings = [...svg.matchAll(/<svg class="map[\s\S]*?<\/svg>/g)].map((m) => m[0]);
    expect(drawings).toHaveLength(2);
    for (const drawing of drawings) {
      // A dot for the city, a ring (white inside, dark edge) for the country; both before any label.
      expect(drawing.match(/<g fill="#111" stroke="#fff" stroke-width="1.5">(<circle [^>]*>)*<\/g>/)?.[0].match(/<circle/g)).toHaveLength(1);
      expect(drawing.match(/<g fill="#fff" stroke="#111" stroke-width="2.5">(<circle [^>]*>)*<\/g>/)?.[0].match(/<circle/g)).toHaveLength(1);
      expect([...drawing.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1])).toEqual(["Vienna", "Pakistan"]);
      expect(drawing.lastIndexOf("<circle")).toBeLessThan(drawing.indexOf("<text"));
    }
    expect(svg).toContain("with the number held in each: Vienna (1), Pakistan (1).</desc>");
    expect(svg).toContain('<tr><th scope="row">Pakistan, no city given</th><td>Pakistan</td><td class="num">1</td></tr>');
    expect(svg).toContain('<figcaption class="map-credit">A ring marks activities known only by their country, in the middle of it. Country shapes');
    expect(svg).not.toContain("Not shown on the map");
  });

  it("is marked on the country's main land, computed from its shape", () => {
    const [lon, lat] = countryCentre("PK", "Pakistan")!;
    expect(lon).toBeGreaterThan(66);
    expect(lon).toBeLessThan(72);
    expect(lat).toBeGreaterThan(27);
    expect(lat).toBeLessThan(32);
    // France's shape holds French Guiana too; the mark stays in Europe.
    const [frLon, frLat] = countryCentre("FR", "France")!;
    expect(Math.abs(frLon - 2.5)).toBeLessThan(2);
    expect(Math.abs(frLat - 46.5)).toBeLessThan(2);
    // A shape without a numeric code is found by its name, as countries.yaml writes it.
    expect(countryCentre("XK", "Kosovo*")).toBeDefined();
    expect(countryCentre("MT", "Malta")).toBeUndefined();
  });
});

describe("the activities the map cannot draw", () => {
  it("are listed beneath it, with their place and date: none is left off without a word", async () => {
    const report = await reportOf(2019, [
      { id: "vienna", date: "2019-02-12", place: "vienna" },
      { id: "herat", date: "2019-04-02", place: "herat", title: "Meeting in Herat" },
      { id: "malta", date: "2019-03", place: "MT", title: "Seminar in Malta" },
      { id: "planned", date: "2019-11-01", place: "herat", status: "planned", title: "Planned in Herat" },
    ]);
    const html = eventMap(report);
    expect(html).toContain('<div class="map-unplaced"><p class="note">Not shown on the map:</p><ul><li><a href="#event-malta">Seminar in Malta</a>, Malta, March 2019</li><li><a href="#event-herat">Meeting in Herat</a>, Herat, 2 April 2019</li></ul></div>');
    expect(html).not.toContain("Planned in Herat");
    // Without any place it can draw, the map is only the lists.
    const none = eventMap(await reportOf(2019, [{ id: "herat", date: "2019-04-02", place: "herat", title: "Meeting in Herat" }]));
    expect(none).toBe('<div class="map-unplaced"><p class="note">Not shown on the map:</p><ul><li><a href="#event-herat">Meeting in Herat</a>, Herat, 2 April 2019</li></ul></div>');
  });
});
