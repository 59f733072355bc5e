// Computed in JavaScript: string templates here would be compiled again for every page.
export default {
  permalink: (data) => data.event.url,
  eleventyComputed: {
    title: (data) => `${data.event.title}, ${data.event.dateline}`,
    description: (data) => `${data.event.type.label}, ${data.event.dateline}.`,
  },
};
