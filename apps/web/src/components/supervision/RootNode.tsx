"use client";
/**
 * The node's own supervisor, `wippy:root`: not a registry entry, so it has no fields and cannot
 * be deleted — but children can be connected to it (which removes their `meta.supervisor`).
 */
import { Handle, Position, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { RootFlowNode } from "./flow-elements";
import styles from "./supervision.module.css";
import { useCanvas } from "./use-canvas";

function RootNodeView({ id, isConnectable }: NodeProps<RootFlowNode>) {
  const selected = useCanvas((s) => s.selected === id);
  const live = useCanvas((s) => s.live.get(id));
  return (
    <div
      className={[styles.node, styles.root, selected ? styles.selected : ""].join(" ")}
      data-testid="supervision-node"
      data-node-id={id}
      data-kind="root"
      data-state={live?.state}
      title="The node's root supervisor (one_for_one). Children without meta.supervisor run under it."
    >
      <div className={styles.nodeHead}>
        <span className={styles.kindTag}>root supervisor</span>
      </div>
      <div className={styles.name}>{id}</div>
      <Handle type="source" position={Position.Bottom} isConnectable={isConnectable} data-testid="handle-children" />
    </div>
  );
}

export const RootNode = memo(RootNodeView);
