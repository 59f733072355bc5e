/** For the print measurements only (imported lazily, so that the site builds' memory does not include them). */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readFile } from "node:fs/promises";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import sirv from "sirv";

export async function pdfPageCount(file: string): Promise<number> {
  const data = new Uint8Array(await readFile(file));
  const doc = await getDocument({ data, useSystemFonts: false, isEvalSupported: false }).promise;
  try {
    return doc.numPages;
  } finally {
    await doc.destroy();
  }
}

/**
 * A plain static file server on a loopback port, for the reference prints:
 * independent of the project's own server, so that a change there shows in our
 * figures and not in the floor.
 */
export async function serveStatic(dir: string): Promise<{ origin: string; close(): Promise<void> }> {
  const files = sirv(dir, { dev: true, etag: false });
  const server: Server = createServer((req, res) =>
    files(req, res, () => {
      res.statusCode = 404;
      res.end();
    }));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
