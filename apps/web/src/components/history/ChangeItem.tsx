"use client";
/** One entry's change in a version or diff: op, id, and (opened) its diff. */
import Link from "next/link";
import { useState } from "react";
import type { EntryChange } from "@wippy/shared";
import { entryHref } from "@/lib/entry-id";
import { EntryChangeDiff } from "./EntryChangeDiff";

const OP_CLASS: Record<EntryChange["op"], string> = { create: "badge success", update: "badge warning", delete: "badge danger" };

export function ChangeItem({ change, initiallyOpen }: { change: EntryChange; initiallyOpen: boolean }) {
  const [open, setOpen] = useState(initiallyOpen);
  const kind = change.after?.kind ?? change.before?.kind ?? "";
  return (
    <div className="card" data-testid="change-item" data-entry-id={change.id} data-op={change.op}>
      <div className="card-header">
        <button type="button" className="ghost btn-sm" onClick={() => setOpen((v) => !v)} aria-expanded={open} aria-label={open ? "Hide diff" : "Show diff"}>
          {open ? "▾" : "▸"}
        </button>
        <span className={OP_CLASS[change.op]}>{change.op}</span>
        <Link href={entryHref(change.id)} className="mono break" style={{ marginRight: "auto" }}>
          {change.id}
        </Link>
        <span className="badge">{kind}</span>
      </div>
      {open ? (
        <div className="card-body">
          <EntryChangeDiff before={change.before} after={change.after} />
        </div>
      ) : null}
    </div>
  );
}
