"use client";
/** One audit record; opening it shows the before/after as a structured diff. */
import { Fragment, useState } from "react";
import type { AuditActorKind } from "@wippy/db";
import type { JsonValue } from "@wippy/shared";
import { DataDiff } from "@/components/history/DataDiff";
import { TimeAgo } from "@/components/ui/TimeAgo";
import { ACTOR_BADGES } from "@/lib/audit-actors";

interface AuditRowData {
  id: number;
  at: Date;
  actor: { kind: AuditActorKind; id: string; name: string };
  action: string;
  target: string;
  summary: string;
  before: JsonValue | null;
  after: JsonValue | null;
}

/** A missing side of an object change reads best as `{}`: one row per field instead of one blob. */
function sideOf(value: JsonValue | null, other: JsonValue | null): JsonValue | undefined {
  if (value !== null) return value;
  return other !== null && typeof other === "object" && !Array.isArray(other) ? {} : undefined;
}

export function AuditRowView({ row }: { row: AuditRowData }) {
  const [open, setOpen] = useState(false);
  const hasDetails = row.before !== null || row.after !== null;
  const badge = ACTOR_BADGES[row.actor.kind];
  return (
    <Fragment>
      <tr data-testid="audit-row" data-action={row.action}>
        <td>
          {hasDetails ? (
            <button type="button" className="ghost btn-sm" onClick={() => setOpen((v) => !v)} aria-expanded={open} aria-label="Before and after">
              {open ? "▾" : "▸"}
            </button>
          ) : null}
        </td>
        <td>
          <TimeAgo value={row.at} />
        </td>
        <td className="break">
          {row.actor.name}{" "}
          {badge ? (
            <span className="badge" title={badge.title} data-testid="audit-actor-kind">
              {badge.label}
            </span>
          ) : null}
        </td>
        <td className="mono">{row.action}</td>
        <td className="mono break">{row.target}</td>
        <td>{row.summary}</td>
      </tr>
      {open ? (
        <tr>
          <td />
          <td colSpan={5}>
            <DataDiff before={sideOf(row.before, row.after)} after={sideOf(row.after, row.before)} testId="audit-diff" />
          </td>
        </tr>
      ) : null}
    </Fragment>
  );
}
