// Writes .br and .gz beside every text asset of the build, so that the server sends them
// compressed without compressing on each request (the server picks by Accept-Encoding).
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const root = new URL("../dist/assets/", import.meta.url).pathname;
let raw = 0;
let gz = 0;
for (const name of readdirSync(root)) {
  if (!/\.(js|css|svg|json|html)$/.test(name)) continue;
  const path = join(root, name);
  const bytes = readFileSync(path);
  const gzipped = gzipSync(bytes, { level: 9 });
  writeFileSync(`${path}.gz`, gzipped);
  writeFileSync(`${path}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  raw += statSync(path).size;
  gz += gzipped.length;
}
console.log(`console assets: ${(raw / 1024).toFixed(0)} KB, ${(gz / 1024).toFixed(0)} KB gzipped`);
