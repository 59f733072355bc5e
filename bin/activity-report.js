#!/usr/bin/env node
// The sources are TypeScript, run through tsx's loader; Eleventy then imports .eleventy.ts the same way.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli.ts");
process.exitCode = await main(process.argv.slice(2));
// The command has done its work. After a print given up at its time limit, Puppeteer may still hold a
// timer of its own for half a minute; the command does not wait for it (normally nothing is left to wait for).
setTimeout(() => process.exit(), 2000).unref();
