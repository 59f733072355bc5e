/**
 * The live preview's web server: the preview folder, the pages the preview
 * makes on request (see preview.ts), and a stream that tells open pages to
 * reload after each build.
 *
 * It is our own, not Eleventy's dev server (@11ty/eleventy-dev-server),
 * because that one cannot be configured to be safe: it always listens on
 * every address (`listen({ port })`, no host option), answers any Host header,
 * accepts WebSockets from any origin and sends them the absolute paths of
 * changed files, checks paths with a prefix test without a separator (so a
 * sibling folder named like the preview folder is served), and throws out of
 * its request handler on an encoded `..`, broken percent-encoding or an
 * absolute-form target, which ends the process. Fronting it would still leave
 * it listening on the network; patching it means replacing those internals.
 * What the preview needs of it is small: static files, and a reload.
 */
import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile, realpath, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { hostname, networkInterfaces } from "node:os";
import path from "node:path";
import { isWithin } from "../output.ts";
import { allowedHostNames, isAllowedHost, isAllowedOrigin, isLoopback, isWildcard, LOOPBACK_NAMES, parseTarget, type Target, urlHost } from "./requests.ts";

/** A response made in memory (an error page, a PDF). */
export interface Reply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Uint8Array;
}

export interface PreviewServerOptions {
  /** The folder to serve. */
  readonly root: string;
  readonly host: string;
  /** The port asked for; 0 for any free one. */
  readonly port: number;
  /** The site's path prefix, `/` or e.g. `/reports/`. */
  readonly pathPrefix: string;
  /** Answers a request before the files do (`segments` are within the path prefix), or leaves it to them. */
  readonly dynamic: (segments: readonly string[], directory: boolean) => Promise<Reply | undefined> | Reply | undefined;
  /**
   * Answers a POST of a JSON body (the editor's saves, `segments` within the path
   * prefix), or leaves it refused. Only requests from this machine reach it.
   */
  readonly post?: (segments: readonly string[], body: unknown) => Promise<Reply | undefined>;
  /** A line for the terminal, and one for its standard error. */
  readonly log: (line: string) => void;
  readonly error: (line: string) => void;
}

export interface PreviewServer {
  /** Where it serves, as a browser opens it: `http://127.0.0.1:8080/`. */
  readonly urls: readonly string[];
  readonly port: number;
  /** Tells every open page that a build has ended (it reloads). */
  changed(): void;
  close(): Promise<void>;
}

/** Ports tried after the one asked for, when it is taken (as Eleventy's dev server does). */
const PORT_ATTEMPTS = 10;

/** The preview's own URLs: names starting with a dot are never files of the site (see parseTarget). */
const RELOAD_SCRIPT_URL = "/.preview/reload.js";
const CHANGES_URL = "/.preview/changes";

/**
 * Reloads the page once it was built by another build than the current one.
 * The page names its build in the script's URL; the stream sends the current
 * build's id when it opens and after each build (a preview that restarted
 * has new ids). An external script, so that the pages keep their
 * Content-Security-Policy.
 */
const RELOAD_SCRIPT = `const built = new URL(import.meta.url).searchParams.get("build");
new EventSource(${JSON.stringify(CHANGES_URL)}).onmessage = (event) => {
  if (event.data !== built) location.reload();
};
`;

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".otf": "font/otf",
  ".pdf": "application/pdf",
  ".wasm": "application/wasm",
};

const COMMON_HEADERS = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" } as const;

/** The largest body a POST may have: an upload of the largest document the check allows (50 MB), in base64, with room for its JSON. */
export const MAX_POST_BYTES = 70 * 1024 * 1024;

/** Whether a socket's peer is this machine (an IPv4 address may come written as IPv6). */
const fromLoopback = (address: string | undefined) => address !== undefined && isLoopback(address.replace(/^::ffff:/, ""));

/** The body of a request, read up to `max` bytes; undefined when it is longer. */
async function readBody(req: IncomingMessage, max: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function text(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...COMMON_HEADERS, "Content-Type": "text/plain; charset=utf-8", ...headers });
  res.end(`${message}\n`);
}

