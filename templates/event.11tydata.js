// Computed in JavaScript: string templates here would be compiled again for every page.
export default {
  permalink: (data) => data.event.url,
  eleventyComputed: {
    // The model's language: the words of its own sentences.
    title: (data) => data.site.language.t("event.page.title", { title: data.event.title, dateline: data.event.dateline }),
    description: (data) => data.site.language.t("event.page.description", { type: data.event.type.label, dateline: data.event.dateline }),
  },
};
