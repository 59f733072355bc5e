import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
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
  readonly url: (p: string) => string;
  readonly log: () => string;
  readonly stop: () => Promise<number | null>;
  readonly child: ChildProcess;
}

/** Starts `activity-report dev` on a free loopback port and waits until it answers. */
export async function startPreview(args: readonly string[], cwd: string): Promise<Preview> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT, "bin/activity-report.js"), "dev", "--port", String(port), ...args], {
    cwd,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout!.on("data", (c: Buffer) => (log += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (log += c.toString()));
  const url = (p: string) => `http://localhost:${port}${p}`;
  await waitFor(async () => (await fetch(url("/")).catch(() => undefined)) !== undefined, 60_000, () => log);
  return {
    url,
    log: () => log,
    child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once("exit", (code) => resolve(code));
        child.kill("SIGTERM");
      }),
  };
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
