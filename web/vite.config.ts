import { defineConfig } from "vitest/config";

// The console is served by Cantus itself (web/dist is copied beside the server), so every
// asset is local: no CDN, nothing fetched at run time from elsewhere.
export default defineConfig({
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
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
