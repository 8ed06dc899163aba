#!/usr/bin/env node
// The `wippy` command. Sources are TypeScript run through tsx (no build step for the CLI).
import { register } from "tsx/esm/api";
register();
await import("../src/main.ts");
