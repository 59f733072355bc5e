// Computed in JavaScript: string templates here would be compiled again for every page.
export default {
  permalink: (data) => data.report.printUrl,
};
