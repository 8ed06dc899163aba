"use client";
/**
 * "Run" for a function.lua: JSON arguments, a node (or any), and the reply — the value, or the
 * error with its kind and Lua traceback. Operators and above.
 */
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { JsonValue } from "@wippy/shared";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { useCurrentUser } from "@/lib/hooks/use-current-user";
import { useTRPC } from "@/lib/trpc";
import { RunResult } from "./RunResult";

function parseArgs(text: string): { args: JsonValue[] } | { error: string } {
  try {
    const value = JSON.parse(text) as JsonValue;
    return Array.isArray(value) ? { args: value } : { error: "Arguments are a JSON array: [1, \"two\", {\"three\": 3}]" };
  } catch (caught) {
    return { error: caught instanceof Error ? caught.message : "not valid JSON" };
  }
}

export function RunPanel({ id }: { id: string }) {
  const trpc = useTRPC();
  const { can } = useCurrentUser();
  const nodes = useQuery(trpc.nodes.list.queryOptions(undefined, { refetchInterval: 5_000 }));
  const [argsText, setArgsText] = useState("[]");
  const [nodeId, setNodeId] = useState("");
  const run = useMutation(trpc.functions.run.mutationOptions());
  const parsed = parseArgs(argsText);
  const allowed = can("operator");

  return (
    <div className="stack" style={{ paddingTop: 8 }} data-testid="run-panel">
      {!allowed ? <div className="notice">Running functions needs the operator role.</div> : null}
      <div className="split" style={{ gridTemplateColumns: "1fr 260px" }}>
        <label className="field" style={{ margin: 0 }}>
          <span>Arguments (JSON array: the method&apos;s parameters)</span>
          <textarea rows={5} value={argsText} onChange={(e) => setArgsText(e.target.value)} spellCheck={false} data-testid="run-args" />
          {"error" in parsed ? <span className="field-error">{parsed.error}</span> : null}
        </label>
        <div>
          <label className="field">
            <span>Node</span>
            <select value={nodeId} onChange={(e) => setNodeId(e.target.value)} data-testid="run-node">
              <option value="">Any live node</option>
              {(nodes.data?.nodes ?? []).map((n) => (
                <option key={n.id} value={n.id}>
                  {n.id} ({n.address})
                </option>
              ))}
            </select>
            {nodes.data && nodes.data.nodes.length === 0 ? <span className="field-hint">No runtime node is connected.</span> : null}
          </label>
          <button
            type="button"
            className="primary"
            disabled={!allowed || "error" in parsed || run.isPending}
            onClick={() => "args" in parsed && run.mutate({ id, args: parsed.args, nodeId: nodeId || undefined })}
            data-testid="run-button"
          >
            {run.isPending ? "Running…" : "Run"}
          </button>
        </div>
      </div>
      {nodes.error ? <ErrorMessage error={nodes.error} title="Nodes" /> : null}
      {run.error ? <ErrorMessage error={run.error} testId="run-error" /> : null}
      {run.data ? <RunResult reply={run.data.reply} ms={run.data.ms} /> : null}
    </div>
  );
}
