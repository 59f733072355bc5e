import { loadDataOrThrow } from "../data/load.ts";
import { drawPictures } from "../pictures/index.ts";
import { buildSite, type SiteModel } from "../report/model.ts";
import type { Settings } from "../settings.ts";

/** What templates get as `site`: the model, with its pictures drawn. */
export type SiteData = ReturnType<typeof drawPictures>;

let handedOver: { settings: Settings; site: SiteModel } | undefined;

/** The CLI has validated the data already: the next Eleventy run uses its model instead of reading the files again. */
export function handOver(settings: Settings, site: SiteModel): void {
  handedOver = { settings, site };
}

function sameSettings(a: Settings, b: Settings): boolean {
  return a.dataDir === b.dataDir && a.year === b.year;
}

/** The `site` global of every template. */
export async function siteData(settings: Settings): Promise<SiteData> {
  const given = handedOver && sameSettings(handedOver.settings, settings) ? handedOver.site : undefined;
  handedOver = undefined;
  const site = given ?? buildSite((await loadDataOrThrow(settings.dataDir)).data, { year: settings.year });
  return drawPictures(site);
}
