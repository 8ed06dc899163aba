import { defineProject } from "vitest/config";

// Run from the repository root (`npm test`, or `npm test -w @wippy/web`): the root config starts
// the test PostgreSQL servers once for every project. These are the custom server's tests (real
// PostgreSQL, real socket.io connections) and the UI's pure helpers (src/lib); the pages are
// covered by the Playwright specs in e2e/.
export default defineProject({ test: { include: ["server/**/*.test.ts", "src/**/*.test.ts"], testTimeout: 60_000, hookTimeout: 60_000 } });
