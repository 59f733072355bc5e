// Computed in JavaScript: string templates here would be compiled again for every page.
export default {
  permalink: (data) => data.report.url,
  eleventyComputed: {
    title: (data) => data.report.title,
    description: (data) => `The ${data.report.title.toLowerCase()} of the ${data.site.organisation}: activities, participation and key figures.`,
  },
};
