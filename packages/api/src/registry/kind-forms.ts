/**
 * What the entry form edits for each known kind (LUA_API.md §1). Any other kind — and any field
 * not listed here — is edited in the YAML view; the form never drops a field it does not show.
 *
 * Terms:
 * - `path`: the field under `data` (or under `meta` in `meta` lists), dotted (`host.workers`);
 *   `""` is the whole of `data` (a `registry.entry` is free JSON).
 * - `control`: how the UI edits it — `lua` (Monaco), `text`, `entryRef`/`entryRefs` (pick
 *   entries, optionally of `refKinds`), `modules` (module names), `imports` (alias → library),
 *   `enum` (`options`), `integer`, `number`, `duration` (Go-style `"5s"`), `boolean`, `json`
 *   (free JSON, e.g. service `input` or `registry.entry` data).
 */
import type { JsonValue } from "@wippy/shared";
import { DEFAULT_LIFECYCLE, DEFAULT_SUPERVISOR, DEFAULT_WORKFLOW_HOST, ON_CHANGE_MODES, RESTART_TYPES, SUPERVISOR_STRATEGIES, type KnownKind } from "@wippy/runtime/registry";

export type FieldControl = "lua" | "text" | "entryRef" | "entryRefs" | "modules" | "imports" | "enum" | "integer" | "number" | "duration" | "boolean" | "json";

export interface FormField {
  path: string;
  label: string;
  control: FieldControl;
  required?: boolean;
  options?: readonly string[];
  refKinds?: readonly string[];
  default?: JsonValue;
  help?: string;
}

export interface KindForm {
  kind: KnownKind;
  description: string;
  /** Carries a Lua `source`. */
  lua: boolean;
  /** Can be run from the UI (`functions.run`). */
  runnable: boolean;
  fields: FormField[];
  meta: FormField[];
}

const HOST_KINDS = ["process.host", "terminal.host", "workflow.host"] as const;
const SERVICE_PARENTS = ["process.supervisor"] as const;

const COMMON_META: FormField[] = [
  { path: "title", label: "Title", control: "text" },
  { path: "comment", label: "Comment", control: "text" },
];

const CHILD_META: FormField[] = [
  ...COMMON_META,
  { path: "supervisor", label: "Supervisor", control: "entryRef", refKinds: SERVICE_PARENTS, help: "the process.supervisor this child runs under; none = the node's root" },
  { path: "order", label: "Start order", control: "number" },
];

function luaFields(callable: boolean): FormField[] {
  const fields: FormField[] = [
    { path: "source", label: "Source", control: "lua", required: true },
    { path: "modules", label: "Modules", control: "modules", help: "modules the source may require()" },
    { path: "imports", label: "Imports", control: "imports", refKinds: ["library.lua"], help: "alias → library.lua entry, for require(alias)" },
  ];
  if (callable) fields.splice(1, 0, { path: "method", label: "Method", control: "text", help: "the function of the returned table to run" });
  return fields;
}

const LIFECYCLE: FormField[] = [
  { path: "lifecycle.auto_start", label: "Start automatically", control: "boolean", default: DEFAULT_LIFECYCLE.auto_start },
  { path: "lifecycle.depends_on", label: "Depends on", control: "entryRefs" },
  { path: "lifecycle.restart_type", label: "Restart type", control: "enum", options: RESTART_TYPES, default: DEFAULT_LIFECYCLE.restart_type },
  { path: "lifecycle.on_change", label: "On change", control: "enum", options: ON_CHANGE_MODES, default: DEFAULT_LIFECYCLE.on_change },
  { path: "lifecycle.start_timeout", label: "Start timeout", control: "duration", default: DEFAULT_LIFECYCLE.start_timeout },
  { path: "lifecycle.stop_timeout", label: "Stop timeout", control: "duration", default: DEFAULT_LIFECYCLE.stop_timeout },
  { path: "lifecycle.restart.initial_delay", label: "Restart: initial delay", control: "duration", default: DEFAULT_LIFECYCLE.restart.initial_delay },
  { path: "lifecycle.restart.max_delay", label: "Restart: max delay", control: "duration", default: DEFAULT_LIFECYCLE.restart.max_delay },
  { path: "lifecycle.restart.backoff_factor", label: "Restart: backoff factor", control: "number", default: DEFAULT_LIFECYCLE.restart.backoff_factor },
  { path: "lifecycle.restart.max_attempts", label: "Restart: max attempts (0 = forever)", control: "integer", default: DEFAULT_LIFECYCLE.restart.max_attempts },
];

