"use client";
/** A new entry: id (namespace + name), kind, title; it starts from the kind's template. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { isValidEntryId, type JsonObject, type JsonValue } from "@wippy/shared";
import { JsonField } from "@/components/form/JsonField";
import { Dialog } from "@/components/ui/Dialog";
import { IssueList } from "@/components/ui/IssueList";
import { describeDiagnostic, diagnosticsOf } from "@/lib/api-problems";
import { entryHref } from "@/lib/entry-id";
import { templateFor } from "@/lib/entry-templates";
import { useTRPC } from "@/lib/trpc";

export function CreateEntryDialog({ namespace, onClose }: { namespace?: string; onClose: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const kinds = useQuery(trpc.registry.kinds.queryOptions(undefined, { staleTime: Infinity }));
  const [ns, setNs] = useState(namespace ?? "app");
  const [name, setName] = useState("");
  const [kind, setKind] = useState("function.lua");
  const [title, setTitle] = useState("");
  const [data, setData] = useState<JsonValue | undefined>(() => templateFor("function.lua"));
  const id = `${ns}:${name}`;
  const lua = kind.endsWith(".lua");
  const create = useMutation(
    trpc.registry.create.mutationOptions({
      onSuccess: async () => {
        router.push(entryHref(id));
        await queryClient.invalidateQueries(trpc.registry.list.pathFilter());
        await queryClient.invalidateQueries(trpc.registry.namespaces.pathFilter());
        await queryClient.invalidateQueries(trpc.history.pathFilter());
      },
    }),
  );
  const diagnostics = diagnosticsOf(create.error);
  const dataObject: JsonObject = data !== null && typeof data === "object" && !Array.isArray(data) ? data : {};

  const pickKind = (next: string) => {
    setKind(next);
    setData(templateFor(next));
  };

  return (
    <Dialog
      title="New entry"
      onClose={onClose}
      testId="create-dialog"
      footer={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="primary"
            disabled={!isValidEntryId(id) || create.isPending}
            onClick={() => create.mutate({ entry: { id, kind, meta: title ? { title } : {}, data: dataObject }, message: `create ${id}` })}
            data-testid="confirm-create"
          >
            {create.isPending ? "Creating…" : "Create"}
          </button>
        </>
      }
    >
      <div className="row" style={{ alignItems: "flex-start" }}>
        <label className="field" style={{ flex: 1 }}>
          <span>Namespace</span>
          <input value={ns} onChange={(e) => setNs(e.target.value.trim())} placeholder="app.api" data-testid="create-namespace" />
        </label>
        <label className="field" style={{ flex: 1 }}>
          <span>Name</span>
          <input value={name} onChange={(e) => setName(e.target.value.trim())} placeholder="hello" data-testid="create-name" />
        </label>
      </div>
      {name && !isValidEntryId(id) ? <div className="field-error" style={{ marginTop: -8, marginBottom: 8 }}>An id is namespace:name: letters, digits, _ and -; namespaces dotted.</div> : null}
      <label className="field">
        <span>Kind</span>
        <select value={kind} onChange={(e) => pickKind(e.target.value)} data-testid="create-kind">
          {(kinds.data?.kinds ?? []).map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.kind} — {k.description}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Title (meta.title, optional)</span>
        <input value={title} onChange={(e) => setTitle(e.target.value)} data-testid="create-title" />
      </label>
      {lua ? (
        <p className="muted small-text">It starts with a small example source; edit it on the entry page.</p>
      ) : (
        <JsonField key={kind} label="Data" value={data} onChange={setData} readOnly={false} testId="create-data" />
      )}
      {create.error ? <IssueList error={create.error} /> : null}
      {diagnostics.length > 0 ? (
        <div className="notice warning">
          <ul style={{ margin: 0 }}>
            {diagnostics.map((d) => (
              <li key={describeDiagnostic(d)}>{describeDiagnostic(d)}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </Dialog>
  );
}
