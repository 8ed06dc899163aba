"use client";
/**
 * A page-wide keyboard shortcut: `mod` is Ctrl, or Cmd on macOS. The browser's own action
 * (save page, focus address bar) is prevented.
 */
import { useEffect, useRef } from "react";

export function useShortcut(key: string, handler: () => void, options: { mod?: boolean; enabled?: boolean } = {}): void {
  const { mod = true, enabled = true } = options;
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== key.toLowerCase()) return;
      if (mod && !(event.ctrlKey || event.metaKey)) return;
      if (event.defaultPrevented) return;
      event.preventDefault();
      latest.current();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [key, mod, enabled]);
}
