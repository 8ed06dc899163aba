/**
 * The Monaco facade: the only way the UI reaches the editor. Components import from here,
 * never from "monaco-editor" directly (except types).
 */
export { loadMonaco, MONACO_BASE_URL, type MonacoApi } from "./loader";
export { useMonaco, type MonacoState } from "./use-monaco";
export { LUA_LANGUAGE_ID, WIPPY_THEME } from "./lua-language";
export { setSyntaxMarkers, SYNTAX_MARKER_OWNER, type SourceDiagnostic } from "./markers";
