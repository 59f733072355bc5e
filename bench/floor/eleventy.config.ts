/**
 * The floor of the framework: a bare Eleventy build that renders
 * BENCH_FLOOR_PAGES pages from one trivial Nunjucks template into
 * BENCH_FLOOR_OUTPUT. No data files, filters, layouts or passthrough copies.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

interface FloorConfig {
  addGlobalData(name: string, value: unknown): void;
}

export default function configure(config: FloorConfig) {
  const pages = Number(process.env.BENCH_FLOOR_PAGES ?? "1");
  config.addGlobalData("items", Array.from({ length: pages }, (_, i) => i + 1));
  return {
    dir: { input: here, output: process.env.BENCH_FLOOR_OUTPUT ?? path.join(here, "../.data/floor") },
    templateFormats: ["njk"],
    htmlTemplateEngine: "njk",
  };
}
