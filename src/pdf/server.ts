import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import sirv from "sirv";

export interface LoopbackServer {
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  close(): Promise<void>;
}

/**
 * Serves the built site on a free loopback port, under `prefix` (as settings
 * normalise it: `/` or `/reports/`), for the printer: never reachable from
 * another machine.
 */
export async function serveFolder(dir: string, prefix = "/"): Promise<LoopbackServer> {
  const files = sirv(dir, { dev: true, etag: false, dotfiles: false });
  const server: Server = createServer((req, res) => {
    const url = req.url ?? "/";
    if (!url.startsWith(prefix)) {
      res.statusCode = 404;
      res.end();
      return;
    }
    req.url = `/${url.slice(prefix.length)}`;
    files(req, res, () => {
      res.statusCode = 404;
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
