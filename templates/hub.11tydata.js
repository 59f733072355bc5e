// Computed in JavaScript: string templates here would be compiled again for every page.
// Each language's hubs are paginated together (pages.hubs): a page takes its language and that language's model from its hub.
export default {
  permalink: (data) => data.hub.url,
  eleventyComputed: {
    lang: (data) => data.hub.lang,
    site: (data) => data.siteIn[data.hub.lang],
    title: (data) => data.hub.title,
    description: (data) => data.siteIn[data.hub.lang].language.t("hub.description", { organisation: data.siteIn[data.hub.lang].organisation, title: data.hub.title }),
  },
};
