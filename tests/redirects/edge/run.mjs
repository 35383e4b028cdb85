// Run a generated edge function in Node on request targets, as its platform would call it.
// node run.mjs FUNCTION.js PLATFORM CASES.json  ->  {"target": [status, location|null], ...} on stdout
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [, , file, platform, casesFile] = process.argv;
const mod = await import(pathToFileURL(file).href);
const targets = JSON.parse(readFileSync(casesFile, "utf8"));
const out = {};
for (const target of targets) {
  const request = new Request("http://127.0.0.1" + target);
  let response;
  if (platform === "cloudflare-pages") {
    // context.next() is what the site would serve: here, nothing (404)
    response = await mod.onRequest({ request, next: () => new Response("not found", { status: 404 }) });
  } else {
    response = await mod.default(request, {});
  }
  out[target] = response === undefined ? [404, null] : [response.status, response.headers.get("location")];
}
process.stdout.write(JSON.stringify(out));
