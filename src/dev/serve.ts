/**
 * `activity-report dev`: Eleventy's dev server with the report's data, in a
 * child process that is restarted when the TypeScript sources change (Node
 * cannot reload ES modules in place). Data, templates and stylesheets are
 * picked up by Eleventy's own watcher without a restart.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { watch, type FSWatcher } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ELEVENTY_CONFIG, exportSettings } from "../build.ts";
import { checkOutputFolder, OUTPUT_MARKER } from "../output.ts";
import type { Settings } from "../settings.ts";

const ROOT = path.dirname(ELEVENTY_CONFIG);
const BIN = fileURLToPath(new URL("../../bin/activity-report.js", import.meta.url));

/** Runs the preview server in this process until SIGINT or SIGTERM. */
export async function servePreview(settings: Settings, port: number): Promise<void> {
  const output = await checkOutputFolder(settings.outputDir, settings.dataDir);
  await mkdir(output, { recursive: true });
  await writeFile(path.join(output, OUTPUT_MARKER), "Written by activity-report dev: a preview, not the published report.\n");
  exportSettings({ ...settings, outputDir: output });
  const { default: Eleventy } = await import("@11ty/eleventy");
  const eleventy = new Eleventy(undefined, undefined, { configPath: ELEVENTY_CONFIG, source: "cli", runMode: "serve", quietMode: true });
  await eleventy.init();
  // A first build that fails (broken data) still starts the server, which then shows the errors.
  await eleventy.watch().catch(() => undefined);
  await eleventy.serve(port);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  // A preview has nothing to save: give the server a moment to close, then go.
  await Promise.race([eleventy.close?.(), new Promise((resolve) => setTimeout(resolve, 2000))]);
  process.exit(0);
}

/**
 * Runs the preview in a child process (`childArgs` for the same binary) and
 * restarts it whenever a file under src/ or .eleventy.ts changes.
 */
export async function supervisePreview(childArgs: readonly string[], log: (line: string) => void): Promise<void> {
  let child: ChildProcess | undefined;
  let stopping = false;
  const start = () => {
    child = spawn(process.execPath, [BIN, ...childArgs], { stdio: "inherit" });
    child.on("exit", (code, signal) => {
      if (!stopping && signal === null && code !== 0) log(`The preview stopped (exit code ${code}); it restarts when a source file changes.`);
    });
  };
  const stopChild = () =>
    new Promise<void>((resolve) => {
      if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
      const running = child;
      const kill = setTimeout(() => running.kill("SIGKILL"), 5000);
      running.once("exit", () => {
        clearTimeout(kill);
        resolve();
      });
      running.kill("SIGTERM");
    });

  let timer: NodeJS.Timeout | undefined;
  const restart = (file: string) => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      log(`${file} changed: restarting the preview…`);
      await stopChild();
      if (!stopping) start();
    }, 150);
  };
  const watchers: FSWatcher[] = [
    watch(path.join(ROOT, "src"), { recursive: true }, (_event, name) => name && /\.ts$/.test(name) && restart(path.join("src", name))),
    watch(ELEVENTY_CONFIG, () => restart(".eleventy.ts")),
  ];
  start();
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  stopping = true;
  clearTimeout(timer);
  for (const w of watchers) w.close();
  await stopChild();
}
