import { spawn, type ChildProcess } from "node:child_process";
import { connect, createServer } from "node:net";
import path from "node:path";
import { ROOT } from "./data.ts";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Preview {
  /** The address the preview printed, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  readonly origin: string;
  readonly host: string;
  readonly port: number;
  readonly url: (p: string) => string;
  readonly log: () => string;
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly stop: () => Promise<number | null>;
  readonly child: ChildProcess;
}

/**
 * Starts `activity-report dev` (on port 0, a free one, unless `args` name a
 * port) and waits until it has printed where it serves and its first build
 * has ended.
 */
export async function startPreview(args: readonly string[], cwd: string): Promise<Preview> {
  const port = args.includes("--port") ? [] : ["--port", "0"];
  const child = spawn(process.execPath, [path.join(ROOT, "bin/activity-report.js"), "dev", ...port, ...args], {
    cwd,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  let log = "";
  child.stdout.on("data", (c: Buffer) => ((stdout += c.toString()), (log += c.toString())));
  child.stderr.on("data", (c: Buffer) => ((stderr += c.toString()), (log += c.toString())));
  const printed = () => /^Preview of .* at (http:\/\/(\S+?):(\d+))\//m.exec(stdout);
  await waitFor(async () => {
    if (child.exitCode !== null) throw new Error(`the preview exited with code ${child.exitCode}:\n${log}`);
    return printed() !== null;
  }, 60_000, () => log);
  const [, origin, host, bound] = printed()!;
  const url = (p: string) => `${origin}${p}`;
  // It serves at once, with a page that says it is being built (503) until its first build ends.
  await waitFor(async () => ![undefined, 503].includes((await fetch(url("/")).catch(() => undefined))?.status), 120_000, () => log);
  return {
    origin: origin!,
    host: host!,
    port: Number(bound),
    url,
    log: () => log,
    stdout: () => stdout,
    stderr: () => stderr,
    child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once("exit", (code) => resolve(code));
        child.kill("SIGTERM");
      }),
  };
}

export interface RawResponse {
  /** 0 when the server closed the connection without an answer. */
  readonly status: number;
  readonly head: string;
  readonly body: string;
}

/**
 * Sends `request` byte for byte (no client in between to tidy the path or
 * the headers) and reads the answer until the server closes the connection.
 */
export function rawRequest(port: number, request: string | Buffer, host = "127.0.0.1"): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, host);
    const chunks: Buffer[] = [];
    socket.on("data", (c: Buffer) => chunks.push(c));
    socket.on("error", (error: NodeJS.ErrnoException) => (error.code === "ECONNRESET" ? socket.destroy() : reject(error)));
    socket.on("close", () => {
      const text = Buffer.concat(chunks).toString("latin1");
      const end = text.indexOf("\r\n\r\n");
      const head = end === -1 ? text : text.slice(0, end);
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0), head, body: end === -1 ? "" : text.slice(end + 4) });
    });
    socket.write(request);
  });
}

/** A GET of `target` with the given headers, as raw bytes; `Connection: close` so that the answer ends. */
export function rawGet(port: number, target: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  const lines = [`GET ${target} HTTP/1.1`, ...Object.entries({ Host: `127.0.0.1:${port}`, ...headers }).map(([k, v]) => `${k}: ${v}`), "Connection: close"];
  return rawRequest(port, `${lines.join("\r\n")}\r\n\r\n`);
}

/** Polls `check` until it holds, or fails with what the process printed. */
export async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000, log: () => string = () => ""): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting; the preview printed:\n${log()}`);
}
