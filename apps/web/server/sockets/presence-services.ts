/**
 * The collaboration services of one control-plane server (issue 9), started with it and stopped
 * before its database clients close: the registry follower behind save notices and the feed's
 * versions (presence-versions.ts), the comment and incident relays (presence-notices.ts), and
 * the incident watch over the trees nodes push (incidents.ts). Presence itself needs no
 * service: it is served per socket (presence.ts).
 */
import type { RegistryStore, Sql } from "@wippy/db";
import type { Logger } from "../log";
import { IncidentWatch } from "./incidents";
import type { IncidentThresholds } from "./incidents-detect";
import type { UiNamespace } from "./io";
import { NoticeRelay } from "./presence-notices";
import { SaveRelay } from "./presence-versions";

export interface Collaboration {
  readonly incidents: IncidentWatch;
  stop(): Promise<void>;
}

export interface CollaborationOptions {
  readonly ui: UiNamespace;
  readonly sql: Sql;
  readonly registry: RegistryStore;
  readonly databaseUrl: string;
  readonly log: Logger;
  readonly thresholds?: IncidentThresholds;
}

export async function startCollaboration(opts: CollaborationOptions): Promise<Collaboration> {
  const saves = new SaveRelay(opts.ui, opts.registry, opts.sql, opts.log);
  const notices = new NoticeRelay(opts.ui, opts.sql, opts.log);
  const incidents = new IncidentWatch(opts.sql, opts.log, opts.thresholds);
  const stop = async () => {
    await incidents.stop();
    await Promise.all([saves.stop(), notices.stop()]);
  };
  try {
    await saves.start(opts.databaseUrl);
    await notices.start(opts.databaseUrl);
    incidents.start();
  } catch (error) {
    await stop();
    throw error;
  }
  return { incidents, stop };
}
