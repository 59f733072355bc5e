// The linter: rules that catch defects (promises left floating or misused, code never used, values of
// unknown type used unchecked, objects turned into "[object Object]", errors thrown without their cause),
// not matters of style. `npm run lint`.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "output/", "output-*/", "bench/results/", "bench/.data/", "**/*.njk"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { arguments: false } }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      // Style, not defects: an async function without await keeps its promise-returning signature on purpose;
      // the data's checks match control characters and runs of spaces deliberately.
      "@typescript-eslint/require-await": "off",
      "no-control-regex": "off",
      "no-regex-spaces": "off",
      // A plain message replaces a system error on purpose ("the temporary folder … is full"): given as its
      // cause, errors.ts would print the system's words after it again.
      "preserve-caught-error": "off",
    },
  },
  {
    // A function of the sources reads in one screen: a longer one is split where its parts can be named.
    files: ["src/**/*.ts", "src/**/*.js"],
    rules: { "max-lines-per-function": ["error", { max: 80, skipBlankLines: true, skipComments: true }] },
  },
  {
    // Vitest's asymmetric matchers (expect.stringMatching, expect.any) are typed any by design.
    files: ["tests/**/*.ts"],
    rules: { "@typescript-eslint/no-unsafe-assignment": "off" },
  },
  {
    // Plain JavaScript (the commands' entry points, Eleventy's data files, the browser's scripts): no types to check.
    files: ["**/*.js", "**/*.mjs", "**/*.cjs"],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ["**/*.js", "**/*.mjs", "**/*.cjs"],
    languageOptions: {
      globals: {
        process: "readonly", console: "readonly", URL: "readonly", URLSearchParams: "readonly", setTimeout: "readonly", clearTimeout: "readonly",
        MessageChannel: "readonly", document: "readonly", window: "readonly", fetch: "readonly", location: "readonly", PagefindUI: "readonly",
        HTMLElement: "readonly", customElements: "readonly", module: "readonly", require: "readonly", Blob: "readonly", FileReader: "readonly", history: "readonly", navigator: "readonly",
      },
    },
  },
);
