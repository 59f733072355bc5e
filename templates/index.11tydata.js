// One home page per language (pagination over `sites`), at its language's base.
export default {
  permalink: (data) => data.site.urls.base,
  eleventyComputed: {
    lang: (data) => data.site.lang,
    title: (data) => data.site.language.t("home.title", { organisation: data.site.organisation, title: data.site.title }),
  },
};
