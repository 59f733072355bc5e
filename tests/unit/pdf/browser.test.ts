import { describe, expect, it } from "vitest";
import { BrowserNotFoundError, findBrowser } from "../../../src/pdf/browser.ts";

const existing = (...paths: string[]) => (p: string) => paths.includes(p);

describe("findBrowser", () => {
  it("takes PUPPETEER_EXECUTABLE_PATH first", () => {
    expect(findBrowser({ PUPPETEER_EXECUTABLE_PATH: "/opt/chrome" }, existing("/opt/chrome", "/usr/bin/chromium"), () => "/cache/chrome")).toBe("/opt/chrome");
  });

  it("fails clearly when PUPPETEER_EXECUTABLE_PATH points nowhere", () => {
    expect(() => findBrowser({ PUPPETEER_EXECUTABLE_PATH: "/nope" }, existing("/usr/bin/chromium"), () => undefined)).toThrow(
      "PUPPETEER_EXECUTABLE_PATH is set to /nope, but there is no browser there",
    );
  });

  it("then a browser that Puppeteer installed", () => {
    expect(findBrowser({}, existing("/cache/chrome", "/usr/bin/chromium"), () => "/cache/chrome")).toBe("/cache/chrome");
  });

  it("then a system Chromium or Chrome", () => {
    expect(findBrowser({}, existing("/usr/bin/chromium"), () => "/cache/chrome")).toBe("/usr/bin/chromium");
    expect(findBrowser({}, existing("/usr/bin/google-chrome"), () => undefined)).toBe("/usr/bin/google-chrome");
  });

  it("says how to get one when there is none, with exit code 3", () => {
    let error: unknown;
    try {
      findBrowser({}, existing(), () => "/cache/chrome");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BrowserNotFoundError);
    expect((error as BrowserNotFoundError).exitCode).toBe(3);
    expect((error as Error).message).toMatch(/apt-get install chromium/);
    expect((error as Error).message).not.toMatch(/\n/);
  });
});
