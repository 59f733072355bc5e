// A sitemap lists absolute addresses: without site_url there is none.
// A function, because a string permalink renders `false` as the text "false".
export default {
  permalink: (data) => (data.site.siteUrl ? "/sitemap.xml" : false),
};
