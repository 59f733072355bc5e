// Computed in JavaScript: string templates here would be compiled again for every page.
// Each language's reports are paginated together (pages.reports): a print page takes its language's model from its report.
export default {
  permalink: (data) => data.report.printUrl,
  eleventyComputed: {
    lang: (data) => data.report.lang,
    site: (data) => data.siteIn[data.report.lang],
  },
};
