import { defineProject } from "vitest/config";

// Run from the repository root (`npm test`, or `npm test -w <pkg>`): the root config starts the
// test PostgreSQL servers once for every project. These tests drive the real `wippy` binary, a
// process per command (~1–3 s each on a busy two-core machine), so a test gets a minute.
export default defineProject({ test: { include: ["src/**/*.test.ts"], testTimeout: 60_000, hookTimeout: 60_000 } });
