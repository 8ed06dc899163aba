#!/usr/bin/env node
// `npm run bench -- <name>` runs bench/<name>/index.ts and prints its JSON. Without a name it
// lists the benchmarks.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const benches = fs.readdirSync(path.join(root, "bench"), { withFileTypes: true })
  .filter((d) => d.isDirectory() && fs.existsSync(path.join(root, "bench", d.name, "index.ts")))
  .map((d) => d.name);
const name = process.argv[2];
if (!name || !benches.includes(name)) {
  console.error(`usage: npm run bench -- <name>\nbenchmarks: ${benches.join(", ")}`);
  process.exit(name ? 2 : 0);
}
const r = spawnSync(process.execPath, ["--import", "tsx", path.join(root, "bench", name, "index.ts"), ...process.argv.slice(3)], { stdio: "inherit" });
process.exit(r.status ?? 1);