/** A plain answer on a raw socket, for an upgrade or an unparsable request (which have no response object). */
function answerSocket(socket: Socket, status: number, reason: string, message: string): void {
  const body = `${message}\n`;
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

/** Puts the reload script into a page of build `build`. */
function withReload(html: string, build: string): string {
  const script = `<script type="module" src="${RELOAD_SCRIPT_URL}?build=${encodeURIComponent(build)}"></script>`;
  return html.includes("</head>") ? html.replace("</head>", `${script}</head>`) : `${html}${script}`;
}

/** The file a path names inside `root`, after following links; a folder's `index.html` for a path ending in `/`. */
async function findFile(root: string, segments: readonly string[], directory: boolean): Promise<{ file: string } | { folder: true } | undefined> {
  const realRoot = await realpath(root).catch(() => undefined);
  if (!realRoot) return undefined;
  const real = await realpath(path.join(realRoot, ...segments)).catch(() => undefined);
  if (!real || !isWithin(real, realRoot)) return undefined;
  const info = await stat(real).catch(() => undefined);
  if (info?.isDirectory()) {
    if (!directory) return { folder: true };
    const index = path.join(real, "index.html");
    return (await stat(index).catch(() => undefined))?.isFile() ? { file: index } : undefined;
  }
  return info?.isFile() && !directory ? { file: real } : undefined;
}

async function sendFile(req: IncomingMessage, res: ServerResponse, file: string, build: string, status = 200): Promise<void> {
  const type = TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
  if (type.startsWith("text/html")) {
    const html = withReload(await readFile(file, "utf8"), build);
    res.writeHead(status, { ...COMMON_HEADERS, "Content-Type": type, "Content-Length": Buffer.byteLength(html) });
    res.end(req.method === "HEAD" ? undefined : html);
    return;
  }
  const { size } = await stat(file);
  res.writeHead(status, { ...COMMON_HEADERS, "Content-Type": type, "Content-Length": size });
  if (req.method === "HEAD") return void res.end();
  await new Promise<void>((resolve) => {
    const stream = createReadStream(file);
    stream.on("error", () => res.destroy());
    res.on("close", () => {
      stream.destroy();
      resolve();
    });
    stream.pipe(res);
  });
}

function sendReply(req: IncomingMessage, res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, { ...COMMON_HEADERS, ...reply.headers, "Content-Length": Buffer.byteLength(reply.body) });
  res.end(req.method === "HEAD" ? undefined : reply.body);
}

/** Listens on `host`, on `port` or, if it is taken, on one of the next ports. */
async function listen(server: Server, host: string, port: number, log: (line: string) => void): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const tried = port + attempt;
    try {
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(tried, host, () => {
          server.off("error", reject);
          resolve();
        });
      });
      if (attempt > 0) log(`Port ${port} is in use; the preview serves on port ${(server.address() as AddressInfo).port} instead.`);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EADDRINUSE" && port !== 0 && attempt + 1 < PORT_ATTEMPTS && tried < 65535) continue;
      if (code === "EADDRINUSE") throw new Error(port === 0 ? "no free port" : `ports ${port} to ${tried} are all in use: choose another with --port`);
      if (code === "EADDRNOTAVAIL") throw new Error(`cannot serve on ${host}: it is not an address of this machine`);
      if (code === "ENOTFOUND" || code === "EAI_AGAIN") throw new Error(`cannot serve on ${host}: no such host`);
      if (code === "EACCES") throw new Error(`port ${tried} needs administrator rights: choose one above 1023 with --port`);
      throw error;
    }
  }
}

function machine(): { addresses: string[]; hostname: string } {
  const addresses = Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((a) => a.address));
  return { addresses, hostname: hostname() };
}

/** A path's segments within the site's path prefix (`/reports/`), or undefined for a path outside it. */
function withinPrefix(segments: readonly string[], pathPrefix: string): readonly string[] | undefined {
  const prefix = pathPrefix.split("/").filter(Boolean);
  return prefix.some((name, i) => segments[i] !== name) ? undefined : segments.slice(prefix.length);
}

/** Keeps a page's request for the changes open: it is sent the current build's id now, and each next one (`changed`). */
function openChanges(res: ServerResponse, streams: Set<ServerResponse>, build: string): void {
  res.writeHead(200, { ...COMMON_HEADERS, "Content-Type": "text/event-stream" });
  res.write(`retry: 1000\ndata: ${build}\n\n`);
  streams.add(res);
  res.on("close", () => streams.delete(res));
}

/**
 * Answers a GET of the site's address `target`: a page the preview makes, else a file of the preview folder, else its
 * 404 page; a page names the build current when it is read (`build`).
 */
async function serveSite(req: IncomingMessage, res: ServerResponse, target: Extract<Target, { ok: true }>, options: PreviewServerOptions, build: () => string): Promise<void> {
  const segments = withinPrefix(target.segments, options.pathPrefix);
  if (!segments) {
    if (target.segments.length === 0) return text(res, 302, `The site is at ${options.pathPrefix}`, { Location: options.pathPrefix });
    return text(res, 404, "Not part of the site.");
  }
  const reply = await options.dynamic(segments, target.directory);
  if (reply) return sendReply(req, res, reply);
  const found = await findFile(options.root, segments, target.directory);
  if (found && "folder" in found) return text(res, 301, "Moved", { Location: `${target.path}/${target.query}` });
  if (found) return sendFile(req, res, found.file, build());
  const notFound = await findFile(options.root, ["404.html"], false);
  if (notFound && "file" in notFound) return sendFile(req, res, notFound.file, build(), 404);
  return text(res, 404, "Not found.");
}

/**
 * A POST: from this machine only, whatever address the preview is shared on (on `port`), with a
 * JSON body (which a page of another site cannot send without asking first), of a sane size.
 */
