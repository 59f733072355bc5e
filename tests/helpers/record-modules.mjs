// Preloaded with --import: records every module the process loads, one URL a line, into $RECORD_MODULES.
import { register } from "node:module";
import { appendFileSync } from "node:fs";

const file = process.env.RECORD_MODULES;
const { port1, port2 } = new MessageChannel();
port1.on("message", (url) => appendFileSync(file, `${url}\n`));
port1.unref();
register("data:text/javascript," + encodeURIComponent(`
  let port;
  export function initialize(data) { port = data.port; }
  export async function resolve(specifier, context, next) {
    const result = await next(specifier, context);
    port.postMessage(result.url);
    return result;
  }
`), { data: { port: port2 }, transferList: [port2] });
