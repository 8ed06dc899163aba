"use client";
/**
 * The tree changed in the registry after the version the drawing was made on. Nothing is lost:
 * the user reloads and re-applies their edits onto the newer tree (and is told which edits no
 * longer apply), or reloads and drops them.
 */
import { useState } from "react";
import { errorMessage } from "@/lib/api-errors";
import type { SaveNotice } from "@/lib/hooks/use-save-entry";
import { useReloadTree } from "./use-reload-tree";

interface ConflictNoticeProps {
  text: string;
  onReloaded: (notice: SaveNotice) => void;
  testId?: string;
}

export function ConflictNotice({ text, onReloaded, testId = "tree-conflict" }: ConflictNoticeProps) {
  const { reapply, discard } = useReloadTree();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (work: () => Promise<SaveNotice>) => {
    setBusy(true);
    setError(null);
    try {
      onReloaded(await work());
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };
  const keep = () =>
    run(async () => {
      const dropped = await reapply();
      return dropped.length === 0
        ? { kind: "success", text: "Reloaded: your edits are re-applied on the newer tree. Check them, then save." }
        : { kind: "warning", text: `Reloaded: ${dropped.length} of your edits no longer apply and were dropped.`, details: dropped };
    });
  const drop = () =>
    run(async () => {
      await discard();
      return { kind: "info", text: "Reloaded: your edits were discarded." };
    });
  return (
    <div className="notice warning" role="alert" data-testid={testId} style={{ margin: 0 }}>
      <div>{text}</div>
      <div className="row" style={{ marginTop: 8 }}>
        <button type="button" className="btn-sm primary" disabled={busy} onClick={() => void keep()} data-testid="reload-reapply">
          Reload and re-apply my edits
        </button>
        <button type="button" className="btn-sm" disabled={busy} onClick={() => void drop()} data-testid="reload-discard">
          Discard my edits and reload
        </button>
      </div>
      {error ? <div className="field-error">{error}</div> : null}
    </div>
  );
}
