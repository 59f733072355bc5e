// One page per language (pagination over `sites`), at its language's address: it searches that language's index.
export default {
  permalink: (data) => data.site.urls.search,
  eleventyComputed: {
    lang: (data) => data.site.lang,
    title: (data) => data.site.language.t("search.title"),
  },
};
