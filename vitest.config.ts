import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    setupFiles: ["tests/setup.ts"],
    globalSetup: ["tests/global-setup.ts"],
    // The end-to-end tests start Chromium; give them room on a shared 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
