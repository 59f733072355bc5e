// Computed in JavaScript: string templates here would be compiled again for every page.
export default {
  permalink: (data) => data.hub.url,
  eleventyComputed: {
    title: (data) => data.hub.title,
    description: (data) => data.site.language.t("hub.description", { organisation: data.site.organisation, title: data.hub.title }),
  },
};
