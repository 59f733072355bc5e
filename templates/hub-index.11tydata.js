// Computed in JavaScript: string templates here would be compiled again for every page.
export default {
  permalink: (data) => data.index.url,
  eleventyComputed: {
    title: (data) => data.index.title,
  },
};
