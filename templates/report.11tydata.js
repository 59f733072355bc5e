// Computed in JavaScript: string templates here would be compiled again for every page.
export default {
  permalink: (data) => data.report.url,
  eleventyComputed: {
    title: (data) => data.report.title,
    description: (data) => data.site.language.t("report.description", { title: data.report.title.toLowerCase(), organisation: data.site.organisation }),
  },
};
