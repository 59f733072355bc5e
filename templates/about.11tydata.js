// One page per language (pagination over `sites`), at its language's address.
export default {
  permalink: (data) => data.site.urls.about,
  eleventyComputed: {
    lang: (data) => data.site.lang,
    title: (data) => data.site.language.t("about.title", { organisation: data.site.organisation }),
  },
};
