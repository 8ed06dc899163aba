/** Where a version came from: ui, file, api, agent, rollback. */
const CLASS: Record<string, string> = { ui: "badge accent", rollback: "badge warning", file: "badge", api: "badge", agent: "badge success" };

export function SourceBadge({ source }: { source: string }) {
  return <span className={CLASS[source] ?? "badge"}>{source}</span>;
}
