/** Which files of the data folder's images/ may be published: pictures by their content, SVGs that only draw. */
import { mkdir, rm, stat, symlink, utimes, writeFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import path from "node:path";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { pictureStamps, scanPictures, sniffRaster, svgProblems } from "../../../../src/data/attachments/images.ts";
import { HASH_SETTLED_MS } from "../../../../src/system/file-hashes.ts";
import { cleanUp, diagnosticsOf, put, sampleCopy, tempDir, withoutSamplePictures } from "../../../helpers/data.ts";

afterAll(cleanUp);

const SVG = (inner: string, attributes = "") => `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"${attributes}>${inner}</svg>`;
// Whole pictures, not just their first bytes: validation opens every raster picture it would publish.
const PNG = await sharp({ create: { width: 1, height: 1, channels: 4, background: "#0000" } }).png().toBuffer();
const JPEG = await sharp({ create: { width: 1, height: 1, channels: 3, background: "#fff" } }).jpeg().toBuffer();

describe("sniffRaster", () => {
  it("knows a picture by its first bytes, whatever its name", () => {
    expect(sniffRaster(JPEG)).toBe("jpeg");
    expect(sniffRaster(PNG)).toBe("png");
    expect(sniffRaster(Buffer.from("GIF89a\x01\x00", "latin1"))).toBe("gif");
    expect(sniffRaster(Buffer.from("RIFF\x10\x00\x00\x00WEBPVP8 ", "latin1"))).toBe("webp");
    expect(sniffRaster(Buffer.from("\x00\x00\x00\x1cftypavif\x00\x00", "latin1"))).toBe("avif");
    expect(sniffRaster(Buffer.from("<html><script>alert(1)</script>"))).toBeUndefined();
    expect(sniffRaster(Buffer.from("%PDF-1.7"))).toBeUndefined();
    expect(sniffRaster(Buffer.alloc(0))).toBeUndefined();
  });
});

describe("svgProblems", () => {
  it("accepts a drawing, with the metadata drawing programs write", () => {
    expect(svgProblems(SVG('<title>Logo</title><defs><linearGradient id="g"><stop offset="0"/></linearGradient></defs><rect width="10" height="10" fill="url(#g)" style="stroke: url(#g)"/><use xlink:href="#g"/><text>Budapest Process</text>'))).toEqual([]);
    expect(svgProblems(`<?xml version="1.0" encoding="UTF-8"?>\n${SVG('<metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description/></rdf:RDF></metadata><sodipodi:namedview xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"/><style>.a { fill: #123456; }</style><path class="a" d="M0 0h10v10z"/>')}`)).toEqual([]);
  });

  it.each([
    ["a script", SVG("<script>alert(1)</script>"), "1:104: <script> is a script"],
    ["a script in the XHTML namespace", SVG('<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>'), "<h:script> is not an SVG drawing element (namespace http://www.w3.org/1999/xhtml)"],
    ["an onload handler", SVG('<rect width="1" height="1"/>', ' onload="alert(1)"'), 'the event handler onload="alert(1)" on <svg> runs a script'],
    ["a handler in capitals", SVG('<rect ONCLICK="alert(1)"/>'), "the event handler ONCLICK"],
    ["a foreign object", SVG("<foreignObject><p>x</p></foreignObject>"), "<foreignObject> is a foreign object, which can hold a web page"],
    ["a link", SVG('<a href="https://example.org"><rect/></a>'), "<a> is a link"],
    ["an external use", SVG('<use href="https://example.org/x.svg#a"/>'), 'href="https://example.org/x.svg#a" on <use> refers to another file or address'],
    ["an xlink:href to a script", SVG('<use xlink:href="javascript:alert(1)"/>'), 'xlink:href="javascript:alert(1)" on <use> refers to another file or address'],
    ["an embedded picture", SVG('<image href="data:image/png;base64,AAAA"/>'), "<image> is an embedded picture"],
    ["an animation that rewrites a link", SVG('<set attributeName="href" to="javascript:alert(1)"/>'), "<set> is not a drawing element"],
    ["a style sheet that loads a file", SVG("<style>@import url(https://example.org/a.css);</style>"), "the style sheet holds @import"],
    ["a style attribute that loads a file", SVG('<rect style="fill: url(https://example.org/t.png)"/>'), "style on <rect> holds url(https://example.org/t.png), which loads another file"],
    ["a fill that loads a file", SVG('<rect fill="url(https://example.org/p.svg#g)"/>'), "fill on <rect> holds url(https://example.org/p.svg#g)"],
    ["a DOCTYPE with entities", `<!DOCTYPE svg [<!ENTITY a "aaaa">]>${SVG("<text>&a;</text>")}`, "a DOCTYPE declaration"],
    ["a style sheet instruction", `<?xml-stylesheet href="https://example.org/a.css"?>${SVG("")}`, "a processing instruction <?xml-stylesheet?>"],
    ["HTML named .svg", "<html><body><script>alert(1)</script></body></html>", "not an SVG picture: the first element is <html>"],
    ["broken XML", '<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>', "the SVG is not well-formed XML"],
  ])("refuses %s, at its place", (_name, text, message) => {
    const found = svgProblems(text).map((p) => `${p.line}:${p.col}: ${p.message}`);
    expect(found.join("\n")).toContain(message);
  });
});

describe("the images folder", () => {
  it("publishes pictures only, reporting everything else at its file", async () => {
    const data = await sampleCopy();
    // Without the sample's own stand-in pictures: this test makes the folder.
    await rm(path.join(data, "images"), { recursive: true });
    const outside = await tempDir();
    await writeFile(path.join(outside, "secret.png"), PNG);
    await put(data, "images/logo.svg", SVG('<rect width="10" height="10"/>'));
    await put(data, "images/photos/meeting.jpg", JPEG);
    await put(data, "images/diagram.png", PNG);
    await put(data, "images/notes.html", "<!doctype html><script>alert(1)</script>");
    await put(data, "images/evil.svg", SVG("<script>alert(1)</script>"));
    await put(data, "images/photo.html", JPEG);
    await put(data, "images/.DS_Store", "x");
    await symlink("/etc/passwd", path.join(data, "images/passwd.png"));
    await symlink(path.join(outside, "secret.png"), path.join(data, "images/secret.png"));
    await symlink("diagram.png", path.join(data, "images/diagram-link.png"));
    await symlink(outside, path.join(data, "images/elsewhere"));
    await symlink(path.join(data, "events"), path.join(data, "images/events"));

    const { pictures } = await scanPictures(data);
    expect(pictures.map((p) => `${p.path} ${p.type}`)).toEqual([
      "images/diagram-link.png png", "images/diagram.png png", "images/logo.svg svg", "images/photos/meeting.jpg jpeg",
    ]);
    const messages = (await diagnosticsOf(data)).filter((d) => d.startsWith("images/"));
    expect(messages).toEqual([
      `images/elsewhere: the folder is a link to ${outside}, outside the data folder; copy the folder in instead`,
      'images/evil.svg:1:104: <script> is a script; a published picture may only draw: remove it (an SVG is published only when it does nothing but draw)',
      "images/passwd.png: the file is a link to /etc/passwd, outside the data folder; copy the file in instead",
      'images/photo.html: the file holds a JPEG picture but its name ends in ".html", which would make browsers read it as something else; rename it to photo.jpg',
      `images/secret.png: the file is a link to ${path.join(outside, "secret.png")}, outside the data folder; copy the file in instead`,
      "images/events: warning: not published: a link to a folder is not followed; put the pictures in images/ itself",
      "images/notes.html: warning: not published: by its content it is not a picture (JPEG, PNG, GIF, WebP, AVIF or SVG); only pictures in images/ are published",
    ]);
  });

  it("warns, at its first text, of an SVG that writes text, which is drawn in each computer's own fonts; publishes it all the same", async () => {
    const data = await sampleCopy();
    await rm(path.join(data, "images"), { recursive: true });
    await put(data, "images/named.svg", SVG('\n<circle r="4"/>\n  <text x="1" font-family="Frutiger, Arial">Ministry</text><text>again</text>'));
    await put(data, "images/styled.svg", SVG('<text style="fill: #000; font-family: \'Gill Sans\'">Ministry</text>'));
    await put(data, "images/plain.svg", SVG("<g><text><tspan>Ministry</tspan></text></g>"));
    await put(data, "images/outlines.svg", SVG('<path d="M0 0h10v10z"/><title>text</title>'));
    const { pictures } = await scanPictures(data);
    expect(pictures.map((p) => p.path)).toEqual(["images/named.svg", "images/outlines.svg", "images/plain.svg", "images/styled.svg"]);
    const advice = "a picture cannot use the report's fonts, so each computer draws the text in a font it happens to have (and the PDF embeds that one, not the face the picture was drawn with). Convert the text to outlines (paths) in the drawing program";
    expect((await diagnosticsOf(data)).filter((d) => d.startsWith("images/"))).toEqual([
      `images/named.svg:3:3: warning: the picture writes text in the font "Frutiger, Arial"; ${advice}`,
      `images/plain.svg:1:107: warning: the picture writes text; ${advice}`,
      `images/styled.svg:1:104: warning: the picture writes text in the font "'Gill Sans'"; ${advice}`,
    ]);
  });

  it("refuses an images folder that is a link out of the data folder, and an events folder too", async () => {
    const data = await sampleCopy();
    // Without the sample's own stand-in pictures: this test makes the folder.
    await rm(path.join(data, "images"), { recursive: true });
    const outside = await tempDir();
    await put(outside, "images/logo.svg", SVG(""));
    await put(outside, "events/2018/2018-05-07-vienna-meeting.yaml", "title: x\n");
    await symlink(path.join(outside, "images"), path.join(data, "images"));
    await rm(path.join(data, "events"), { recursive: true });
    await symlink(path.join(outside, "events"), path.join(data, "events"));
    const messages = await diagnosticsOf(data);
    expect(messages).toContain(`images: the images folder is a link to ${path.join(outside, "images")}, outside the data folder; copy the pictures in instead`);
    expect(messages).toContain(`events: the events folder is a link to ${path.join(outside, "events")}, outside the data folder; copy the events in instead`);
  });

  it("refuses a logo reached through a link to any file, or one that is not a picture", async () => {
    const data = await sampleCopy();
    await rm(path.join(data, "images"), { recursive: true });
    const report = path.join(data, "report.yaml");
    // Without the sample's logos, which the older logo may not be written beside.
    const text = await withoutSamplePictures(data);
    const withLogo = (logo: string) => writeFile(report, text.replace("title: Annual Activity Report\n", `title: Annual Activity Report\nlogo: ${logo}\n`));
    await mkdir(path.join(data, "images"));
    await symlink("/etc/hostname", path.join(data, "images", "logo.svg"));
    await put(data, "images/readme.txt", "plain text");
    await withLogo("images/logo.svg");
    // The link is reported once, at the file; the logo field adds nothing to it.
    expect((await diagnosticsOf(data)).filter((d) => d.includes("logo"))).toEqual([
      "images/logo.svg: the file is a link to /etc/hostname, outside the data folder; copy the file in instead",
    ]);
    await withLogo("images/readme.txt");
    expect((await diagnosticsOf(data)).filter((d) => d.includes("logo") && d.startsWith("report.yaml"))).toEqual([
      'report.yaml:5:7: logo "images/readme.txt" must be a picture (SVG, PNG, JPEG, GIF, WebP or AVIF) in the images folder of the data folder, e.g. images/logo.svg',
    ]);
  });

});

describe("pictureStamps", () => {
  it("digests each picture's content, reads none again whose file is as last seen, and trusts no digest of a file that had just changed", async () => {
    const data = await sampleCopy();
    await rm(path.join(data, "images"), { recursive: true });
    await put(data, "images/logo.svg", SVG('<rect width="10" height="10"/>'));
    const photo = path.join(data, "images/photo.jpg");
    await writeFile(photo, JPEG);
    // A whole millisecond, so that the time set back below is the very same.
    const taken = new Date("2020-01-01T00:00:00Z");
    await utimes(photo, taken, taken);
    const { pictures } = await scanPictures(data);
    const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("base64url");
    // Just written: the digest is right, but not to be trusted next time (a second write within the clock's tick would not show).
    const fresh = await pictureStamps(pictures);
    expect(fresh["images/photo.jpg"]).toEqual({ signature: "", digest: sha(JPEG) });
    const { ctimeMs } = await stat(photo);
    while (Date.now() <= ctimeMs + HASH_SETTLED_MS + 50) await new Promise((resolve) => setTimeout(resolve, 100));
    const first = await pictureStamps(pictures, fresh);
    expect(first["images/photo.jpg"]!.signature).toContain(`:${JPEG.length}:`);
    expect(first["images/photo.jpg"]!.digest).toBe(sha(JPEG));
    // A stamp whose signature matches is taken as it is: the file is not read (its digest here is not the file's).
    const known = { ...first, "images/photo.jpg": { ...first["images/photo.jpg"]!, digest: "as last seen" } };
    expect((await pictureStamps(pictures, known))["images/photo.jpg"]!.digest).toBe("as last seen");
    // Replaced by another picture of the same size, its modification time set back as `cp -p` does: read again.
    const other = Buffer.from(JPEG);
    other[other.length - 3] = other[other.length - 3]! ^ 0xff;
    await writeFile(photo, other);
    await utimes(photo, taken, taken);
    expect([(await stat(photo)).size, (await stat(photo)).mtimeMs]).toEqual([JPEG.length, taken.getTime()]);
    expect((await pictureStamps(pictures, known))["images/photo.jpg"]!.digest).toBe(sha(other));
    await writeFile(path.join(data, "images/logo.svg"), SVG('<rect width="9" height="10"/>'));
    expect((await pictureStamps(pictures, first))["images/logo.svg"]!.digest).toBe(sha(Buffer.from(SVG('<rect width="9" height="10"/>'))));
  });
});
