"use client";
import type { NamespaceNode } from "@wippy/api";

interface NamespaceTreeNodeProps {
  node: NamespaceNode;
  selected?: string;
  onSelect: (namespace: string) => void;
}

export function NamespaceTreeNode({ node, selected, onSelect }: NamespaceTreeNodeProps) {
  return (
    <li>
      <button type="button" aria-pressed={selected === node.path} onClick={() => onSelect(node.path)} title={node.path} data-testid={`namespace-${node.path}`}>
        <span className="break">{node.name}</span>
        <span className="tree-count">{node.total}</span>
      </button>
      {node.children.length > 0 ? (
        <ul className="ns-tree">
          {node.children.map((child) => (
            <NamespaceTreeNode key={child.path} node={child} selected={selected} onSelect={onSelect} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}
