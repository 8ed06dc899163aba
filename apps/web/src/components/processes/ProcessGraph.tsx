"use client";
/**
 * A process and its neighbours as a small graph (inline SVG): links as solid lines, monitors
 * as dashed arrows (towards the monitored process). Up to `MAX_SHOWN` neighbours are drawn
 * around the process; the list under the graph names every one of them, with a link to its
 * page — the keyboard's way through.
 */
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId } from "react";
import { EmptyState } from "@/components/ui/EmptyState";
import type { Neighbor, Relation } from "@/lib/processes/neighbors";
import { shortEntry } from "@/lib/processes/process-format";
import { processHref } from "@/lib/processes/process-href";
import styles from "./processes.module.css";

const MAX_SHOWN = 12;
const BOX_W = 150;
const BOX_H = 38;

/** Neighbour centres around the process at (0, 0): one or two above and below, more on an ellipse. */
function layout(count: number): { x: number; y: number }[] {
  const rx = count <= 2 ? 0 : Math.min(230, 120 + count * 10);
  const ry = Math.min(130, 72 + count * 5);
  return Array.from({ length: count }, (_, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / count;
    return { x: Math.round(rx * Math.cos(angle)), y: Math.round(ry * Math.sin(angle)) };
  });
}

const RELATION_TEXT: Record<Relation, string> = { link: "linked", monitors: "monitored by this process", monitoredBy: "monitors this process" };

function Box({ x, y, title, sub, center = false, onOpen }: { x: number; y: number; title: string; sub: string; center?: boolean; onOpen?: () => void }) {
  return (
    <g
      className={`${styles.node} ${center ? styles.center : ""} ${onOpen ? styles.link : ""}`}
      transform={`translate(${x - BOX_W / 2}, ${y - BOX_H / 2})`}
      onClick={onOpen}
    >
      <title>{sub}</title>
      <rect width={BOX_W} height={BOX_H} rx={6} />
      <text x={BOX_W / 2} y={15} textAnchor="middle">
        {title.length > 22 ? `${title.slice(0, 21)}…` : title}
      </text>
      <text className={styles.sub} x={BOX_W / 2} y={30} textAnchor="middle">
        {sub.length > 26 ? `…${sub.slice(-25)}` : sub}
      </text>
    </g>
  );
}

export function ProcessGraph({ nodeId, pid, entry, neighbors }: { nodeId: string; pid: string; entry: string; neighbors: readonly Neighbor[] }) {
  const router = useRouter();
  const marker = useId().replace(/:/g, "");
  if (neighbors.length === 0) return <EmptyState testId="graph-empty">No links or monitors.</EmptyState>;
  const shown = neighbors.slice(0, MAX_SHOWN);
  const placed = layout(shown.length).map((p, i) => ({ n: shown[i]!, ...p }));
  const cx = 0;
  const cy = 0;
  // The drawing is cropped to its boxes and never scaled up: text stays at its size.
  const xs = placed.map((p) => p.x).concat(cx);
  const ys = placed.map((p) => p.y).concat(cy);
  const [minX, maxX] = [Math.min(...xs) - BOX_W / 2 - 4, Math.max(...xs) + BOX_W / 2 + 4];
  const [minY, maxY] = [Math.min(...ys) - BOX_H / 2 - 4, Math.max(...ys) + BOX_H / 2 + 4];
  const width = maxX - minX;
  const height = maxY - minY;

  return (
    <div className="stack" style={{ gap: 8 }} data-testid="process-graph">
      <svg className={styles.graph} viewBox={`${minX} ${minY} ${width} ${height}`} style={{ maxWidth: width }} role="img" aria-label={`${pid} and its ${neighbors.length} linked or monitoring processes`}>
        <defs>
          <marker id={marker} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" fill="var(--border-strong)" />
          </marker>
        </defs>
        {placed.map(({ n, x, y }) => {
          const monitor = n.relations.includes("monitors") || n.relations.includes("monitoredBy");
          const linked = n.relations.includes("link");
          // The line runs between the boxes' edges, so arrowheads are never under a box.
          const len = Math.hypot(x - cx, y - cy) || 1;
          const [ux, uy] = [(x - cx) / len, (y - cy) / len];
          const edge = Math.min(BOX_W / 2 / Math.max(Math.abs(ux), 1e-6), BOX_H / 2 / Math.max(Math.abs(uy), 1e-6)) + 3;
          const [x1, y1, x2, y2] = [cx + ux * edge, cy + uy * edge, x - ux * edge, y - uy * edge];
          return (
            <line
              key={n.pid}
              x1={x1}
              y1={y1}
              x2={x2}
              y2={y2}
              className={monitor && !linked ? styles.monitor : undefined}
              markerEnd={n.relations.includes("monitors") ? `url(#${marker})` : undefined}
              markerStart={n.relations.includes("monitoredBy") ? `url(#${marker})` : undefined}
            />
          );
        })}
        <Box x={cx} y={cy} title={shortEntry(entry)} sub={pid} center />
        {placed.map(({ n, x, y }) => (
          <Box key={n.pid} x={x} y={y} title={n.entry ? shortEntry(n.entry) : "process"} sub={n.pid} onOpen={() => router.push(processHref(nodeId, n.pid))} />
        ))}
      </svg>
      <div className={styles.legend}>
        <span>── linked</span>
        <span>- - ▶ monitors</span>
        {neighbors.length > MAX_SHOWN ? <span>{neighbors.length - MAX_SHOWN} more in the list below</span> : null}
      </div>
      <ul className="plain-list small-text" data-testid="neighbor-list">
        {neighbors.map((n) => (
          <li key={n.pid} data-testid="neighbor" data-pid={n.pid}>
            <Link href={processHref(nodeId, n.pid)} className="mono">
              {n.pid}
            </Link>{" "}
            {n.entry ? <span className="muted">{n.entry}</span> : null} — {n.relations.map((r) => RELATION_TEXT[r]).join(", ")}
          </li>
        ))}
      </ul>
    </div>
  );
}
