#!/usr/bin/env node
// The sources are TypeScript: run compiled (bin/compiled.js), or through tsx's loader where they cannot be.
import module from "node:module";
import { importCommand } from "./compiled.js";

// From Node 22.1 on, V8 keeps what it compiled of each module for the next command (a cache in the system's temporary folder).
module.enableCompileCache?.();

const { main } = await importCommand("src/cli.ts");
process.exitCode = await main(process.argv.slice(2));
// The command has done its work. After a print given up at its time limit, Puppeteer may still hold a
// timer of its own for half a minute; the command does not wait for it (normally nothing is left to wait for).
setTimeout(() => process.exit(), 2000).unref();
