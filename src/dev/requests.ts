/**
 * What the live preview accepts from a browser, as pure functions: the Host
 * it answers to (so that a page elsewhere whose name has been pointed at this
 * machine, "DNS rebinding", gets nothing), the Origin of a page that talks to
 * it, and the request's path, read strictly so that no spelling of it leads
 * out of the preview folder.
 */
import { isIP } from "node:net";

/** Names a browser on this machine uses for it, whatever the preview is bound to. */
export const LOOPBACK_NAMES: readonly string[] = ["localhost", "127.0.0.1", "[::1]"];

/** Longer paths are refused (414): the site's longest is a fraction of this. */
export const MAX_PATH_LENGTH = 2048;

/** `::1` → `[::1]`: an address as a URL and a Host header write it. */
export function urlHost(address: string): string {
  return isIP(address) === 6 ? `[${address.toLowerCase()}]` : address.toLowerCase();
}

/** 0.0.0.0 and :: stand for every address of the machine. */
export function isWildcard(address: string): boolean {
  return address === "0.0.0.0" || address === "::" || address === "[::]";
}

export function isLoopback(address: string): boolean {
  return address === "localhost" || address === "::1" || address === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(address);
}

/**
 * The host names the preview answers to when bound to `host`: the loopback
 * names, `host` itself, and, bound to every address, each of the machine's
 * addresses and its name.
 */
export function allowedHostNames(host: string, machine: { readonly addresses: readonly string[]; readonly hostname: string }): Set<string> {
  const names = new Set([...LOOPBACK_NAMES, urlHost(host)]);
  if (isWildcard(host)) {
    for (const address of machine.addresses) names.add(urlHost(address));
    names.add(machine.hostname.toLowerCase());
  }
  return names;
}

/** Whether a Host header (or the host of an Origin) names the preview: one of `names`, with the port it serves on. */
export function isAllowedHost(header: string | undefined, names: ReadonlySet<string>, port: number): boolean {
  if (!header) return false;
  const value = header.toLowerCase();
  const colon = value.lastIndexOf(":");
  const [name, given] = colon > value.lastIndexOf("]") ? [value.slice(0, colon), value.slice(colon + 1)] : [value, "80"];
  return names.has(name) && given === String(port);
}

/**
 * Whether a request's Origin, if it has one, is a page of the preview.
 * Browsers send it with requests a page makes to another site (and with
 * every WebSocket); "null" comes from sandboxed frames and local files.
 */
export function isAllowedOrigin(origin: string | undefined, names: ReadonlySet<string>, port: number): boolean {
  if (origin === undefined) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  return url.protocol === "http:" && url.pathname === "/" && url.search === "" && isAllowedHost(url.host, names, port);
}

/** A request's path, read: its decoded segments, or why it is refused. */
export type Target =
  | { readonly ok: true; readonly segments: readonly string[]; readonly directory: boolean; readonly path: string; readonly query: string }
  | { readonly ok: false; readonly status: 400 | 404 | 414; readonly reason: string };

const refuse = (status: 400 | 404 | 414, reason: string): Target => ({ ok: false, status, reason });

/**
 * Reads a request target (`/events/2018/?x`) into decoded path segments.
 * Each segment is decoded once and must then be a plain name: an encoded
 * slash or backslash (`..%2f`), a `.` or `..`, a control character (NUL
 * included) or broken percent-encoding refuse the request, rather than being
 * joined to a folder and checked afterwards. Names starting with a dot (the
 * output marker, the preview's own URLs) are not files of the site.
 */
export function parseTarget(raw: string): Target {
  if (!raw.startsWith("/")) return refuse(400, "the request's target is not a path");
  const end = raw.search(/[?#]/);
  const rawPath = end === -1 ? raw : raw.slice(0, end);
  const query = end === -1 ? "" : raw.slice(end);
  if (rawPath.length > MAX_PATH_LENGTH) return refuse(414, "the path is too long");
  const parts = rawPath.slice(1).split("/");
  const directory = parts.at(-1) === "";
  if (directory) parts.pop();
  const segments: string[] = [];
  for (const part of parts) {
    let name: string;
    try {
      name = decodeURIComponent(part);
    } catch {
      return refuse(400, "the path's percent-encoding is broken");
    }
    if (name === "." || name === "..") return refuse(400, "the path leads out of its folder");
     
    if (/[/\\\x00-\x1f\x7f]/.test(name)) return refuse(400, "a name in the path holds a slash, a backslash or a control character");
    if (name === "") return refuse(404, "the path has an empty name");
    if (name.startsWith(".")) return refuse(404, "names starting with a dot are not part of the site");
    segments.push(name);
  }
  return { ok: true, segments, directory, path: rawPath, query };
}
