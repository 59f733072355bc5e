/** What the live preview accepts from a browser (src/dev/requests.ts): hosts, origins, paths. */
import { describe, expect, it } from "vitest";
import { allowedHostNames, isAllowedHost, isAllowedOrigin, parseTarget, urlHost } from "../../../src/dev/requests.ts";

const machine = { addresses: ["127.0.0.1", "::1", "192.168.1.20", "fe80::1"], hostname: "Office-PC" };

describe("the hosts the preview answers to", () => {
  it("answers to the loopback names, with its port, when bound to loopback", () => {
    const names = allowedHostNames("127.0.0.1", machine);
    for (const host of ["localhost:8080", "127.0.0.1:8080", "[::1]:8080", "LocalHost:8080"]) expect(isAllowedHost(host, names, 8080), host).toBe(true);
  });

  it("refuses another name (DNS rebinding), another port, no port, or no Host at all", () => {
    const names = allowedHostNames("127.0.0.1", machine);
    for (const host of ["attacker.example:8080", "localhost.attacker.example:8080", "localhost:8081", "localhost", "127.0.0.1:80", "192.168.1.20:8080", "localhost:8080:8080", "[::1]", "", undefined]) {
      expect(isAllowedHost(host, names, 8080), String(host)).toBe(false);
    }
  });

  it("answers to the address given with --host, and, bound to every address, to each of the machine's addresses and its name", () => {
    expect(isAllowedHost("192.168.1.20:8080", allowedHostNames("192.168.1.20", machine), 8080)).toBe(true);
    expect(isAllowedHost("office-pc:8080", allowedHostNames("192.168.1.20", machine), 8080)).toBe(false);
    const all = allowedHostNames("0.0.0.0", machine);
    for (const host of ["192.168.1.20:8080", "office-pc:8080", "[fe80::1]:8080", "localhost:8080"]) expect(isAllowedHost(host, all, 8080), host).toBe(true);
    expect(isAllowedHost("attacker.example:8080", all, 8080)).toBe(false);
  });

  it("writes IPv6 addresses in brackets", () => {
    expect(urlHost("::1")).toBe("[::1]");
    expect(urlHost("127.0.0.1")).toBe("127.0.0.1");
  });
});

describe("the origins of pages that talk to the preview", () => {
  const names = allowedHostNames("127.0.0.1", machine);
  it("accepts no Origin (a page opened directly) and its own pages", () => {
    expect(isAllowedOrigin(undefined, names, 8080)).toBe(true);
    expect(isAllowedOrigin("http://localhost:8080", names, 8080)).toBe(true);
    expect(isAllowedOrigin("http://127.0.0.1:8080", names, 8080)).toBe(true);
  });

  it("refuses other sites, other ports, other schemes, sandboxed frames and local files (null), and nonsense", () => {
    for (const origin of ["http://attacker.example", "http://attacker.example:8080", "http://localhost:3000", "https://localhost:8080", "null", "file://", "http://localhost:8080/path", "localhost:8080", ""]) {
      expect(isAllowedOrigin(origin, names, 8080), origin).toBe(false);
    }
  });
});

describe("the paths the preview serves", () => {
  it("reads a path into decoded names, and says whether it names a folder", () => {
    expect(parseTarget("/")).toMatchObject({ ok: true, segments: [], directory: true });
    expect(parseTarget("/events/2018/x/?q=1")).toMatchObject({ ok: true, segments: ["events", "2018", "x"], directory: true, path: "/events/2018/x/", query: "?q=1" });
    expect(parseTarget("/countries/c%C3%B4te-d%E2%80%99ivoire/")).toMatchObject({ ok: true, segments: ["countries", "côte-d’ivoire"] });
    expect(parseTarget("/assets/site.css")).toMatchObject({ ok: true, segments: ["assets", "site.css"], directory: false });
  });

  it.each([
    ["/..%2f..%2fetc/passwd", 400],
    ["/..%2F.preview-secrets/secret.txt", 400],
    ["/%2e%2e%2f.preview-secrets/", 400],
    ["/%2e%2e/etc/passwd", 400],
    ["/../etc/passwd", 400],
    ["/./index.html", 400],
    ["/..%5cetc%5cpasswd", 400],
    ["/..\\etc\\passwd", 400],
    ["/index.html%00", 400],
    ["/index.html%00.png", 400],
    ["/a%0Ab", 400],
    ["/%", 400],
    ["/%E0%A4%A", 400],
    ["/%ZZ", 400],
    ["/%C0%AE%C0%AE/", 400],
    ["//etc/passwd", 404],
    ["/events//2018/", 404],
    ["/.activity-report-output", 404],
    ["/%2eactivity-report-output", 404],
    ["/.git/config", 404],
    ["http://127.0.0.1/etc/passwd", 400],
    ["*", 400],
    ["", 400],
    [`/${"a/".repeat(1100)}`, 414],
  ])("refuses %s with %i", (target, status) => {
    expect(parseTarget(target)).toMatchObject({ ok: false, status });
  });
});
