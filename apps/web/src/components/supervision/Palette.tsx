"use client";
/**
 * The palette: adds a supervisor or a service. The new node goes under the selected supervisor
 * (a selected service's supervisor), else under the root, last among its siblings; it is then
 * selected so the side panel can edit it. A service may name its process and host here, or
 * later in the side panel (until then it is marked invalid).
 */
import { useMemo, useState } from "react";
import { catalogIds, nodeKindOf, parentOf, type TreeModel } from "@/lib/supervision/model";
import { HOST_KINDS, PROCESS_KIND, ROOT_ID } from "@/lib/supervision/terms";
import styles from "./supervision.module.css";
import { canvasStore, useCanvas } from "./use-canvas";

type Kind = "supervisor" | "service";

const PROCESS_KINDS: ReadonlySet<string> = new Set([PROCESS_KIND]);

export function Palette() {
  const model = useCanvas((s) => s.model);
  const selected = useCanvas((s) => s.selected);
  const [kind, setKind] = useState<Kind>("supervisor");
  const [namespace, setNamespace] = useState("");
  const [name, setName] = useState("");
  const [process, setProcess] = useState("");
  const [host, setHost] = useState("");
  const [error, setError] = useState<string | null>(null);
  const namespaces = useMemo(() => namespacesOf(model), [model]);
  const processes = useMemo(() => catalogIds(model, PROCESS_KINDS), [model]);
  const hosts = useMemo(() => catalogIds(model, HOST_KINDS), [model]);
  const parent = parentFor(model, selected);
  const nearby = selected !== null && selected !== ROOT_ID ? selected.slice(0, selected.indexOf(":")) : "";
  const ns = namespace.trim() || nearby || namespaces[0] || "app";
  const id = `${ns}:${name.trim() || suggestName(model, ns, kind)}`;

  const add = () => {
    const store = canvasStore.getState();
    const ok =
      kind === "supervisor"
        ? store.apply({ type: "addSupervisor", id, parent })
        : store.apply({ type: "addService", id, parent, ...(process ? { process } : {}), ...(host ? { host } : {}) });
    setError(ok ? null : canvasStore.getState().refusal);
    if (!ok) return;
    store.select(id);
    setName("");
  };

  return (
    <section className={`card ${styles.section}`} aria-label="Add a node" data-testid="supervision-palette">
      <h3>Add a node</h3>
      <div className={styles.segmented} role="group" aria-label="Kind of node">
        {(["supervisor", "service"] as const).map((k) => (
          <button key={k} type="button" className="btn-sm" aria-pressed={kind === k} onClick={() => setKind(k)} data-testid={`palette-kind-${k}`}>
            {k === "supervisor" ? "Supervisor" : "Service"}
          </button>
        ))}
      </div>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          add();
        }}
      >
        <label className="field">
          <span>Namespace</span>
          <input value={namespace} onChange={(e) => setNamespace(e.target.value)} placeholder={ns} list="palette-namespaces" data-testid="palette-namespace" />
          <datalist id="palette-namespaces">
            {namespaces.map((n) => (
              <option key={n} value={n} />
            ))}
          </datalist>
        </label>
        <label className="field">
          <span>Name</span>
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder={suggestName(model, ns, kind)} data-testid="palette-name" />
        </label>
        {kind === "service" ? (
          <>
            <label className="field">
              <span>Process (process.lua)</span>
              <select value={process} onChange={(e) => setProcess(e.target.value)} data-testid="palette-process">
                <option value="">choose later</option>
                {processes.map((p) => (
                  <option key={p} value={p}>
                    {p}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>Host</span>
              <select value={host} onChange={(e) => setHost(e.target.value)} data-testid="palette-host">
                <option value="">choose later</option>
                {hosts.map((h) => (
                  <option key={h} value={h}>
                    {h}
                  </option>
                ))}
              </select>
            </label>
          </>
        ) : null}
        <p className={styles.hint} data-testid="palette-parent">
          Goes under <span className="mono">{parent}</span>
          {parent === ROOT_ID ? " (select a supervisor to add under it)" : ""}
        </p>
        {error ? (
          <div className="notice error small-text" role="alert" data-testid="palette-error" style={{ margin: "8px 0 0" }}>
            {error}
          </div>
        ) : null}
        <button type="submit" className="primary" style={{ marginTop: 10, width: "100%" }} data-testid="palette-add">
          Add {kind}
        </button>
      </form>
    </section>
  );
}

function parentFor(model: TreeModel, selected: string | null): string {
  if (selected === null) return ROOT_ID;
  const kind = nodeKindOf(model, selected);
  if (kind === "root" || kind === "supervisor") return selected;
  const entry = model.entries.get(selected);
  return entry ? parentOf(entry) : ROOT_ID;
}

function namespacesOf(model: TreeModel): string[] {
  const all = new Set<string>();
  for (const id of [...model.entries.keys(), ...model.catalog.keys()]) all.add(id.slice(0, id.indexOf(":")));
  return [...all].sort();
}

function suggestName(model: TreeModel, namespace: string, kind: Kind): string {
  for (let n = 1; ; n++) {
    const name = `${kind}_${n}`;
    const id = `${namespace}:${name}`;
    if (!model.entries.has(id) && !model.catalog.has(id)) return name;
  }
}
