/**
 * The Content-Security-Policy every published page carries: scripts, styles,
 * fonts and pictures only from the site itself (the search's scripts and
 * its WebAssembly included), nothing inline, no plugins, forms only to the
 * site. docs/security.md explains it; tests load every page under it.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join("; ");
