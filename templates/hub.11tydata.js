// Computed in JavaScript: string templates here would be compiled again for every page.
export default {
  permalink: (data) => data.hub.url,
  eleventyComputed: {
    title: (data) => data.hub.title,
    description: (data) => `Every activity of the ${data.site.organisation} under ${data.hub.title}, newest first.`,
  },
};
