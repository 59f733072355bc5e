// Computed in JavaScript: string templates here would be compiled again for every page.
// Each language's reports are paginated together (pages.reports): a page takes its language and that language's model from its report.
export default {
  permalink: (data) => data.report.url,
  eleventyComputed: {
    lang: (data) => data.report.lang,
    site: (data) => data.siteIn[data.report.lang],
    title: (data) => data.report.title,
    description: (data) => data.siteIn[data.report.lang].language.t("report.description", { title: data.report.title.toLowerCase(), organisation: data.siteIn[data.report.lang].organisation }),
  },
};
