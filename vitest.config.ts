import { defineConfig } from "vitest/config";

// Two projects: unit tests (no browser, no site built; `npm run test:unit`) and end-to-end tests (CLI builds,
// PDFs, browsers, faults), which share one build of the sample made by the global setup. `npm test` runs both.
export default defineConfig({
  test: {
    setupFiles: ["tests/setup.ts"],
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], testTimeout: 60_000 },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          globalSetup: ["tests/global-setup.ts"],
          // The end-to-end tests start Chromium; give them room on a shared 2-core machine.
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
