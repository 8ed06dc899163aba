import { defineProject } from "vitest/config";

// Run from the repository root (`npm test`, or `npm test -w <pkg>`): the root config starts the
// test PostgreSQL servers once for every project.
export default defineProject({ test: { include: ["src/**/*.test.ts"], testTimeout: 30_000, hookTimeout: 60_000 } });
