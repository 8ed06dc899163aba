/**
 * Next.js configuration for the control plane UI. The custom server (server/main.ts) loads this
 * same file, so everything here applies to `next build`, `next dev` and production alike.
 *
 * Monaco: loading this file copies Monaco's prebuilt AMD bundle (`monaco-editor/min/vs`) to
 * `public/monaco/vs` (git-ignored), so the browser loads the editor from this server and never
 * from a CDN (these machines are offline). Why the AMD bundle and not the ESM build through
 * Next's bundler: the ESM build imports CSS from inside node_modules and starts its web workers
 * with `new URL(…, import.meta.url)`, both of which depend on bundler-specific handling
 * (Turbopack vs webpack) that has changed between Next releases. The AMD bundle is
 * self-contained: `loader.js` loads `editor.main.js`, which injects its own CSS and starts its
 * workers from same-origin URLs. The price is a 25 MB copy, made again whenever the installed
 * monaco-editor version changes. It lives here, not in a separate script, because this is the
 * one file every way of running the UI loads (and Next's config loader does not resolve
 * TypeScript imports under every runner, e.g. tsx).
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { NextConfig } from "next";

// Next compiles this file to CommonJS with the app folder as __dirname; the fallback covers a
// loader that keeps it ESM (cwd is then the app folder, as `next build` runs there).
const webDir = typeof __dirname === "string" ? __dirname : process.cwd();

function ensureMonacoAssets(): void {
  const require = createRequire(path.join(webDir, "package.json"));
  // The package's `require` export is min/vs/index.js: its folder is the whole AMD bundle.
  const source = path.dirname(require.resolve("monaco-editor"));
  const { version } = JSON.parse(readFileSync(path.join(source, "..", "..", "package.json"), "utf8")) as { version: string };
  const target = path.join(webDir, "public", "monaco");
  const stamp = path.join(target, "VERSION");
  if (existsSync(stamp) && readFileSync(stamp, "utf8").trim() === version && existsSync(path.join(target, "vs", "loader.js"))) return;
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  cpSync(source, path.join(target, "vs"), { recursive: true });
  writeFileSync(stamp, `${version}\n`);
}

ensureMonacoAssets();

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Workspace packages ship TypeScript sources.
  // @wippy/runtime: the supervision canvas validates with the runtime's own (pure) supervision planner.
  transpilePackages: ["@wippy/shared", "@wippy/runtime"],
  turbopack: { root: path.resolve(webDir, "..", "..") },
  outputFileTracingRoot: path.resolve(webDir, "..", ".."),
  // Browsers ask for /favicon.ico before (or without) reading the page's <link rel="icon">:
  // answer with the app's icon instead of a 404 in every console.
  rewrites: async () => [{ source: "/favicon.ico", destination: "/icon.svg" }],
};

export default config;
