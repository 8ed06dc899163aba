"use client";
/**
 * True for `ms` after `key` changes (not on first render): a node flashes when its child
 * crashed (its last exit time moved), so a restart is seen even when it is instant.
 */
import { useEffect, useRef, useState } from "react";

export const FLASH_MS = 1_500;

export function useFlash(key: unknown, ms = FLASH_MS): boolean {
  const first = useRef(key);
  const [flashing, setFlashing] = useState(false);
  useEffect(() => {
    if (key === first.current) return;
    first.current = key;
    setFlashing(true);
    const timer = setTimeout(() => setFlashing(false), ms);
    return () => clearTimeout(timer);
  }, [key, ms]);
  return flashing;
}
