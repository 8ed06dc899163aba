/**
 * Incidents from the supervision trees this server receives (`tree` frames on `/nodes`): each
 * tree goes through the pure detector (incidents-detect.ts) with what was remembered of that
 * node connection, and its findings are written to PostgreSQL (packages/db `incidents`), where
 * they are deduplicated for the whole cluster and announced to every server's feed.
 *
 * A node pushes to one server at a time, so one server detects; when it reconnects elsewhere
 * the other server starts from a baseline, and the database recognizes an incident it already
 * has. Writes run one after another (in tree order); a failed write is logged, and the next
 * tree that still shows the condition records it. Every `sweepMs` the server also ends crash
 * loops that went quiet — for the whole cluster, so a loop ends even if its server died.
 */
import { recordIncident, resolveIncidents, resolveQuietLoops, type Sql } from "@wippy/db";
import type { LiveTreeNode } from "@wippy/shared";
import { messageOf, type Logger } from "../log";
import { DEFAULT_INCIDENT_THRESHOLDS, detectIncidents, type Finding, type IncidentThresholds, type NodeTrack } from "./incidents-detect";

/** What the `/nodes` namespace tells the watch (nodes-namespace.ts). */
export interface TreeObserver {
  observe(connection: string, nodeId: string, tree: LiveTreeNode): void;
  forget(connection: string): void;
}

export class IncidentWatch implements TreeObserver {
  private readonly tracks = new Map<string, NodeTrack>();
  private queue: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly sql: Sql,
    private readonly log: Logger,
    private readonly thresholds: IncidentThresholds = DEFAULT_INCIDENT_THRESHOLDS,
    private readonly clock: () => number = Date.now,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.enqueue(() => this.sweep()), this.thresholds.sweepMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.queue;
  }

  observe(connection: string, nodeId: string, tree: LiveTreeNode): void {
    const now = this.clock();
    const { track, findings } = detectIncidents(this.tracks.get(connection), tree, now, this.thresholds);
    this.tracks.set(connection, track);
    for (const finding of findings) this.enqueue(() => this.record(nodeId, finding, new Date(now)));
  }

  forget(connection: string): void {
    this.tracks.delete(connection);
  }

  /** Resolves once every write queued so far is done (tests). */
  settled(): Promise<void> {
    return this.queue;
  }

  async sweep(): Promise<void> {
    await resolveQuietLoops(this.sql, new Date(this.clock() - this.thresholds.crashLoopWindowMs));
  }

  private enqueue(work: () => Promise<void>): void {
    this.queue = this.queue.then(work).catch((error: unknown) => this.log.warn({ err: messageOf(error) }, `recording a runtime incident failed: ${messageOf(error)}`));
  }

  private async record(nodeId: string, finding: Finding, at: Date): Promise<void> {
    if (finding.kind === "running") {
      await resolveIncidents(this.sql, { nodeId, services: finding.services, kinds: ["service_failed"], at });
      return;
    }
    const { incident, change } = await recordIncident(
      this.sql,
      {
        kind: finding.kind,
        nodeId,
        service: finding.service,
        episode: finding.episode,
        at,
        restarts: finding.restarts,
        message: finding.message,
        detail: { lastExit: finding.lastExit, windowMs: this.thresholds.crashLoopWindowMs, threshold: this.thresholds.crashLoopRestarts },
      },
      this.thresholds.crashLoopWindowMs,
    );
    // A failure ends the loop that led to it (the database would otherwise wait a window).
    if (finding.kind === "service_failed") await resolveIncidents(this.sql, { nodeId, services: [finding.service], kinds: ["crash_loop"], at });
    if (change === "opened") this.log.warn({ node: nodeId, entry: finding.service, incident: incident.id }, `incident: ${finding.message}`);
  }
}
