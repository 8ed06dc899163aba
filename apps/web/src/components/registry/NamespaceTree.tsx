"use client";
/** The namespace tree (registry.namespaces); picking one filters the list to it and below. */
import { useQuery } from "@tanstack/react-query";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { Loading } from "@/components/ui/Loading";
import { useTRPC } from "@/lib/trpc";
import { NamespaceTreeNode } from "./NamespaceTreeNode";

export function NamespaceTree({ selected, onSelect }: { selected?: string; onSelect: (namespace: string | undefined) => void }) {
  const trpc = useTRPC();
  const tree = useQuery(trpc.registry.namespaces.queryOptions());
  if (tree.isPending) return <Loading label="Namespaces…" />;
  if (tree.error) return <ErrorMessage error={tree.error} onRetry={() => void tree.refetch()} />;
  const total = tree.data.namespaces.reduce((sum, n) => sum + n.total, 0);
  return (
    <nav aria-label="Namespaces" data-testid="namespace-tree">
      <ul className="ns-tree">
        <li>
          <button type="button" aria-pressed={selected === undefined} onClick={() => onSelect(undefined)} data-testid="namespace-all">
            <span>All namespaces</span>
            <span className="tree-count">{total}</span>
          </button>
        </li>
        {tree.data.namespaces.map((node) => (
          <NamespaceTreeNode key={node.path} node={node} selected={selected} onSelect={onSelect} />
        ))}
      </ul>
    </nav>
  );
}
