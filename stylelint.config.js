// The style sheets' linter: stylelint-config-standard, whose rules catch unknown properties and descriptors,
// invalid values, duplicate selectors and properties, and a later selector of lower specificity that a rule
// before it would override. The logical directions (no physical left or right) are checked by
// tests/unit/logical-css.test.ts, which reads the CSS of the templates and of src/ too. `npm run lint`.
export default {
  extends: ["stylelint-config-standard"],
  languageOptions: {
    syntax: {
      // Chromium prints a page's logical margins, mirrored on a page written right to left; Paged Media lists only the physical ones.
      atRules: { page: { descriptors: { "margin-block": "<'margin-block'>", "margin-inline": "<'margin-inline'>" } } },
    },
  },
  rules: {
    // Layout, not defects: the sheets hold one rule a line, grouped under the comments that explain them.
    "declaration-block-single-line-max-declarations": null,
    "comment-empty-line-before": null,
    "at-rule-empty-line-before": null,
    "rule-empty-line-before": null,
    "declaration-empty-line-before": null,
    // min-width and max-width reach the browsers before 2023 (Safari 16.4) that know no range syntax.
    "media-feature-range-notation": "prefix",
    // Safari on iOS knows text-size-adjust only with its prefix.
    "property-no-vendor-prefix": [true, { ignoreProperties: ["-webkit-text-size-adjust"] }],
  },
};
