/**
 * The registry folder's public surface: applications on disk ⇄ registry entries.
 *
 * - `loadAppDir(dir, { checkLua })` reads an application folder (LUA_API.md §1).
 * - `exportAppDir(entries, dir, { force })` writes entries back in the same format.
 * - Kind schemas and defaults for readers of entry data (supervision, hosts, Lua).
 */
export { loadAppDir } from "./load-app-dir";
export type { LoadOptions, LoadResult } from "./load-app-dir";
export { exportAppDir } from "./export-app-dir";
export type { ExportOptions, ExportResult } from "./export-app-dir";
export { formatDiagnostic, sortDiagnostics } from "./diagnostic";
export type { Diagnostic, Position } from "./diagnostic";
export type { CheckLua, LuaCheckResult } from "./lua-entry-check";
export { detectReturnShape } from "./lua-return-shape";
export type { ReturnShape } from "./lua-return-shape";
export { REFERENCE_PATHS, referencePathsOf, resolveReferences } from "./references";
// One definition text at a time (the control plane's YAML view of an entry): parse, read, check
// and render it exactly as `loadAppDir` / `exportAppDir` do for files.
export { parseDefinitionFile } from "./definition-file";
export type { DefinitionFile, FieldPath, ParsedFile, WrittenEntry } from "./definition-file";
export { readEntry } from "./read-entry";
export { validateEntry } from "./validate-entry";
export type { FieldProblem } from "./validate-entry";
export { renderDefinitionFile } from "./render-yaml";
export { orderFields } from "./export-layout";
export type { OrderedValue } from "./export-layout";
export { INDEX_FILE, MANIFEST_FILE, namespaceFolder } from "./export-layout";
export {
  DEFAULT_SUPERVISOR,
  DEFAULT_WORKFLOW_HOST,
  KIND_SPECS,
  SUPERVISOR_STRATEGIES,
  isKnownKind,
  isLuaKind,
  luaFunctionSchema,
  luaLibrarySchema,
  metaSchema,
  processHostSchema,
  processServiceSchema,
  processSupervisorSchema,
  registryEntrySchema,
  terminalHostSchema,
  workflowHostSchema,
} from "./kind-schemas";
export type { KindSpec, KnownKind, SupervisorStrategy } from "./kind-schemas";
export {
  DEFAULT_LIFECYCLE,
  ON_CHANGE_MODES,
  RESTART_TYPES,
  durationSchema,
  lifecycleSchema,
  restartPolicySchema,
} from "./lifecycle-schema";
export type { Lifecycle, OnChangeMode, RestartType } from "./lifecycle-schema";
export { namespaceMatches, REVIEW_RULES_KIND, ReviewRules, reviewRulesSchema, type ChangeAuthorKind, type ReviewRequirement } from "./review-rules";
export * from "./view";
