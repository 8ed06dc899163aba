/**
 * The workflow list's filters, kept in the URL (`/workflows?status=running&workflow=app:order`
 * `&id=order-&from=2025-11-25T09:00&to=…`) so a filtered list can be linked, reloaded and reached
 * back with the browser's history. `from` / `to` are the `datetime-local` text as typed (the
 * viewer's time zone); `toListInput` turns them into the API's epoch-ms range.
 */
import { parseLocalDateTime } from "./format";

export const RUN_STATUS_FILTERS = ["running", "halted", "completed", "failed", "canceled", "terminated"] as const;
export type RunStatusFilter = (typeof RUN_STATUS_FILTERS)[number];

export interface RunFilters {
  status?: RunStatusFilter;
  workflow?: string;
  /** A part of the run id. */
  id?: string;
  from?: string;
  to?: string;
}

function isStatus(value: string | null): value is RunStatusFilter {
  return value !== null && (RUN_STATUS_FILTERS as readonly string[]).includes(value);
}

export function readRunFilters(params: URLSearchParams): RunFilters {
  const status = params.get("status");
  return {
    status: isStatus(status) ? status : undefined,
    workflow: params.get("workflow") || undefined,
    id: params.get("id") || undefined,
    from: params.get("from") || undefined,
    to: params.get("to") || undefined,
  };
}

export function writeRunFilters(filters: RunFilters): string {
  const params = new URLSearchParams();
  for (const key of ["status", "workflow", "id", "from", "to"] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The list query's input; a time that does not parse is left out (the filter bar flags it). */
export function toListInput(filters: RunFilters) {
  return {
    status: filters.status,
    workflow: filters.workflow,
    id: filters.id,
    createdFrom: parseLocalDateTime(filters.from ?? "")?.getTime(),
    createdTo: parseLocalDateTime(filters.to ?? "")?.getTime(),
  };
}

/** Why the time range cannot be used, or null. */
export function rangeProblem(filters: RunFilters): string | null {
  const { createdFrom, createdTo } = toListInput(filters);
  if (filters.from && createdFrom === undefined) return "The start time is not a date.";
  if (filters.to && createdTo === undefined) return "The end time is not a date.";
  if (createdFrom !== undefined && createdTo !== undefined && createdFrom >= createdTo) return "The start of the time range must be before its end.";
  return null;
}
