"use client";
/**
 * A `process.supervisor` entry: its strategy and restart intensity, its own restart type, its
 * issues and (when telemetry provides it) its live state. The top handle takes its parent, the
 * bottom handle its children.
 */
import { Handle, Position, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import { splitEntryId } from "@/lib/entry-id";
import { restartTypeOf, supervisorSettings } from "@/lib/supervision/model";
import type { SupervisorFlowNode } from "./flow-elements";
import { LiveLine } from "./LiveLine";
import { NodeIssueLine } from "./NodeIssueLine";
import styles from "./supervision.module.css";
import { useCanvas } from "./use-canvas";

function SupervisorNodeView({ id, isConnectable }: NodeProps<SupervisorFlowNode>) {
  const entry = useCanvas((s) => s.model.entries.get(id));
  const issues = useCanvas((s) => s.issues.byNode.get(id));
  const live = useCanvas((s) => s.live.get(id));
  const selected = useCanvas((s) => s.selected === id);
  if (!entry) return null;
  const { namespace, name } = splitEntryId(id);
  const { strategy, intensity, period } = supervisorSettings(entry);
  const restartType = restartTypeOf(entry);
  return (
    <div
      className={[styles.node, styles.supervisor, issues ? styles.invalid : "", selected ? styles.selected : ""].join(" ")}
      data-testid="supervision-node"
      data-node-id={id}
      data-kind="supervisor"
      data-invalid={issues ? "true" : "false"}
      data-state={live?.state}
    >
      <Handle type="target" position={Position.Top} isConnectable={isConnectable} data-testid="handle-parent" />
      <div className={styles.nodeHead}>
        <span className={styles.kindTag}>supervisor</span>
        <span className={styles.namespace}>{namespace}</span>
      </div>
      <div className={styles.name} title={id}>
        {name}
      </div>
      <div className={styles.facts}>
        <span className="badge accent">{strategy}</span>
        <span className="badge" title="restarts allowed per period">
          {intensity} / {period}
        </span>
        {restartType ? <span className="badge">{restartType}</span> : null}
      </div>
      <LiveLine live={live} />
      <NodeIssueLine issues={issues} />
      <Handle type="source" position={Position.Bottom} isConnectable={isConnectable} data-testid="handle-children" />
    </div>
  );
}

export const SupervisorNode = memo(SupervisorNodeView);
