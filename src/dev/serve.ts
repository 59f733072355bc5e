/**
 * `activity-report dev`: serves the preview (server.ts) at once, builds it,
 * and builds it again whenever a file of the data or the templates is added,
 * changed or deleted; until the first build ends, its pages say it is being
 * built, and the editor at /admin/ already works. All of it runs in a child process that is restarted
 * when the TypeScript sources change (Node cannot reload ES modules in place).
 *
 * Each build is a fresh one into a staging folder that replaces the preview
 * folder (`buildPreview`), rather than Eleventy's watch mode: that mode does
 * not rebuild when a file is deleted, never removes the pages of deleted
 * events, and logs errors with their stack traces.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { watch, type FSWatcher } from "node:fs";
import path from "node:path";
import { DataError, type Diagnostic } from "../data/diagnostics.ts";
import { SCHEMAS_DIR, termsOf } from "../data/contract/json-schema.ts";
import { checkPreviewFolder } from "../output.ts";
import { refreshSchemas } from "../schemas.ts";
import { photoCacheFor, PROJECT_ROOT, TEMPLATES, type Settings } from "../settings.ts";
import { createPreview, errorMessage, type Preview } from "./preview.ts";
import { isLoopback, isWildcard } from "./requests.ts";
import { startPreviewServer, type PreviewServer } from "./server.ts";
import { EDITOR_FOLDER, editorPage } from "./editor/page.ts";
import { createEditorService, type EditorService } from "./editor/service.ts";
import type { EventRecord } from "../data/editions.ts";
import { eventUrl } from "../report/urls.ts";

const ELEVENTY_CONFIG = path.join(PROJECT_ROOT, ".eleventy.ts");
const BIN = path.join(PROJECT_ROOT, "bin/activity-report.js");

/** A burst of file events (an editor's save is several) makes one build. */
const SETTLE_MS = 150;

export interface PreviewAddress {
  /** The address to serve on: 127.0.0.1 unless the preview is shared with --host. */
  readonly host: string;
  /** The port asked for; the next free one is used if it is taken. */
  readonly port: number;
}

/** Where the preview reports: lines for the terminal, and the data's diagnostics, written as `check` writes them. */
export interface PreviewLog {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly diagnostics: (list: readonly Diagnostic[]) => void;
}

/** What the child tells its supervisor once it serves: the port it got, to ask for again when restarted. */
interface Ready {
  readonly ready: true;
  readonly port: number;
}

const signalled = () =>
  new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });

/** The editor's service, which names an event file's page in the preview as the last build (`events`) has it. */
function previewEditor(settings: Settings, events: () => readonly EventRecord[]): EditorService {
  const prefix = settings.pathPrefix.replace(/\/$/, "");
  return createEditorService({
    dataDir: settings.dataDir,
    pictureCache: photoCacheFor(settings.outputDir),
    eventPage: (file) => {
      // The build names the files from the data folder as given (`_data`, relative); the editor, absolute.
      const event = events().find((e) => path.resolve(e.file) === path.resolve(file));
      return event ? `${prefix}${eventUrl(event.reportYear, event.id)}` : undefined;
    },
  });
}

/** `task`, run one at a time: calls made while it runs make one more run after it, which they wait for. */
function oneAtATime(task: () => Promise<void>): { run: () => Promise<void>; running: () => Promise<void> | undefined } {
  let running: Promise<void> | undefined;
  let again = false;
  const run = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await task();
      } while (again);
    })().finally(() => (running = undefined));
    return running;
  };
  return { run, running: () => running };
}

/**
 * Watches the data folder and the templates, calling `changed` on each change; what the preview writes into the data
 * folder (its schemas) is none. A folder that cannot be watched fails at once; a watch that stops later is said.
 */
function watchSources(dataDir: string, changed: () => void, log: PreviewLog): FSWatcher[] {
  const watchers: FSWatcher[] = [];
  try {
    const ownSchemas = (file: string | null) => file !== null && (file === SCHEMAS_DIR || file.startsWith(`${SCHEMAS_DIR}${path.sep}`));
    watchers.push(watch(dataDir, { recursive: true }, (_, file) => {
      if (!ownSchemas(file)) changed();
    }));
    watchers.push(watch(TEMPLATES, { recursive: true }, changed));
  } catch (error) {
    for (const watcher of watchers) watcher.close();
    throw new Error(`cannot watch ${(error as NodeJS.ErrnoException).path ?? dataDir} for changes: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "there is no such folder" : (error as Error).message}`);
  }
  for (const watcher of watchers) watcher.on("error", (error) => log.err(`activity-report dev: stopped watching for changes: ${error.message}`));
  return watchers;
}

/** Serves the preview folder `output` at `address`: the editor at /admin/ (its pages, and its saves by POST), the pages the preview makes, the files. */
function startServing(output: string, address: PreviewAddress, settings: Settings, preview: Preview, editor: EditorService, log: PreviewLog): Promise<PreviewServer> {
  return startPreviewServer({
    root: output,
    host: address.host,
    port: address.port,
    pathPrefix: settings.pathPrefix,
    dynamic: (segments, directory) =>
      segments[0] === EDITOR_FOLDER
        ? editorPage(segments.slice(1), directory, { dataDir: settings.dataDir, pathPrefix: settings.pathPrefix })
        : preview.reply(segments, directory),
    post: async (segments, body) => {
      if (segments.join("/") !== `${EDITOR_FOLDER}/api/v1`) return undefined;
      const { status, json } = await editor.handle(body);
      return { status, headers: { "Content-Type": "application/json; charset=utf-8" }, body: JSON.stringify(json) };
    },
    log: log.out,
    error: log.err,
  });
}

