"use client";
/**
 * A `process.service` entry: the process it runs and the host it runs on, its restart type, its
 * issues and (when telemetry provides it) its live state. Only a top handle: a service has no
 * children.
 *
 * Hosts are shown as a badge on each service rather than as nodes of their own: a host is not
 * part of the supervision tree (a service is *placed* under a supervisor but *spawned on* a
 * host), and drawing hosts as nodes would add an edge from every service across the tree —
 * a web of crossings on any real tree, and no layout can keep it a tree. The badge turns red
 * when the host is missing or of the wrong kind.
 */
import { Handle, Position, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import { splitEntryId } from "@/lib/entry-id";
import { restartTypeOf } from "@/lib/supervision/model";
import { HOST_KINDS } from "@/lib/supervision/terms";
import type { ServiceFlowNode } from "./flow-elements";
import { LiveLine } from "./LiveLine";
import { NodeIssueLine } from "./NodeIssueLine";
import styles from "./supervision.module.css";
import { useCanvas } from "./use-canvas";

function ServiceNodeView({ id, isConnectable }: NodeProps<ServiceFlowNode>) {
  const entry = useCanvas((s) => s.model.entries.get(id));
  const issues = useCanvas((s) => s.issues.byNode.get(id));
  const live = useCanvas((s) => s.live.get(id));
  const selected = useCanvas((s) => s.selected === id);
  const host = typeof entry?.data.host === "string" ? entry.data.host : null;
  const hostKind = useCanvas((s) => (host ? s.model.catalog.get(host) : undefined));
  if (!entry) return null;
  const { namespace, name } = splitEntryId(id);
  const process = typeof entry.data.process === "string" ? entry.data.process : null;
  const hostOk = hostKind !== undefined && HOST_KINDS.has(hostKind);
  const restartType = restartTypeOf(entry);
  return (
    <div
      className={[styles.node, styles.service, issues ? styles.invalid : "", selected ? styles.selected : ""].join(" ")}
      data-testid="supervision-node"
      data-node-id={id}
      data-kind="service"
      data-invalid={issues ? "true" : "false"}
      data-state={live?.state}
    >
      <Handle type="target" position={Position.Top} isConnectable={isConnectable} data-testid="handle-parent" />
      <div className={styles.nodeHead}>
        <span className={styles.kindTag}>service</span>
        <span className={styles.namespace}>{namespace}</span>
      </div>
      <div className={styles.name} title={id}>
        {name}
      </div>
      <div className={styles.facts}>
        <span className="badge" title={process ? `runs ${process}` : "no process"}>
          {process ? `▶ ${splitEntryId(process).name}` : "no process"}
        </span>
        <span className={hostOk ? "badge" : "badge danger"} title={host ? `on host ${host}` : "no host"} data-testid="host-badge">
          {host ? `⌂ ${splitEntryId(host).name}` : "no host"}
        </span>
        {restartType ? <span className="badge">{restartType}</span> : null}
      </div>
      <LiveLine live={live} />
      <NodeIssueLine issues={issues} />
    </div>
  );
}

export const ServiceNode = memo(ServiceNodeView);
