/**
 * The registry as the specs see it through the API: the few response shapes they read, and
 * disposable entries. Specs that write make their own `function.lua` (a copy of the app's
 * `shop:quote` under a fresh name), so no spec depends on what another one changed.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { E2E_DIR } from "./env";
import type { TrpcClient } from "./trpc";

export interface Entry {
  id: string;
  kind: string;
  meta: Record<string, unknown>;
  data: Record<string, unknown>;
}

export interface EntryRead {
  entry: Entry;
  version: number;
  lastChange: { version: number; author: string; message: string };
}

export interface Revision {
  version: { id: number; author: string; source: string; message: string };
  op: "create" | "update" | "delete";
  entry: Entry | null;
}

export interface NodeInfo {
  id: string;
  address: string;
  registryVersion: number;
  processes: number;
}

/** The app's function (e2e/app/quote.lua) as it is on disk. */
export const QUOTE_SOURCE = readFileSync(path.join(E2E_DIR, "app", "quote.lua"), "utf8");

/** A name no other spec (or earlier run on the same database) uses. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}

/** Creates `shop:<name>`, a copy of `shop:quote`, and answers its id and the version that made it. */
export async function createQuoteCopy(api: TrpcClient, name: string, source = QUOTE_SOURCE): Promise<{ id: string; version: number }> {
  const id = `shop:${name}`;
  const created = await api.mutationOrThrow<{ version: number | null }>("registry.create", {
    entry: {
      id,
      kind: "function.lua",
      meta: { title: `Copy of the price quote (${name})`, comment: "made by an end-to-end spec" },
      data: { source, method: "handler", modules: ["registry"] },
    },
    message: `e2e: create ${id}`,
  });
  if (created.version === null) throw new Error(`creating ${id} made no version`);
  return { id, version: created.version };
}

export function readEntry(api: TrpcClient, id: string): Promise<EntryRead> {
  return api.queryOrThrow<EntryRead>("registry.get", { id });
}

export async function entryRevisions(api: TrpcClient, id: string): Promise<Revision[]> {
  return (await api.queryOrThrow<{ revisions: Revision[] }>("history.entry", { id })).revisions;
}

export function entryPath(id: string, tab?: string): string {
  const base = `/registry/${encodeURIComponent(id)}`;
  return tab ? `${base}?tab=${tab}` : base;
}

export function entryHistoryPath(id: string): string {
  return `/registry/${encodeURIComponent(id)}/history`;
}
