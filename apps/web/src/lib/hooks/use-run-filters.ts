"use client";
/**
 * The workflow list's filters from the URL, and `update(patch)` to change some of them. Each
 * patch applies to the newest filters asked for, not to this render's URL: `router.replace`
 * lands a moment later, and a second change in between (the debounced id search settling
 * just after a status was picked) must not undo the first. (As the registry list does.)
 */
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useRef } from "react";
import { readRunFilters, writeRunFilters, type RunFilters } from "@/lib/workflow-filters";

export function useRunFilters(): { filters: RunFilters; update: (patch: Partial<RunFilters>) => void } {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const filters = readRunFilters(new URLSearchParams(params.toString()));
  const requested = useRef<RunFilters | null>(null);
  if (requested.current && writeRunFilters(requested.current) === writeRunFilters(filters)) requested.current = null;
  const update = (patch: Partial<RunFilters>) => {
    const next = { ...(requested.current ?? filters), ...patch };
    requested.current = next;
    router.replace(`${pathname}${writeRunFilters(next)}`, { scroll: false });
  };
  return { filters, update };
}
