/**
 * The built-in modules of LUA_API.md §3–§6. Globals: `process`, `channel`, `errors`.
 * With `require` (and a `modules:` entry): `time`, `json`, `uuid`, `logger`, `ctx`, `security`. `io` is
 * added per terminal host by the runtime.
 */
import { channelModule } from "./channel";
import { ctxModule } from "./ctx";
import type { ModuleDefinition } from "./define-module";
import { errorsModule } from "./errors";
import { jsonModule } from "./json";
import { loggerModule } from "./logger";
import { processModule } from "./process";
import { securityModule } from "./security";
import { timeModule } from "./time";
import { uuidModule } from "./uuid";

export const BUILTIN_MODULES: readonly ModuleDefinition[] = [errorsModule, channelModule, processModule, timeModule, jsonModule, uuidModule, loggerModule, ctxModule, securityModule];
