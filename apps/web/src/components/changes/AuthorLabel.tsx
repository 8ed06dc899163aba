/**
 * Who proposed a change: a person (their email), or an agent — a Lua process: its actor id and,
 * `detailed`, the entry it ran and its pid when it proposed.
 */
import Link from "next/link";
import type { ChangeRequestAuthor } from "@wippy/shared";
import { entryHref } from "@/lib/entry-id";
import styles from "./changes.module.css";

export function AuthorLabel({ author, detailed = false }: { author: ChangeRequestAuthor; detailed?: boolean }) {
  if (author.kind === "user") return <span data-testid="change-author">{author.name}</span>;
  return (
    <span className={styles.author} data-testid="change-author" data-kind="agent">
      <span className="badge success" title="A Lua process proposed this change">
        agent
      </span>
      <span className="mono">{author.id}</span>
      {detailed ? (
        <span className="muted small-text">
          running <Link href={entryHref(author.entry)}>{author.entry}</Link> as <span className="mono">{author.pid}</span>
        </span>
      ) : null}
    </span>
  );
}
