// One feed per language (pagination over `sites`), at its language's address.
// The feed's entries need absolute addresses: without site_url there is no feed.
// A function, because a string permalink renders `false` as the text "false".
export default {
  permalink: (data) => (data.site.siteUrl ? data.site.urls.feed : false),
  eleventyComputed: {
    lang: (data) => data.site.lang,
  },
};