export const KIND_FORMS: readonly KindForm[] = [
  { kind: "function.lua", description: "a Lua function, called with funcs.call or run from here", lua: true, runnable: true, fields: [...luaFields(true), { path: "pool", label: "Pool", control: "json" }], meta: COMMON_META },
  {
    kind: "process.lua",
    description: "Lua code run as a process (spawned on a host, or by a service)",
    lua: true,
    runnable: false,
    fields: luaFields(true),
    meta: [...COMMON_META, { path: "default_host", label: "Default host", control: "entryRef", refKinds: HOST_KINDS, help: "lets funcs.call run it as a function" }],
  },
  { kind: "workflow.lua", description: "Lua code that runs durably (replayed from its history)", lua: true, runnable: false, fields: luaFields(true), meta: COMMON_META },
  { kind: "library.lua", description: "Lua code imported by others through imports", lua: true, runnable: false, fields: luaFields(false), meta: COMMON_META },
  {
    kind: "process.host",
    description: "a host processes are spawned on",
    lua: false,
    runnable: false,
    fields: [{ path: "host.workers", label: "Workers", control: "integer" }, { path: "host.queue_size", label: "Queue size", control: "integer" }, ...LIFECYCLE],
    meta: CHILD_META,
  },
  { kind: "terminal.host", description: "a host with stdin/stdout (io module) for CLI runs", lua: false, runnable: false, fields: [{ path: "hide_logs", label: "Hide logs", control: "boolean" }, ...LIFECYCLE], meta: CHILD_META },
  {
    kind: "process.service",
    description: "keeps a process.lua running on a host, restarted by policy",
    lua: false,
    runnable: false,
    fields: [
      { path: "process", label: "Process", control: "entryRef", required: true, refKinds: ["process.lua"] },
      { path: "host", label: "Host", control: "entryRef", required: true, refKinds: HOST_KINDS },
      { path: "input", label: "Input arguments", control: "json" },
      ...LIFECYCLE,
    ],
    meta: CHILD_META,
  },
  {
    kind: "process.supervisor",
    description: "an OTP supervisor: restarts its children by strategy, within intensity per period",
    lua: false,
    runnable: false,
    fields: [
      { path: "strategy", label: "Strategy", control: "enum", options: SUPERVISOR_STRATEGIES, default: DEFAULT_SUPERVISOR.strategy },
      { path: "intensity", label: "Intensity (restarts per period)", control: "integer", default: DEFAULT_SUPERVISOR.intensity },
      { path: "period", label: "Period", control: "duration", default: DEFAULT_SUPERVISOR.period },
      ...LIFECYCLE,
    ],
    meta: CHILD_META,
  },
  {
    kind: "workflow.host",
    description: "a host for durable workflows, served by every runtime node",
    lua: false,
    runnable: false,
    fields: [{ path: "workers", label: "Workers", control: "integer" }, { path: "lease", label: "Lease", control: "duration", default: DEFAULT_WORKFLOW_HOST.lease }, ...LIFECYCLE],
    meta: CHILD_META,
  },
  {
    kind: "registry.entry",
    description: "free configuration data, read with registry.get",
    lua: false,
    runnable: false,
    fields: [{ path: "", label: "Data", control: "json" }],
    meta: COMMON_META,
  },
];