async function answerPost(req: IncomingMessage, res: ServerResponse, answer: NonNullable<PreviewServerOptions["post"]>, pathPrefix: string, port: number): Promise<void> {
  if (!fromLoopback(req.socket.remoteAddress) || !isAllowedHost(req.headers.host, new Set(LOOPBACK_NAMES), port)) {
    return text(res, 403, "The editor saves only from this machine, at a loopback address such as 127.0.0.1.");
  }
  if (!/^application\/json\s*(?:;|$)/i.test(req.headers["content-type"] ?? "")) return text(res, 415, "The editor's requests are JSON.");
  const target = parseTarget(req.url ?? "");
  if (!target.ok) return text(res, target.status, `The preview cannot serve this address: ${target.reason}.`);
  const segments = withinPrefix(target.segments, pathPrefix);
  if (!segments) return text(res, 404, "Not part of the site.");
  const body = await readBody(req, MAX_POST_BYTES);
  if (!body) return text(res, 413, `The request is over ${MAX_POST_BYTES / 1024 / 1024} MB.`, { Connection: "close" });
  let json: unknown;
  try {
    json = JSON.parse(body.toString("utf8"));
  } catch {
    return text(res, 400, "The request is not JSON.");
  }
  const reply = await answer(segments, json);
  if (!reply) return text(res, 405, "The preview only serves pages (GET).", { Allow: "GET, HEAD" });
  return sendReply(req, res, reply);
}

/**
 * Answers what never becomes a request: an upgrade (the preview speaks no WebSocket; refused with the same checks
 * first, `refusal`), and what Node cannot parse (a NUL in the path, headers over 16 KB), answered, never thrown.
 */
function answerRawSockets(server: Server, refusal: (req: IncomingMessage) => string | undefined): void {
  server.on("upgrade", (req: IncomingMessage, socket: Socket) => {
    const refused = refusal(req);
    if (refused) answerSocket(socket, 403, "Forbidden", refused);
    else answerSocket(socket, 400, "Bad Request", "The preview has no WebSocket.");
  });
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable) return void socket.destroy();
    if (error.code === "HPE_HEADER_OVERFLOW") answerSocket(socket, 431, "Request Header Fields Too Large", "The request is too long.");
    else answerSocket(socket, 400, "Bad Request", "The request is malformed.");
  });
}

/** The addresses where a preview listening on `host` and `port` is opened: each of this machine's, for a wildcard host. */
function previewUrls(host: string, port: number, pathPrefix: string): string[] {
  const shown = isWildcard(host)
    ? machine().addresses.filter((a) => (host === "0.0.0.0" ? !a.includes(":") : true)).filter((a) => !a.startsWith("fe80:"))
    : [host];
  return shown.map((address) => `http://${urlHost(address)}:${port}${pathPrefix}`);
}

export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  const streams = new Set<ServerResponse>();
  const run = randomBytes(4).toString("hex");
  let builds = 0;
  const buildId = () => `${run}-${builds}`;
  let names: ReadonlySet<string> = new Set();
  let port = 0;
  let home = "";

  /** Host first: a foreign name gets nothing, not even an error page. Then the origin of the page asking, if any. */
  const refusal = (req: IncomingMessage): string | undefined => {
    if (!isAllowedHost(req.headers.host, names, port)) {
      return `This preview answers only at ${home} (the request named ${JSON.stringify((req.headers.host ?? "no host").slice(0, 100))}).`;
    }
    if (!isAllowedOrigin(req.headers.origin, names, port)) {
      return `This preview does not answer pages of other sites (the request came from ${JSON.stringify(req.headers.origin?.slice(0, 100))}).`;
    }
    return undefined;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const refused = refusal(req);
    if (refused) return text(res, 403, refused);
    if (req.method === "POST" && options.post) return answerPost(req, res, options.post, options.pathPrefix, port);
    if (req.method !== "GET" && req.method !== "HEAD") return text(res, 405, "The preview only serves pages (GET).", { Allow: "GET, HEAD" });
    const raw = req.url ?? "";
    if (raw.split("?")[0] === RELOAD_SCRIPT_URL) return text(res, 200, RELOAD_SCRIPT, { "Content-Type": "text/javascript; charset=utf-8" });
    if (raw === CHANGES_URL) return openChanges(res, streams, buildId());
    const target = parseTarget(raw);
    if (!target.ok) return text(res, target.status, `The preview cannot serve this address: ${target.reason}.`);
    return serveSite(req, res, target, options, buildId);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // Whatever went wrong, this request fails and the preview goes on.
      options.error(`activity-report dev: could not answer ${(req.url ?? "").slice(0, 200)}: ${(error as Error)?.message ?? error}`);
      if (!res.headersSent) text(res, 500, "The preview could not answer this request; see the terminal.");
      else res.destroy();
    });
  });
  answerRawSockets(server, refusal);

  await listen(server, options.host, options.port, options.log);
  port = (server.address() as AddressInfo).port;
  names = allowedHostNames(options.host, machine());
  const urls = previewUrls(options.host, port, options.pathPrefix);
  home = urls[0]!;

  return {
    urls,
    port,
    changed() {
      builds++;
      for (const stream of streams) stream.write(`data: ${buildId()}\n\n`);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
