/** The live preview: it follows edits, shows errors, prints PDFs, and defends itself. */
import { get } from "node:http";
import { createServer } from "node:net";
import { hostname, networkInterfaces } from "node:os";
import { mkdir, readFile, rename, rm, stat, symlink } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import puppeteer from "puppeteer";
import sharp from "sharp";
import { PREVIEW_MARKER } from "../../src/output.ts";
import { findBrowser } from "../../src/pdf/browser.ts";
import { CHROMIUM_FLAGS } from "../../src/pdf/print.ts";
import { runCli, startCli } from "../helpers/cli.ts";
import { cleanUp, minimalCopy, put, sampleCopy, SAMPLE_DATA, tempDir, snapshot } from "../helpers/data.ts";
import { warmOutput } from "../helpers/sites.ts";
import { rawGet, rawRequest, startPreview, waitFor } from "../helpers/dev-server.ts";

afterAll(cleanUp);

describe("the live preview", () => {
  it("serves the site, follows data edits, shows data errors as a page until they are fixed, and prints a PDF on request", async () => {
    const data = await sampleCopy();
    const cwd = path.dirname(data);
    await warmOutput({ parent: cwd, name: ".preview" });
    const preview = await startPreview(["--data", data], cwd);
    const page = (p: string) => fetch(preview.url(p)).then(async (r) => ({ status: r.status, text: await r.text() }));
    try {
      expect((await page("/2018/")).text).toContain("Joint meeting of the Silk Routes and South East Europe Working Groups");
      const file = path.join(data, "events/2018/2018-05-07-sarajevo-joint-working-group.yaml");
      const original = await readFile(file, "utf8");

      await put(data, path.relative(data, file), original.replace("title: Joint meeting", "title: Renamed joint meeting"));
      await waitFor(async () => (await page("/2018/")).text.includes("Renamed joint meeting"), 20_000, preview.log);

      await put(data, path.relative(data, file), original.replace("end: 2018-05-08", "end: 2018-05-01"));
      await waitFor(async () => (await page("/2018/")).status === 500, 20_000, preview.log);
      const error = await page("/2018/");
      expect(error.text).toContain("<pre>_data/events/2018/2018-05-07-sarajevo-joint-working-group.yaml:4:6: end 2018-05-01 is before date 2018-05-07</pre>");
      expect(error.text).toContain('<meta http-equiv="refresh"');
      expect(preview.log()).toContain("end 2018-05-01 is before date 2018-05-07");

      await put(data, path.relative(data, file), original);
      await waitFor(async () => (await page("/2018/")).status === 200, 20_000, preview.log);

      const pdf = await fetch(preview.url("/2018/budapest-process-activity-report-2018.pdf"));
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get("content-type")).toBe("application/pdf");
      expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");

      // Nothing of the preview lands in the published output.
      await expect(stat(path.join(cwd, "output"))).rejects.toThrow();
      await expect(stat(path.join(cwd, ".preview", "index.html"))).resolves.toBeTruthy();
    } finally {
      expect(await preview.stop()).toBe(0);
    }
  });

  it("reloads an open page by itself after a save, under the pages' Content-Security-Policy", async () => {
    const data = await sampleCopy();
    await warmOutput({ parent: path.dirname(data), name: ".preview" });
    const preview = await startPreview(["--data", data], path.dirname(data));
    const browser = await puppeteer.launch({ executablePath: findBrowser(), headless: true, args: CHROMIUM_FLAGS });
    try {
      const page = await browser.newPage();
      await page.evaluateOnNewDocument(() => {
        const w = window as unknown as { violations: string[] };
        w.violations = [];
        document.addEventListener("securitypolicyviolation", (e) => w.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
      });
      await page.goto(preview.url("/2018/"), { waitUntil: "load" });
      expect(await page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.getAttribute("content"))).toContain("script-src 'self'");
      const file = path.join(data, "events/2018/2018-05-07-sarajevo-joint-working-group.yaml");
      await put(data, path.relative(data, file), (await readFile(file, "utf8")).replace("title: Joint meeting", "title: Renamed joint meeting"));
      await page.waitForFunction(() => document.body.textContent?.includes("Renamed joint meeting"), { timeout: 30_000 });
      expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
    } finally {
      await browser.close();
      expect(await preview.stop()).toBe(0);
    }
  });
});
describe("the live preview's defences", () => {
  it("serves this machine only, answers only to its own address, refuses other sites' pages, and survives any URL", async () => {
    const data = await sampleCopy();
    const cwd = path.dirname(data);
    // Beside the preview folder, with a name that begins with the preview folder's.
    const secret = await put(cwd, ".preview-secrets/secret.txt", "the secret beside the preview\n");
    await warmOutput({ parent: cwd, name: ".preview" });
    const preview = await startPreview(["--data", data], cwd);
    const { port } = preview;
    try {
      // Links in the preview folder that lead out of it (validation keeps them out of the data's pictures; the server must not follow one either).
      await mkdir(path.join(cwd, ".preview/images"), { recursive: true });
      await symlink(secret, path.join(cwd, ".preview/images/leak.txt"));
      await symlink(path.dirname(secret), path.join(cwd, ".preview/images/folder"));
      expect(preview.host).toBe("127.0.0.1");
      // Bound to 127.0.0.1 alone: another loopback address, and this machine's network addresses, are not served.
      const elsewhere = ["127.0.0.2", ...Object.values(networkInterfaces()).flat().filter((a) => a && !a.internal && a.family === "IPv4").map((a) => a!.address)];
      for (const address of elsewhere) {
        await expect(rawRequest(port, `GET / HTTP/1.1\r\nHost: ${address}:${port}\r\nConnection: close\r\n\r\n`, address), address).rejects.toThrow(/ECONNREFUSED/);
      }

      // DNS rebinding: a page of attacker.example whose name now points at 127.0.0.1.
      const rebound = await rawGet(port, "/", { Host: `attacker.example:${port}` });
      expect(rebound.status).toBe(403);
      expect(rebound.body).toContain(`http://127.0.0.1:${port}/`);
      expect(rebound.body).not.toContain("<!doctype html>");
      for (const host of ["localhost", `127.0.0.1:${port + 1}`, `attacker.example`, ""]) {
        expect((await rawGet(port, "/", { Host: host })).status, host).toBe(403);
      }
      for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `LOCALHOST:${port}`]) {
        expect((await rawGet(port, "/", { Host: host })).status, host).toBe(200);
      }

      // Another site's page, talking to the preview: a WebSocket, the stream of changes, or a plain request.
      const websocket = { Upgrade: "websocket", Connection: "Upgrade", "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version": "13" };
      const foreignUpgrade = await rawGet(port, "/", { ...websocket, Origin: "http://attacker.example" });
      expect(foreignUpgrade.status).toBe(403);
      expect((await rawGet(port, "/", { ...websocket, Origin: "null" })).status).toBe(403);
      expect((await rawGet(port, "/.preview/changes", { Origin: "http://attacker.example" })).status).toBe(403);
      expect((await rawGet(port, "/2018/", { Origin: `http://attacker.example:${port}` })).status).toBe(403);
      expect((await rawGet(port, "/2018/", { Origin: `http://127.0.0.1:${port}` })).status).toBe(200);

      // The preview's own stream of changes says that something changed, never what or where.
      const messages: string[] = [];
      const stream = get(preview.url("/.preview/changes"), (res) => res.on("data", (c: Buffer) => messages.push(c.toString())));
      try {
        await waitFor(async () => messages.join("").includes("data: "), 20_000, preview.log);
        const file = path.join(data, "events/2018/2018-05-07-sarajevo-joint-working-group.yaml");
        await put(data, path.relative(data, file), (await readFile(file, "utf8")).replace("title: Joint meeting", "title: Renamed joint meeting"));
        await waitFor(async () => (messages.join("").match(/^data: /gm) ?? []).length >= 2, 20_000, preview.log);
        expect(messages.join("")).not.toMatch(/yaml|\/|_data/);
      } finally {
        stream.destroy();
      }

      const attacks = [
        "/..%2f..%2fetc/passwd",
        "/..%2F..%2F..%2F..%2Fetc%2Fpasswd",
        "/..%2f.preview-secrets/secret.txt",
        "/%2e%2e%2f.preview-secrets/secret.txt",
        "/%2e%2e/.preview-secrets/secret.txt",
        "/../.preview-secrets/secret.txt",
        "/..%5c.preview-secrets%5csecret.txt",
        "/..\\.preview-secrets\\secret.txt",
        "/events/..%2f..%2f.preview-secrets/secret.txt",
        "/images/leak.txt",
        "/images/folder/secret.txt",
        "//etc/passwd",
        "/.activity-report-output",
        "/%",
        "/%E0%A4%A",
        "/%ZZ/",
        "/%C0%AE%C0%AE/.preview-secrets/secret.txt",
        "/index.html%00",
        "/index.html%00.png",
        "http://127.0.0.1/../etc/passwd",
        "*",
        `/${"a/".repeat(4000)}`,
        `/${"..%2f".repeat(2000)}etc/passwd`,
        `/${"x".repeat(70_000)}`,
      ];
      for (const target of attacks) {
        const answer = await rawGet(port, target);
        expect([400, 404, 414, 431], `${target.slice(0, 60)}: ${answer.head}`).toContain(answer.status);
        expect(answer.body).not.toContain("the secret beside the preview");
        expect(answer.body).not.toContain("root:");
      }
      const nul = await rawRequest(port, Buffer.from(`GET /index.html\0.png HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`, "latin1"));
      expect(nul.status).toBe(400);

      // Still there, and still serving.
      expect(preview.child.exitCode).toBeNull();
      const home = await rawGet(port, "/", { Host: `localhost:${port}` });
      expect(home.status).toBe(200);
      expect(home.body).toContain("Budapest Process");
    } finally {
      expect(await preview.stop()).toBe(0);
    }
  });

  // These three need a site to serve, none in particular: the smallest data folder's.
  it("serves the next free port when the one asked for is taken, and prints the one it got", async () => {
    const data = await minimalCopy();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const taken = (blocker.address() as { port: number }).port;
    try {
      const preview = await startPreview(["--data", data, "--port", String(taken)], path.dirname(data));
      try {
        expect(preview.port).not.toBe(taken);
        expect(preview.stdout()).toContain(`Port ${taken} is in use`);
        expect((await fetch(preview.url("/"))).status).toBe(200);
      } finally {
        expect(await preview.stop()).toBe(0);
      }
    } finally {
      blocker.close();
    }
  });

  it("serves on the address given with --host, and answers to it", async () => {
    const data = await minimalCopy();
    const preview = await startPreview(["--data", data, "--host", "127.0.0.2"], path.dirname(data));
    const { port } = preview;
    try {
      expect(preview.origin).toBe(`http://127.0.0.2:${port}`);
      // Another loopback address is not sharing.
      expect(preview.stdout()).not.toContain("Shared on the network");
      const shared = await rawRequest(port, `GET /2019/ HTTP/1.1\r\nHost: 127.0.0.2:${port}\r\nConnection: close\r\n\r\n`, "127.0.0.2");
      expect(shared.status).toBe(200);
      const rebound = await rawRequest(port, `GET / HTTP/1.1\r\nHost: attacker.example:${port}\r\nConnection: close\r\n\r\n`, "127.0.0.2");
      expect(rebound.status).toBe(403);
      await expect(rawGet(port, "/")).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      expect(await preview.stop()).toBe(0);
    }
  });

  it("shared on every address with --host 0.0.0.0, says what that exposes and still answers only to this machine's names", async () => {
    const data = await minimalCopy();
    const preview = await startPreview(["--data", data, "--host", "0.0.0.0"], path.dirname(data));
    const { port } = preview;
    try {
      expect(preview.stdout()).toContain(`Shared on the network: anyone who can reach this machine on port ${port} can read the preview`);
      for (const host of [`127.0.0.1:${port}`, `${hostname()}:${port}`]) expect((await rawGet(port, "/", { Host: host })).status, host).toBe(200);
      expect((await rawGet(port, "/", { Host: `attacker.example:${port}` })).status).toBe(403);
    } finally {
      expect(await preview.stop()).toBe(0);
    }
  });

  it("refuses to write the preview into a folder that build published, and build still replaces a preview", async () => {
    const work = await tempDir();
    const published = await warmOutput({ parent: work, name: "out-pub" });
    await warmOutput({ parent: work, name: ".preview" });
    expect((await runCli(["build", "--data", SAMPLE_DATA, "--output", published, "--no-pdf"])).code).toBe(0);
    const before = await snapshot(published);
    const dev = startCli(["dev", "--data", SAMPLE_DATA, "--output", published, "--port", "0"], { cwd: work });
    try {
      await waitFor(async () => dev.child.exitCode !== null, 60_000, dev.stderr);
    } finally {
      dev.child.kill("SIGTERM");
    }
    const run = await dev.done;
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`activity-report dev: ${published} holds a published report (written by activity-report build), which the preview never replaces; leave out --output to preview into .preview, or name a folder of its own\n`);
    expect(await snapshot(published)).toEqual(before);

    // A marker that is not the preview's own is not taken for one.
    await put(work, "other/.activity-report-output", "notes\n");
    const other = await runCli(["dev", "--data", SAMPLE_DATA, "--output", path.join(work, "other"), "--port", "0"], { cwd: work });
    expect(other.code).toBe(1);
    expect(other.stderr).toContain("was not written by the preview");

    // The other way round is fine: a build replaces a stale preview.
    await put(work, ".preview/.activity-report-output", PREVIEW_MARKER);
    await put(work, ".preview/index.html", "stale\n");
    expect((await runCli(["build", "--data", SAMPLE_DATA, "--output", ".preview", "--no-pdf"], { cwd: work })).code).toBe(0);
    expect(await readFile(path.join(work, ".preview/index.html"), "utf8")).toContain("Budapest Process");
  });

  it("serves the photos' copies, and after a photo is replaced in images/ serves the new one's copies on the page", async () => {
    const data = await sampleCopy();
    await warmOutput({ parent: path.dirname(data), name: ".preview" });
    const preview = await startPreview(["--data", data], path.dirname(data));
    const eventPage = "/events/2018/2018-05-07-sarajevo-joint-working-group/";
    // The first photo's JPEG fallback, its largest copy: the last of its srcset.
    const largest = async () => {
      const html = await (await fetch(preview.url(eventPage))).text();
      const img = /<img src="[^"]+" srcset="([^"]+)"[^>]*alt="Sample picture/.exec(html);
      return img ? img[1]!.split(", ").at(-1)!.split(" ")[0]! : undefined;
    };
    try {
      const before = (await largest())!;
      const served = await fetch(preview.url(before));
      expect([served.status, served.headers.get("content-type")]).toEqual([200, "image/jpeg"]);
      expect((await sharp(Buffer.from(await served.arrayBuffer())).metadata()).width).toBe(1200);
      // Replaced by a picture of another size and colour, under the same name.
      await put(data, "images/sample-transparent.png", await sharp({ create: { width: 1000, height: 1000, channels: 3, background: "#2a7a3a" } }).png().toBuffer());
      await waitFor(async () => ![before, undefined].includes(await largest()), 30_000, preview.log);
      const after = await fetch(preview.url((await largest())!));
      expect(after.status).toBe(200);
      const meta = await sharp(Buffer.from(await after.arrayBuffer())).metadata();
      expect([meta.width, meta.height]).toEqual([1000, 1000]);
    } finally {
      expect(await preview.stop()).toBe(0);
    }
  });

  it("rebuilds when an event file is deleted: the year page no longer lists it and its page is gone", async () => {
    const data = await sampleCopy();
    await warmOutput({ parent: path.dirname(data), name: ".preview" });
    const preview = await startPreview(["--data", data], path.dirname(data));
    const page = (p: string) => fetch(preview.url(p)).then(async (r) => ({ status: r.status, text: await r.text() }));
    const title = "Meeting of the Silk Routes countries and donor countries";
    const eventPage = "/events/2017/2017-09-20-ankara-silk-routes-donor-meeting/";
    try {
      expect((await page("/2017/")).text).toContain(title);
      expect((await page(eventPage)).status).toBe(200);
      await rm(path.join(data, "events/2017/2017-09-20-ankara-silk-routes-donor-meeting.yaml"));
      await waitFor(async () => !(await page("/2017/")).text.includes(title), 20_000, preview.log);
      const year = await page("/2017/");
      expect(year.status).toBe(200);
      expect(year.text).toContain("Training of Trainers on migration for officials of Iraq");
      expect((await page(eventPage)).status).toBe(404);
      await expect(stat(path.join(path.dirname(data), ".preview", eventPage, "index.html"))).rejects.toThrow();
    } finally {
      expect(await preview.stop()).toBe(0);
    }
  });

  it("prints the data's errors in the terminal as check does, and nothing else, on the first build and on rebuilds", async () => {
    const data = await sampleCopy();
    const cwd = path.dirname(data);
    const file = "events/2018/2018-05-07-sarajevo-joint-working-group.yaml";
    const original = await readFile(path.join(data, file), "utf8");
    await put(data, file, original.replace("end: 2018-05-08", "end: 2018-05-01"));
    const first = (await runCli(["check", "--data", data], { cwd })).stderr;
    expect(first).toContain(":4:6: end 2018-05-01 is before date 2018-05-07\n");

    await warmOutput({ parent: cwd, name: ".preview" });

    const preview = await startPreview(["--data", data], cwd);
    try {
      await waitFor(async () => preview.stderr().length >= first.length, 20_000, preview.log);
      expect(preview.stderr()).toBe(first);

      // A second mistake, saved in one go (written beside the data, then moved in).
      const spare = path.join(cwd, "spare.yaml");
      await put(cwd, "spare.yaml", original.replace("end: 2018-05-08", "end: 2018-05-01").replace("place: sarajevo", "place: sarajvo"));
      await rename(spare, path.join(data, file));
      const after = (await runCli(["check", "--data", data], { cwd })).stderr;
      expect(after).toContain('unknown place "sarajvo"');
      await waitFor(async () => preview.stderr().slice(first.length).includes(after), 20_000, preview.log);
      const rebuilds = preview.stderr().slice(first.length);
      expect(rebuilds).toContain(after);
      const allowed = new Set(after.split("\n"));
      for (const line of rebuilds.split("\n")) expect(allowed, line).toContain(line);
      expect(preview.stderr()).not.toMatch(/^\s+at |Error:|\[11ty\]/m);
    } finally {
      expect(await preview.stop()).toBe(0);
    }
  });
});
