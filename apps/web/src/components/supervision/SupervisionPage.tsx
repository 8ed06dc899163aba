"use client";
/**
 * /supervision: the registry's supervisors and services as a tree to look at and draw on.
 * The canvas, and beside it the palette (editors), the problems and the side panel; the toolbar
 * above; dialogs for delete, Lua and save.
 *
 * The tree is read with `supervision.tree` (again every 15 s): a clean canvas follows the
 * registry; a canvas with unsaved edits keeps them and says a newer tree is there (the store's
 * `refresh`). Leaving the browser page with unsaved edits asks first; moving to another console
 * page keeps them (the store outlives the page). `live` states, when given, are shown on the
 * nodes (telemetry wires them in; nothing is shown without them). Who else has the tree open
 * (and draws on it) is shown in the header; a save by someone else is announced at once and
 * read (components/presence).
 */
import { useQuery } from "@tanstack/react-query";
import { ReactFlowProvider } from "@xyflow/react";
import { useEffect, useState } from "react";
import { SUPERVISION_TARGET } from "@wippy/shared";
import { PresenceAvatars } from "@/components/presence/PresenceAvatars";
import { TreeSavedBanner } from "@/components/presence/TreeSavedBanner";
import { useCanvasDrawing } from "@/components/presence/use-canvas-drawing";
import { usePresence } from "@/components/presence/use-presence";
import { SaveNoticeView } from "@/components/registry/SaveNoticeView";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { Loading } from "@/components/ui/Loading";
import { PageHeader } from "@/components/ui/PageHeader";
import { useCurrentUser } from "@/lib/hooks/use-current-user";
import type { SaveNotice } from "@/lib/hooks/use-save-entry";
import type { LiveMap } from "@/lib/supervision/terms";
import { useTRPC } from "@/lib/trpc";
import { ConflictNotice } from "./ConflictNotice";
import { DeleteNodeDialog } from "./DeleteNodeDialog";
import { IssuesPanel } from "./IssuesPanel";
import { LuaDialog } from "./LuaDialog";
import { NodePanel } from "./NodePanel";
import { Palette } from "./Palette";
import { markTreeData } from "./render-timing";
import { SaveDialog } from "./SaveDialog";
import styles from "./supervision.module.css";
import { SupervisionCanvas } from "./SupervisionCanvas";
import { SupervisionToolbar } from "./SupervisionToolbar";
import { canvasStore, claimCanvas, isDirty, useCanvas } from "./use-canvas";
import { useCanvasKeys } from "./use-canvas-keys";

export const TREE_REFRESH_MS = 15_000;

type Open = { kind: "none" } | { kind: "delete"; id: string } | { kind: "lua"; id: string } | { kind: "save" };

export function SupervisionPage({ live }: { live?: LiveMap }) {
  const trpc = useTRPC();
  const { user, can } = useCurrentUser();
  const tree = useQuery(trpc.supervision.tree.queryOptions(undefined, { refetchInterval: TREE_REFRESH_MS }));
  const kinds = useQuery(trpc.registry.kinds.queryOptions(undefined, { staleTime: Infinity }));
  const loaded = useCanvas((s) => s.loaded);
  const newer = useCanvas((s) => s.newer);
  const [open, setOpen] = useState<Open>({ kind: "none" });
  const [notice, setNotice] = useState<SaveNotice | null>(null);
  const editable = can("editor");
  const drawing = useCanvasDrawing();
  const presence = usePresence(SUPERVISION_TARGET, editable && drawing);

  useEffect(() => {
    if (!tree.data || !user) return;
    const store = canvasStore.getState();
    if (claimCanvas(user.id) || !store.loaded) {
      markTreeData(); // the first render of a tree is what render-timing.ts measures
      store.load(tree.data);
    } else store.refresh(tree.data);
  }, [tree.data, user]);

  useEffect(() => {
    if (live) canvasStore.getState().setLive(live);
  }, [live]);

  // "Saved as version N" describes the tree as saved: the next edit makes it old news.
  useEffect(() => canvasStore.subscribe((s, prev) => s.log !== prev.log && s.log.changes.length > 0 && setNotice(null)), []);

  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (isDirty(canvasStore.getState())) event.preventDefault();
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, []);

  const close = () => setOpen({ kind: "none" });
  const askSave = () => canvasStore.getState().issues.all.length === 0 && isDirty(canvasStore.getState()) && setOpen({ kind: "save" });
  useCanvasKeys({ enabled: open.kind === "none", editable, onDelete: (id) => setOpen({ kind: "delete", id }), onSave: askSave });

  if (tree.error && !loaded) return <ErrorMessage error={tree.error} title="Could not load the supervision tree" onRetry={() => void tree.refetch()} />;
  if (!loaded) return <Loading label="Loading the supervision tree…" />;

  return (
    <div data-testid="supervision-page">
      <PageHeader title="Supervision" subtitle="Supervisors and services from the registry, as the runtime builds the tree. Saving makes one registry version; running nodes apply it at once.">
        <PresenceAvatars presence={presence} what="the supervision tree" />
      </PageHeader>
      <SupervisionToolbar editable={editable} onSave={askSave} />
      <div className="stack" style={{ gap: 8, marginBottom: 8 }}>
        <TreeSavedBanner latest={presence.latestSave} drawing={drawing} />
        {notice ? <SaveNoticeView notice={notice} /> : null}
        {newer !== null ? (
          <ConflictNotice text={`The registry has a newer tree (version ${newer}) than the one you are drawing on. Your edits are kept until you reload.`} onReloaded={setNotice} testId="newer-tree" />
        ) : null}
        {tree.error ? <ErrorMessage error={tree.error} title="Could not refresh the tree (showing the last one read)" /> : null}
      </div>
      <div className={styles.workspace}>
        <ReactFlowProvider>
          <SupervisionCanvas editable={editable} />
        </ReactFlowProvider>
        <div className={styles.column}>
          {editable ? <Palette /> : null}
          <IssuesPanel />
          <NodePanel forms={kinds.data?.kinds} editable={editable} onOpenLua={(id) => setOpen({ kind: "lua", id })} onDelete={(id) => setOpen({ kind: "delete", id })} />
        </div>
      </div>
      {open.kind === "delete" ? <DeleteNodeDialog id={open.id} onClose={close} /> : null}
      {open.kind === "lua" ? <LuaDialog id={open.id} onClose={close} /> : null}
      {open.kind === "save" ? <SaveDialog onClose={close} onSaved={setNotice} /> : null}
    </div>
  );
}
