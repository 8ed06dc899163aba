"use client";
/** React access to the facade: `{ monaco }` once loaded, or `{ error }`. */
import { useEffect, useState } from "react";
import { loadMonaco, type MonacoApi } from "./loader";

export type MonacoState = { status: "loading" } | { status: "ready"; monaco: MonacoApi } | { status: "error"; error: Error };

export function useMonaco(): MonacoState {
  const [state, setState] = useState<MonacoState>({ status: "loading" });
  useEffect(() => {
    let active = true;
    loadMonaco().then(
      (monaco) => active && setState({ status: "ready", monaco }),
      (error: unknown) => active && setState({ status: "error", error: error instanceof Error ? error : new Error(String(error)) }),
    );
    return () => {
      active = false;
    };
  }, []);
  return state;
}
