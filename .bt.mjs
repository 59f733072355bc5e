import { build } from "esbuild";
const inline = new Set(process.argv.slice(2));
const r = await build({
  entryPoints: ["src/cli.ts"], outdir: "/tmp/bt/out", outExtension: { ".js": ".mjs" }, bundle: true, splitting: true, format: "esm", platform: "node", target: "node20.12", metafile: true, logLevel: "warning",
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  plugins: [{ name: "ext", setup(b) { b.onResolve({ filter: /^[^./]/ }, (a) => { if (a.path.startsWith("node:")) return { external: true }; const name = a.path.startsWith("@") ? a.path.split("/").slice(0,2).join("/") : a.path.split("/")[0]; if (inline.has(name)) return undefined; return { external: true }; }); } }],
});
