// Computed in JavaScript: string templates here would be compiled again for every page.
// Each language's events are paginated together (pages.events): a page takes its language and that language's model from its event.
export default {
  permalink: (data) => data.event.url,
  eleventyComputed: {
    lang: (data) => data.event.lang,
    site: (data) => data.siteIn[data.event.lang],
    // The model's language: the words of its own sentences.
    title: (data) => data.siteIn[data.event.lang].language.t("event.page.title", { title: data.event.title, dateline: data.event.dateline }),
    description: (data) => data.siteIn[data.event.lang].language.t("event.page.description", { type: data.event.type.label, dateline: data.event.dateline }),
  },
};
