/**
 * The editor written into the published site at /admin/ (`build --editor`):
 * its page, its configuration with the Git host's backend and the editorial
 * workflow (config.ts), its script and Decap CMS's bundle, all from this
 * machine's files; nothing is loaded from elsewhere but the Git host's API.
 * Off unless asked for: a site without an editor has no /admin/.
 */
import { existsSync } from "node:fs";
import { copyFile, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Terms } from "../../data/contract/json-schema.ts";
import { editorConfigYaml, type GitHost } from "./config.ts";
import { CLIENT, DECAP, EDITOR_FOLDER, indexPage, servedDecapFiles } from "./page.ts";

/** Why a repository's address was refused, for the option that gave it. */
export class GitHostError extends Error {}

/**
 * The Git host of a repository's web address, as the browser shows it:
 * `https://github.com/OWNER/REPOSITORY`, `https://gitlab.com/GROUP/PROJECT`
 * (or a GitLab of one's own), with the branch after `/tree/` (`/-/tree/` on
 * GitLab) when it is not `main`. `login` says how editors log in (GitHost).
 */
export function gitHostOf(address: string, login?: string): GitHost {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new GitHostError(`"${address}" is not a web address: give the repository's, such as https://github.com/OWNER/REPOSITORY`);
  }
  if (url.protocol !== "https:") throw new GitHostError(`"${address}": the repository's address starts with https://`);
  const [repoPart, branchPart] = url.pathname.replace(/\.git$/, "").split(/\/(?:-\/)?tree\//);
  const steps = repoPart!.split("/").filter(Boolean);
  const branch = branchPart ? decodeURIComponent(branchPart.replace(/\/+$/, "")) : "main";
  const github = url.hostname === "github.com";
  if (github ? steps.length !== 2 : steps.length < 2) {
    throw new GitHostError(`"${address}" does not name a repository: ${github ? "https://github.com/OWNER/REPOSITORY" : "https://gitlab.example.org/GROUP/PROJECT"}`);
  }
  if (!/^[\w.][\w./-]*$/.test(branch)) throw new GitHostError(`"${branchPart}" is not a branch name`);
  if (login !== undefined && login.trim() === "") throw new GitHostError("the login is empty");
  const repo = steps.join("/");
  const own = github || url.hostname === "gitlab.com" ? undefined : url.origin;
  return { name: github ? "github" : "gitlab", repo, branch, ...(own ? { origin: own } : {}), ...(login ? { login: login.trim() } : {}) };
}

/** The address of the host's API, which the editor's page may connect to. */
export function apiOf(host: GitHost): string {
  if (host.name === "github") return "https://api.github.com";
  return host.origin ?? "https://gitlab.com";
}

/**
 * The data folder's path in its repository (`_data`), where the editor's paths start on the Git host:
 * from the folder above it that holds `.git`, or else from the current folder (a build runs at the
 * repository's top).
 */
export function repositoryPathOf(dataDir: string, cwd = process.cwd()): string {
  const data = path.resolve(cwd, dataDir);
  for (let dir = data; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, ".git"))) return path.relative(dir, data).split(path.sep).join("/");
    if (path.dirname(dir) === dir) break;
  }
  return path.relative(cwd, data).split(path.sep).join("/");
}

/** Writes the editor into the site folder `siteDir`, at /admin/, for the data folder `dataDir`. */
export async function publishEditor(siteDir: string, host: GitHost, terms: Terms, dataDir: string, siteUrl?: string): Promise<void> {
  const dir = path.join(siteDir, EDITOR_FOLDER);
  await mkdir(path.join(dir, "decap"), { recursive: true });
  await writeFile(path.join(dir, "index.html"), indexPage({ api: apiOf(host) }));
  await writeFile(path.join(dir, "config.yml"), editorConfigYaml({ terms, host, dataFolder: repositoryPathOf(dataDir), ...(siteUrl ? { siteUrl } : {}) }));
  await copyFile(CLIENT, path.join(dir, "editor.js"));
  await Promise.all([...servedDecapFiles()].map((file) => copyFile(path.join(DECAP, file), path.join(dir, "decap", file))));
}
