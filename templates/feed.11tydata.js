// The feed's entries need absolute addresses: without site_url there is no feed.
// A function, because a string permalink renders `false` as the text "false".
export default {
  permalink: (data) => (data.site.siteUrl ? "/feed.xml" : false),
};
