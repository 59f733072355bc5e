/** Checks shared by the tests of the pictures. */
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { loadDataOrThrow } from "../../src/data/load.ts";
import { inside, intersects, segmentCrosses, touchesDot, type Dot, type Placement, type Size } from "../../src/pictures/labels.ts";
import { buildSite, type ReportView } from "../../src/report/model.ts";
import { put, sampleCopy } from "./data.ts";

/** Every way a placement can go wrong, as sentences, so that a failure says which label and why. */
export function problems(dots: readonly Dot[], labels: readonly Placement[], frame: Size): string[] {
  const found: string[] = [];
  labels.forEach((a, i) => {
    if (!inside(a.box, frame)) found.push(`label ${i} leaves the frame`);
    dots.forEach((dot, j) => {
      if (touchesDot(a.box, dot)) found.push(`label ${i} covers dot ${j}`);
    });
    labels.forEach((b, j) => {
      if (j > i && intersects(a.box, b.box)) found.push(`labels ${i} and ${j} overlap`);
      const l = b.leader;
      if (l && j !== i && segmentCrosses(l.x1, l.y1, l.x2, l.y2, a.box)) found.push(`the leader of label ${j} crosses label ${i}`);
    });
  });
  return found;
}

/** Places beyond the sample's, for maps that span far or crowd close. */
export const MORE_PLACES = `
vienna:
  name: Vienna
  country: AT
  lat: 48.2082
  lon: 16.3738
budapest:
  name: Budapest
  country: HU
  lat: 47.4979
  lon: 19.0402
dhaka:
  name: Dhaka
  country: BD
  lat: 23.8103
  lon: 90.4125
# No coordinates: the map cannot draw it.
herat:
  name: Herat
  country: AF
`;

export interface TestEvent {
  readonly id: string;
  readonly date: string;
  readonly end?: string;
  readonly place?: string;
  readonly type?: string;
  readonly status?: "held" | "planned" | "cancelled";
  readonly title?: string;
  readonly online?: boolean;
}

/**
 * The report of `year` built from the sample data with these events instead
 * of the sample's: a real ReportView, as the pictures get it in a build.
 */
export async function reportOf(year: number, events: readonly TestEvent[], extra: { readonly period?: string } = {}): Promise<ReportView> {
  const dir = await sampleCopy();
  await rm(path.join(dir, "events"), { recursive: true });
  await writeFile(path.join(dir, "places.yaml"), `${await readFile(path.join(dir, "places.yaml"), "utf8")}${MORE_PLACES}`);
  if (extra.period) {
    const report = await readFile(path.join(dir, "report.yaml"), "utf8");
    await writeFile(path.join(dir, "report.yaml"), report.replace(/^editions:\n/m, `editions:\n  ${year}:\n    period: ${extra.period}\n`));
  }
  for (const e of events) {
    const lines = [
      `title: ${JSON.stringify(e.title ?? `Meeting ${e.id}`)}`,
      `type: ${e.type ?? "working-group-meeting"}`,
      `date: ${JSON.stringify(e.date)}`,
      ...(e.end ? [`end: ${JSON.stringify(e.end)}`] : []),
      ...(e.place ? [`place: ${e.place}`] : []),
      ...(e.online ? ["online: true"] : []),
      ...(e.status ? [`status: ${e.status}`] : []),
      `report_year: ${year}`,
      "strands: [silk-routes-working-group]",
      "summary: A meeting.",
    ];
    await put(dir, `events/${year}/${e.id}.yaml`, `${lines.join("\n")}\n`);
  }
  const { data } = await loadDataOrThrow(dir);
  const report = buildSite(data).reports.find((r) => r.year === year);
  if (!report) throw new Error(`no report of ${year}`);
  return report;
}
