"use client";
/** Audit filters: actor, action (exact, or a prefix ending in "."), target, time range. */
import { useState, type FormEvent } from "react";
import { parseLocalDateTime } from "@/lib/format";

export interface AuditFilterValues {
  actor?: string;
  action?: string;
  target?: string;
  since?: Date;
  until?: Date;
}

export const AUDIT_ACTIONS = [
  "registry.",
  "registry.save",
  "registry.create",
  "registry.rename",
  "registry.delete",
  "registry.rollback",
  "registry.saveTree",
  "registry.apply",
  "registry.apply_version",
  "functions.run",
  "workflows.",
  "workflows.start",
  "workflows.signal",
  "workflows.cancel",
  "workflows.terminate",
  "workflows.upgrade",
  "users.",
  "users.create",
  "users.setRole",
  "users.remove",
  "setup.createAdmin",
] as const;

export function AuditFilters({ onApply }: { onApply: (filters: AuditFilterValues) => void }) {
  const [actor, setActor] = useState("");
  const [action, setAction] = useState("");
  const [target, setTarget] = useState("");
  const [since, setSince] = useState("");
  const [until, setUntil] = useState("");

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({
      actor: actor.trim() || undefined,
      action: action.trim() || undefined,
      target: target.trim() || undefined,
      since: parseLocalDateTime(since),
      until: parseLocalDateTime(until),
    });
  };
  const clear = () => {
    setActor("");
    setAction("");
    setTarget("");
    setSince("");
    setUntil("");
    onApply({});
  };

  return (
    <form className="toolbar" onSubmit={submit} data-testid="audit-filters">
      <input placeholder="Actor (email, name or user@host)" value={actor} onChange={(e) => setActor(e.target.value)} aria-label="Actor" data-testid="audit-actor" />
      <input placeholder="Action, e.g. registry." list="audit-actions" value={action} onChange={(e) => setAction(e.target.value)} aria-label="Action" data-testid="audit-action" />
      <datalist id="audit-actions">
        {AUDIT_ACTIONS.map((a) => (
          <option key={a} value={a} />
        ))}
      </datalist>
      <input placeholder="Target" value={target} onChange={(e) => setTarget(e.target.value)} aria-label="Target" data-testid="audit-target" />
      <span className="row small-text">
        <label className="row">
          From <input type="datetime-local" value={since} onChange={(e) => setSince(e.target.value)} data-testid="audit-since" />
        </label>
        <label className="row">
          until <input type="datetime-local" value={until} onChange={(e) => setUntil(e.target.value)} data-testid="audit-until" />
        </label>
      </span>
      <button type="submit" className="primary" data-testid="audit-apply">
        Filter
      </button>
      <button type="button" onClick={clear}>
        Clear
      </button>
    </form>
  );
}