/** Says where the preview serves and, when it is shared on a network, what anyone who reaches it can read and do. */
function announce(server: PreviewServer, settings: Settings, address: PreviewAddress, log: PreviewLog): void {
  log.out(`Preview of ${settings.dataDir} at ${server.urls.join(" or ")} (written to ${settings.outputDir}); Ctrl-C stops it.`);
  if (!isLoopback(address.host)) {
    log.out(
      `Shared on the network: anyone who can reach ${isWildcard(address.host) ? "this machine" : address.host} on port ${server.port} can read the preview ` +
        "(all of the data, also what is not yet published, and its errors with file names) and have its PDFs printed on this machine.",
    );
  }
}

/** Runs the preview in this process until SIGINT or SIGTERM. */
export async function servePreview(settings: Settings, address: PreviewAddress, log: PreviewLog): Promise<void> {
  // The channel to the supervisor must not keep this process alive when serving fails.
  process.channel?.unref();
  // From the start: a stop during the first build still ends cleanly, after it.
  const stopped = signalled();
  const output = await checkPreviewFolder(settings.outputDir, settings.dataDir);
  let server: PreviewServer | undefined;
  const preview = createPreview(settings);
  let events: readonly EventRecord[] = [];
  const editor = previewEditor(settings, () => events);

  const buildOnce = async () => {
    try {
      // Loaded here, not before the server listens: Eleventy and its plugins take a while to load.
      const { buildPreview } = await import("../build.ts");
      const built = await buildPreview(settings);
      preview.built(built);
      events = built.data.events;
      // The editor's schemas follow the data once it passes; a folder whose schemas cannot be written is previewed all the same.
      await refreshSchemas(settings.dataDir, termsOf(built.data)).catch((error: Error) =>
        log.err(`Note: the JSON Schemas in the data folder could not be updated (${error.message}); run activity-report schema.`));
      log.diagnostics(built.warnings);
      log.out(`Built the preview: ${built.pages} ${built.pages === 1 ? "page" : "pages"}.`);
    } catch (error) {
      preview.failed(error);
      if (error instanceof DataError) log.diagnostics(error.diagnostics);
      else log.err(`activity-report dev: the preview could not be built: ${errorMessage(error)}`);
    }
    server?.changed();
  };
  // One build at a time; changes saved during a build make one more after it.
  const builds = oneAtATime(buildOnce);

  let timer: NodeJS.Timeout | undefined;
  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void builds.run(), SETTLE_MS);
  };
  const watchers = watchSources(settings.dataDir, changed, log);

  try {
    server = await startServing(output, address, settings, preview, editor, log);
  } catch (error) {
    clearTimeout(timer);
    for (const watcher of watchers) watcher.close();
    throw error;
  }
  announce(server, settings, address, log);

  // Served at once: the pages say the preview is being built until the first build ends (preview.ts), and the editor works already.
  void builds.run();
  process.send?.({ ready: true, port: server.port } satisfies Ready);
  await stopped;
  clearTimeout(timer);
  for (const watcher of watchers) watcher.close();
  // A build under way finishes (it takes a moment), so that no staging folder is left behind.
  await builds.running();
  await server.close();
  process.exit(0);
}

/**
 * Runs the preview in a child process (`childArgs(port)` for the same binary)
 * and restarts it whenever a file under src/ or .eleventy.ts changes. Returns
 * the child's exit code if the first one stops before it serves (a port or
 * address it cannot use), else 0 once stopped by SIGINT or SIGTERM.
 */
export async function supervisePreview(childArgs: (port: number) => readonly string[], port: number, log: (line: string) => void): Promise<number> {
  let child: ChildProcess | undefined;
  let stopping = false;
  let served = false;
  let failedToStart: (code: number) => void = () => {};
  const start = () => {
    const running = spawn(process.execPath, [BIN, ...childArgs(port)], { stdio: ["inherit", "inherit", "inherit", "ipc"] });
    child = running;
    running.on("message", (message: Partial<Ready>) => {
      if (message?.ready !== true) return;
      served = true;
      // A restarted preview asks for the port this one got.
      if (typeof message.port === "number") port = message.port;
    });
    running.on("exit", (code, signal) => {
      if (stopping || signal !== null || code === 0) return;
      if (!served) failedToStart(code ?? 1);
      else log(`The preview stopped (exit code ${code}); it restarts when a source file changes.`);
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
    watch(path.join(PROJECT_ROOT, "src"), { recursive: true }, (_event, name) => name && /\.ts$/.test(name) && restart(path.join("src", name))),
    watch(ELEVENTY_CONFIG, () => restart(".eleventy.ts")),
  ];
  start();
  const code = await Promise.race([
    signalled().then(() => 0),
    new Promise<number>((resolve) => (failedToStart = resolve)),
  ]);
  stopping = true;
  clearTimeout(timer);
  for (const w of watchers) w.close();
  await stopChild();
  return code;
}
