/**
 * Loads Monaco in the browser from this server's `/monaco/vs` (copied from the local
 * monaco-editor package when next.config.ts loads; see there why the AMD bundle), once per page,
 * and registers the Wippy Lua language, its completion and hover docs, and the theme.
 *
 * Only types are imported from "monaco-editor": no editor code enters the Next bundles, so
 * pages that never show an editor never pay for it.
 */
import type * as Monaco from "monaco-editor";
import { createLuaCompletionProvider } from "./lua-completion";
import { createLuaHoverProvider } from "./lua-hover";
import { LUA_LANGUAGE_ID, WIPPY_THEME, luaLanguageConfiguration, luaMonarch, wippyTheme } from "./lua-language";

export type MonacoApi = typeof Monaco;

export const MONACO_BASE_URL = "/monaco/vs";
const LOADER_SCRIPT_ID = "wippy-monaco-loader";

interface AmdRequire {
  (deps: string[], onLoad: () => void, onError: (error: unknown) => void): void;
  config(config: { paths: Record<string, string> }): void;
}

interface MonacoWindow {
  require?: AmdRequire;
  monaco?: MonacoApi;
}

let pending: Promise<MonacoApi> | null = null;

export function loadMonaco(): Promise<MonacoApi> {
  if (typeof window === "undefined") return Promise.reject(new Error("Monaco runs in the browser only"));
  pending ??= loadAmdBundle().then(
    (monaco) => {
      registerWippyLanguage(monaco);
      return monaco;
    },
    (error: unknown) => {
      // Let the next editor try again (e.g. after the server came back).
      pending = null;
      throw error;
    },
  );
  return pending;
}

function injectLoaderScript(): Promise<void> {
  return new Promise((resolve, reject) => {
    if (document.getElementById(LOADER_SCRIPT_ID)) {
      resolve();
      return;
    }
    const script = document.createElement("script");
    script.id = LOADER_SCRIPT_ID;
    script.src = `${MONACO_BASE_URL}/loader.js`;
    script.async = true;
    script.onload = () => resolve();
    script.onerror = () => {
      script.remove();
      reject(new Error(`Could not load the editor from ${MONACO_BASE_URL} (it is copied there when next.config.ts loads)`));
    };
    document.head.appendChild(script);
  });
}

async function loadAmdBundle(): Promise<MonacoApi> {
  const w = window as unknown as MonacoWindow;
  if (w.monaco) return w.monaco;
  await injectLoaderScript();
  const amdRequire = w.require;
  if (!amdRequire) throw new Error("The Monaco loader did not define require()");
  amdRequire.config({ paths: { vs: MONACO_BASE_URL } });
  await new Promise<void>((resolve, reject) => {
    amdRequire(["vs/editor/editor.main"], resolve, (error) => reject(error instanceof Error ? error : new Error(String(error))));
  });
  if (!w.monaco) throw new Error("Monaco loaded but did not define window.monaco");
  return w.monaco;
}

function registerWippyLanguage(monaco: MonacoApi): void {
  if (monaco.languages.getLanguages().some((l) => l.id === LUA_LANGUAGE_ID)) return;
  monaco.languages.register({ id: LUA_LANGUAGE_ID, extensions: [".lua"], aliases: ["Wippy Lua", "lua"] });
  monaco.languages.setLanguageConfiguration(LUA_LANGUAGE_ID, luaLanguageConfiguration);
  monaco.languages.setMonarchTokensProvider(LUA_LANGUAGE_ID, luaMonarch);
  monaco.languages.registerCompletionItemProvider(LUA_LANGUAGE_ID, createLuaCompletionProvider(monaco));
  monaco.languages.registerHoverProvider(LUA_LANGUAGE_ID, createLuaHoverProvider(monaco));
  monaco.editor.defineTheme(WIPPY_THEME, wippyTheme);
}
