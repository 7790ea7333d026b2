import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { Plugin } from "vite";
import { defineConfig } from "vitest/config";

/**
 * Writes .br and .gz beside every text asset of the build, so that the server sends them
 * compressed without compressing on each request (it picks by Accept-Encoding).
 */
function precompress(): Plugin {
  let outDir = "dist";
  return {
    name: "cantus-precompress",
    apply: "build",
    configResolved: (config) => void (outDir = config.build.outDir),
    closeBundle() {
      const assets = join(outDir, "assets");
      let raw = 0;
      let gz = 0;
      for (const name of readdirSync(assets)) {
        if (!/\.(js|css|svg|json)$/.test(name)) continue;
        const bytes = readFileSync(join(assets, name));
        const gzipped = gzipSync(bytes, { level: 9 });
        writeFileSync(join(assets, `${name}.gz`), gzipped);
        writeFileSync(join(assets, `${name}.br`), brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
        raw += bytes.length;
        gz += gzipped.length;
      }
      console.log(`console assets: ${(raw / 1024).toFixed(0)} KB, ${(gz / 1024).toFixed(0)} KB gzipped`);
    },
  };
}

// The console is served by Cantus itself (web/dist is copied beside the server), so every
// asset is local: no CDN, nothing fetched at run time from elsewhere.
export default defineConfig({
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  plugins: [precompress()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    // `npm run dev` beside `./cantus serve`: the API is proxied to the server.
    proxy: { "/api": "http://127.0.0.1:5217", "/openapi": "http://127.0.0.1:5217" },
  },
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
