"use client";
/**
 * One registry entry: header with its actions, then the tabs — Form (known kinds), YAML (any
 * kind), Source (Lua), References, Run (function.lua) — and the save bar. The edit state lives
 * in the entry draft store; this component loads it and keeps it in step with the server while
 * nothing is being edited. Collaboration: who else has it open (and edits it), a banner when
 * someone else saves it, and its comments (components/presence, components/comments).
 */
import { useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect } from "react";
import { entryTarget } from "@wippy/shared";
import { CommentsPanel } from "@/components/comments/CommentsPanel";
import { EntrySavedBanner } from "@/components/presence/EntrySavedBanner";
import { PresenceAvatars } from "@/components/presence/PresenceAvatars";
import { useEntryPresence } from "@/components/presence/use-entry-presence";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { Loading } from "@/components/ui/Loading";
import { Tabs, type TabItem } from "@/components/ui/Tabs";
import { errorCode } from "@/lib/api-errors";
import { dirtyMode, useEntryDraft } from "@/lib/entry-draft-store";
import { useCurrentUser } from "@/lib/hooks/use-current-user";
import { useSaveEntry } from "@/lib/hooks/use-save-entry";
import { useShortcut } from "@/lib/hooks/use-shortcut";
import { useTRPC } from "@/lib/trpc";
import { ConflictPanel } from "./ConflictPanel";
import { EntryForm } from "./EntryForm";
import { EntryHeader } from "./EntryHeader";
import { ReferencesPanel } from "./ReferencesPanel";
import { RunPanel } from "./RunPanel";
import { SaveBar } from "./SaveBar";
import { SourceTab } from "./SourceTab";
import { YamlTab } from "./YamlTab";

type TabId = "form" | "yaml" | "source" | "references" | "run";

export function EntryPage({ id }: { id: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const { can } = useCurrentUser();
  const get = useQuery(trpc.registry.get.queryOptions({ id }));
  const kinds = useQuery(trpc.registry.kinds.queryOptions(undefined, { staleTime: Infinity }));
  const draft = useEntryDraft();
  const saver = useSaveEntry();
  const presence = useEntryPresence(id);

  useEffect(() => {
    if (!get.data) return;
    const state = useEntryDraft.getState();
    const fresh = state.id !== id || (dirtyMode(state) === null && !state.conflict && get.data.version !== state.baseVersion);
    if (fresh) state.load(get.data.entry, get.data.yaml, get.data.version);
  }, [get.data, id]);

  const canEdit = can("editor");
  const mode = dirtyMode(draft);
  const saveNow = () => {
    if (canEdit && !useEntryDraft.getState().conflict && !saver.busy) void saver.save(useEntryDraft.getState().message);
  };
  useShortcut("s", saveNow);

  if (get.isPending) return <Loading label={`Loading ${id}…`} />;
  if (get.error) {
    return errorCode(get.error) === "NOT_FOUND" ? (
      <div className="notice warning" data-testid="entry-not-found">
        <strong>{id}</strong> does not exist (it may have been renamed or deleted).
      </div>
    ) : (
      <ErrorMessage error={get.error} title={`Could not load ${id}`} onRetry={() => void get.refetch()} />
    );
  }
  if (draft.id !== id || !draft.draft || !draft.saved) return <Loading label={`Loading ${id}…`} />;

  const form = kinds.data?.kinds.find((k) => k.kind === draft.saved?.kind);
  const hasSource = form?.lua === true || typeof draft.saved.data.source === "string";
  const tabs: TabItem<TabId>[] = [
    { id: "form", label: "Form" },
    { id: "yaml", label: "YAML" },
    ...(hasSource ? [{ id: "source" as const, label: "Source" }] : []),
    { id: "references", label: "References" },
    ...(form?.runnable ? [{ id: "run" as const, label: "Run" }] : []),
  ];
  const requested = params.get("tab") as TabId | null;
  const tab: TabId = tabs.some((t) => t.id === requested) && requested ? requested : hasSource ? "source" : "form";
  const selectTab = (next: TabId) => router.replace(`${pathname}?tab=${next}`, { scroll: false });
  const editable = canEdit && !draft.conflict;

  return (
    <div className="stack">
      <EntryHeader
        entry={draft.saved}
        lastChange={get.data.lastChange}
        version={draft.baseVersion}
        presence={<PresenceAvatars presence={presence} what="this entry" />}
      />
      <EntrySavedBanner id={id} latest={presence.latestSave} saver={saver} />
      {draft.conflict ? <ConflictPanel key={`${draft.conflict.entryId}@${draft.conflict.theirsVersion}`} conflict={draft.conflict} saver={saver} /> : null}
      <div className="card">
        <div style={{ padding: "0 12px" }}>
          <Tabs tabs={tabs} selected={tab} onSelect={selectTab} testId="entry-tabs" />
        </div>
        <div style={{ padding: "0 12px 12px" }}>
          {tab === "form" ? <EntryForm form={form} readOnly={!editable || mode === "yaml"} /> : null}
          {tab === "yaml" ? <YamlTab readOnly={!editable || mode === "fields"} onSave={saveNow} /> : null}
          {tab === "source" ? <SourceTab readOnly={!editable || mode === "yaml"} onSave={saveNow} /> : null}
          {tab === "references" ? <ReferencesPanel id={id} /> : null}
          {tab === "run" ? <RunPanel id={id} /> : null}
        </div>
        {tab === "form" || tab === "yaml" || tab === "source" ? <SaveBar saver={saver} canEdit={canEdit} review={get.data.review} /> : null}
      </div>
      <CommentsPanel target={entryTarget(id)} what="this entry" />
    </div>
  );
}
