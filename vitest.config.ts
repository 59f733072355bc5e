import { availableParallelism } from "node:os";
import { configDefaults, defineConfig } from "vitest/config";

// Four projects. "unit": pure and fast, no browser, no child process, no encoding at full size (`npm run test:unit`).
// "integration": one module against the real tools it drives (libvips encoding camera-sized photos, npm, other
// processes), no site built. "e2e": CLI builds, PDFs, browsers, faults, sharing the builds of the global setup.
// "e2e-alone": the end-to-end files that change the project itself, after all the others. `npm test` runs all four.

/**
 * Files at a time in the integration and end-to-end projects (which run together): at least two. Their files mostly
 * wait on what they start, and a build or a browser keeps about one core busy, so that one file at a time (Vitest's
 * default on two cores: a core fewer than the machine has) leaves the second core idle.
 */
const PROCESS_WORKERS = Math.max(2, availableParallelism() - 1);

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          // Pure work in the worker itself, no process of its own to wait for: one file on every core, ahead of the rest.
          maxWorkers: availableParallelism(),
          // The files of a worker share its module cache: src/ is loaded once per worker, not once per file
          // (a third of the unit run). tests/unit/suite.test.ts keeps processes out; no file changes global state it does not restore.
          isolate: false,
          sequence: { groupOrder: 0 },
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          sequence: { groupOrder: 1 },
          maxWorkers: PROCESS_WORKERS,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          exclude: [...configDefaults.exclude, "tests/e2e/alone/**"],
          // Eleventy imports .eleventy.ts with Node's own import(), which the tests that run it in-process need tsx for.
          setupFiles: ["tests/setup.ts"],
          sequence: { groupOrder: 1 },
          maxWorkers: PROCESS_WORKERS,
          globalSetup: ["tests/global-setup.ts"],
          // The end-to-end tests start Chromium; give them room on a shared 2-core machine.
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e-alone",
          include: ["tests/e2e/alone/**/*.test.ts"],
          // A source file touched restarts every preview running from this project (those of the e2e files too)
          // and makes each command compile itself again: after every other file, one at a time.
          sequence: { groupOrder: 2 },
          maxWorkers: 1,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
