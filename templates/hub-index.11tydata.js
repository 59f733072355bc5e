// Computed in JavaScript: string templates here would be compiled again for every page.
// Each language's indexes are paginated together (pages.hubIndexes): a page takes its language and that language's model from its index.
export default {
  permalink: (data) => data.index.url,
  eleventyComputed: {
    lang: (data) => data.index.lang,
    site: (data) => data.siteIn[data.index.lang],
    title: (data) => data.index.title,
  },
};
