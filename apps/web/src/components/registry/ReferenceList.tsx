/** Entries referring to one another: `from` → field `path` → `to`. */
import Link from "next/link";
import type { Reference } from "@wippy/api";
import { entryHref } from "@/lib/entry-id";

interface ReferenceListProps {
  references: readonly (Reference & { exists?: boolean })[];
  /** Which end to show as the link. */
  show: "from" | "to";
  testId: string;
}

export function ReferenceList({ references, show, testId }: ReferenceListProps) {
  return (
    <ul className="plain-list" data-testid={testId}>
      {references.map((r) => {
        const target = show === "from" ? r.from : r.to;
        return (
          <li key={`${r.from}|${r.path}|${r.to}`}>
            <Link href={entryHref(target)} className="mono">
              {target}
            </Link>{" "}
            <span className="muted small-text">
              {show === "from" ? `${r.kind}, field ${r.path}` : `field ${r.path}`}
              {r.exists === false ? " — missing!" : ""}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
