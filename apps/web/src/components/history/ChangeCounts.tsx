/** +created ~updated −deleted, coloured. */
export function ChangeCounts({ counts }: { counts: { create: number; update: number; delete: number } }) {
  return (
    <span className="small-text">
      {counts.create ? <span style={{ color: "var(--success)" }}>+{counts.create} </span> : null}
      {counts.update ? <span style={{ color: "var(--warning)" }}>~{counts.update} </span> : null}
      {counts.delete ? <span style={{ color: "var(--danger)" }}>−{counts.delete}</span> : null}
    </span>
  );
}
