#!/usr/bin/env node
// The sources are TypeScript, run through tsx's loader; Eleventy then imports .eleventy.ts the same way.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli.ts");
process.exitCode = await main(process.argv.slice(2));
