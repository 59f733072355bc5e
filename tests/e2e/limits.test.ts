/** Data folders at the limits of size: refused at once, with a clear message. */
import { writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadData, MAX_EVENTS } from "../../src/data/load.ts";
import { cleanUp, sampleCopy } from "../helpers/data.ts";

afterAll(cleanUp);

describe("a data folder with too many events", () => {
  it(`refuses more than ${MAX_EVENTS.toLocaleString("en")} events`, async () => {
    const data = await sampleCopy();
    const dir = path.join(data, "events", "bulk");
    await mkdir(dir, { recursive: true });
    for (let i = 0; i <= MAX_EVENTS; i++) writeFileSync(path.join(dir, `e${i}.yaml`), "");
    const result = await loadData(data);
    expect(result.data).toBeUndefined();
    expect(result.diagnostics.map((d) => d.message)).toContain(`there are ${MAX_EVENTS + 10} event files; a report holds at most 100,000`);
  });
});
