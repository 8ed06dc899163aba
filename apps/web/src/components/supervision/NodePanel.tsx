"use client";
/**
 * The side panel for the selected node: its issues, its supervisor (a select — the keyboard's
 * way to connect or re-parent), its fields, and its actions: open the process's Lua in Monaco,
 * open the entry in the registry, delete (with confirmation). Viewers see it all read-only.
 */
import type { KindForm } from "@wippy/api";
import Link from "next/link";
import { useMemo } from "react";
import { entryHref } from "@/lib/entry-id";
import { parentOf } from "@/lib/supervision/model";
import { PROCESS_KIND, ROOT_ID, SUPERVISOR_KIND } from "@/lib/supervision/terms";
import { messageOnNode } from "@/lib/supervision/validate";
import { EntryFields } from "./EntryFields";
import styles from "./supervision.module.css";
import { canvasStore, useCanvas } from "./use-canvas";

interface NodePanelProps {
  forms: readonly KindForm[] | undefined;
  editable: boolean;
  onOpenLua: (processId: string) => void;
  onDelete: (id: string) => void;
}

export function NodePanel({ forms, editable, onOpenLua, onDelete }: NodePanelProps) {
  const selected = useCanvas((s) => s.selected);
  const entry = useCanvas((s) => (s.selected ? s.model.entries.get(s.selected) : undefined));
  const issues = useCanvas((s) => (s.selected ? s.issues.byNode.get(s.selected) : undefined));
  const inBase = useCanvas((s) => (s.selected ? s.base.entries.has(s.selected) : false));
  const model = useCanvas((s) => s.model);
  const supervisors = useMemo(() => [...model.entries.values()].filter((e) => e.kind === SUPERVISOR_KIND).map((e) => e.id), [model]);
  const processKind = useCanvas((s) => (typeof entry?.data.process === "string" ? s.model.catalog.get(entry.data.process) : undefined));
  const revision = useCanvas((s) => s.revision);

  if (selected === ROOT_ID) {
    return (
      <section className={`card ${styles.section}`} data-testid="node-panel" data-node-id={ROOT_ID}>
        <h3 className="mono">{ROOT_ID}</h3>
        <p className={styles.hint}>
          The node&apos;s own supervisor (one_for_one, no restart limit). It is not a registry entry: services and supervisors without a meta.supervisor run under
          it, each governed by its own restart policy.
        </p>
      </section>
    );
  }
  if (!selected || !entry) {
    return (
      <section className={`card ${styles.section}`} data-testid="node-panel">
        <h3>Nothing selected</h3>
        <p className={styles.hint}>
          Click a node to see and edit it. {editable ? "Drag from a supervisor's bottom handle to a node to place it under that supervisor; drag the top end of an edge to another supervisor to move a child." : ""}
        </p>
      </section>
    );
  }
  const form = forms?.find((f) => f.kind === entry.kind);
  const process = typeof entry.data.process === "string" ? entry.data.process : null;
  const parent = parentOf(entry);
  return (
    <section className={`card ${styles.section}`} data-testid="node-panel" data-node-id={entry.id}>
      <h3 className="mono break">{entry.id}</h3>
      <div className="row small-text" style={{ marginBottom: 10 }}>
        <span className="badge">{entry.kind}</span>
        {inBase ? <Link href={entryHref(entry.id)}>open in the registry</Link> : <span className="muted">new — written on save</span>}
      </div>
      {issues ? (
        <div className="notice error small-text" role="alert" data-testid="node-panel-issues">
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            {issues.map((i) => (
              <li key={i.message}>{messageOnNode(i)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <label className="field">
        <span>Supervisor</span>
        <select
          value={parent}
          disabled={!editable}
          onChange={(e) => canvasStore.getState().apply({ type: "setParent", id: entry.id, parent: e.target.value })}
          data-testid="panel-supervisor"
        >
          <option value={ROOT_ID}>{ROOT_ID} (the node&apos;s root)</option>
          {[...new Set([...supervisors, parent])]
            .filter((id) => id !== entry.id && id !== ROOT_ID)
            .sort()
            .map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
        </select>
      </label>
      <div className="row" style={{ marginBottom: 12 }}>
        {entry.kind === "process.service" ? (
          <button type="button" className="btn-sm" disabled={!process || processKind !== PROCESS_KIND} onClick={() => process && onOpenLua(process)} data-testid="open-lua">
            Open Lua
          </button>
        ) : null}
        {editable ? (
          <button type="button" className="btn-sm danger" onClick={() => onDelete(entry.id)} data-testid="delete-node">
            Delete…
          </button>
        ) : null}
      </div>
      {form ? <EntryFields key={`${entry.id}:${revision}`} entry={entry} form={form} readOnly={!editable} /> : <p className={styles.hint}>Loading the form…</p>}
    </section>
  );
}
