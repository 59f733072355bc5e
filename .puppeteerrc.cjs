// The browser is found at run time (see src/pdf/browser.ts); Puppeteer's own
// download is skipped because it is not reachable on every build machine.
module.exports = { skipDownload: true };
