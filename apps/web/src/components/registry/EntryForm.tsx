"use client";
/**
 * The Form tab: the fields `registry.kinds` lists for the entry's kind, bound to the draft.
 * Fields the form does not show are kept untouched (edit them in YAML). Kinds without a form
 * get their meta and data as JSON.
 */
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import type { KindForm } from "@wippy/api";
import type { JsonObject } from "@wippy/shared";
import { JsonField } from "@/components/form/JsonField";
import { useEntryDraft } from "@/lib/entry-draft-store";
import { useTRPC } from "@/lib/trpc";
import { FieldList } from "./FieldList";

export function EntryForm({ form, readOnly }: { form: KindForm | undefined; readOnly: boolean }) {
  const trpc = useTRPC();
  const draft = useEntryDraft((s) => s.draft);
  const revision = useEntryDraft((s) => s.revision);
  const setData = useEntryDraft((s) => s.setData);
  const setMeta = useEntryDraft((s) => s.setMeta);
  const entries = useQuery(trpc.registry.list.queryOptions({ limit: 500 }, { staleTime: 30_000 }));
  const candidates = useMemo(() => entries.data?.items.map((e) => ({ id: e.id, kind: e.kind })) ?? [], [entries.data]);

  if (!draft) return null;
  if (!form) {
    return (
      <div className="stack" style={{ paddingTop: 8 }} data-testid="entry-form" key={revision}>
        <div className="notice" style={{ margin: 0 }}>
          <strong>{draft.kind}</strong> is not a kind this runtime runs: it is stored as it is. Edit its fields as JSON here, or in the YAML tab.
        </div>
        <JsonField label="Meta" value={draft.meta} readOnly={readOnly} onChange={(v) => setMeta(asObject(v))} testId="form-meta-json" />
        <JsonField label="Data" value={draft.data} readOnly={readOnly} onChange={(v) => setData(asObject(v))} testId="form-data-json" />
      </div>
    );
  }
  return (
    <div className="stack" style={{ paddingTop: 8 }} data-testid="entry-form" key={revision}>
      <p className="muted small-text" style={{ margin: 0 }}>
        {form.kind}: {form.description}. Fields not listed here are kept as they are; edit them in the YAML tab.
      </p>
      <FieldList title="Fields" fields={form.fields} root={draft.data} onChange={setData} readOnly={readOnly} candidates={candidates} group="data" />
      <FieldList title="Meta" fields={form.meta} root={draft.meta} onChange={setMeta} readOnly={readOnly} candidates={candidates} group="meta" />
    </div>
  );
}

function asObject(value: unknown): JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as JsonObject) : {};
}
