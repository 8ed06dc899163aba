/**
 * Comments on collaboration targets (`comments`, schema/collab.ts): list a target's comments,
 * add, change the text, delete — each change followed by `pg_notify('wippy_comments', …)` in the
 * same transaction, so every control-plane server learns of it exactly when it commits and
 * tells the browsers that have the target open.
 *
 * Who may change what is the caller's rule (packages/api `comments.*`): the store locks the row
 * (`commentForUpdate`) so that check and change see the same comment.
 *
 * In: a postgres.js connection or the caller's transaction. Out: `Comment`s (@wippy/shared).
 */
import type { Sql, TransactionSql } from "postgres";
import type { Comment, CommentAuthor } from "@wippy/shared";

export const COMMENTS_CHANNEL = "wippy_comments";
export const DEFAULT_COMMENT_PAGE = 100;

/** The NOTIFY payload: small (NOTIFY caps it at 8 kB), the comment is read back by id. */
export interface CommentNotice {
  change: "added" | "edited" | "deleted";
  target: string;
  id: number;
}

interface CommentRow {
  id: string | number;
  target: string;
  author_id: string;
  author_name: string;
  author_email: string;
  body: string;
  created_at: Date;
  edited_at: Date | null;
}

type Db = Sql | TransactionSql;

export function toComment(row: CommentRow): Comment {
  return {
    id: Number(row.id),
    target: row.target,
    author: { id: row.author_id, name: row.author_name, email: row.author_email },
    body: row.body,
    createdAt: row.created_at.getTime(),
    editedAt: row.edited_at ? row.edited_at.getTime() : null,
  };
}

/**
 * A target's comments in the order they were written: the newest `limit` of them, or those
 * before the comment `before` (the earlier page). `more`: older ones exist.
 */
export async function listComments(sql: Db, target: string, opts: { limit?: number; before?: number } = {}): Promise<{ items: Comment[]; more: boolean }> {
  const limit = opts.limit ?? DEFAULT_COMMENT_PAGE;
  const rows =
    opts.before === undefined
      ? await sql<CommentRow[]>`select * from comments where target = ${target} order by id desc limit ${limit + 1}`
      : await sql<CommentRow[]>`select * from comments where target = ${target} and id < ${opts.before} order by id desc limit ${limit + 1}`;
  return { items: rows.slice(0, limit).reverse().map(toComment), more: rows.length > limit };
}

export async function getComment(sql: Db, id: number): Promise<Comment | null> {
  const [row] = await sql<CommentRow[]>`select * from comments where id = ${id}`;
  return row ? toComment(row) : null;
}

/** The comment, locked until the transaction ends (null when there is none). */
export async function commentForUpdate(tx: TransactionSql, id: number): Promise<Comment | null> {
  const [row] = await tx<CommentRow[]>`select * from comments where id = ${id} for update`;
  return row ? toComment(row) : null;
}

export async function addComment(sql: Db, input: { target: string; author: CommentAuthor; body: string; at?: Date }): Promise<Comment> {
  const [row] = await sql<CommentRow[]>`
    insert into comments (target, author_id, author_name, author_email, body, created_at)
    values (${input.target}, ${input.author.id}, ${input.author.name}, ${input.author.email}, ${input.body}, ${input.at ?? new Date()})
    returning *`;
  if (!row) throw new Error("insert into comments returned no row");
  const comment = toComment(row);
  await notify(sql, { change: "added", target: comment.target, id: comment.id });
  return comment;
}

export async function editComment(sql: Db, id: number, body: string, at: Date = new Date()): Promise<Comment | null> {
  const [row] = await sql<CommentRow[]>`update comments set body = ${body}, edited_at = ${at} where id = ${id} returning *`;
  if (!row) return null;
  const comment = toComment(row);
  await notify(sql, { change: "edited", target: comment.target, id: comment.id });
  return comment;
}

export async function deleteComment(sql: Db, id: number): Promise<Comment | null> {
  const [row] = await sql<CommentRow[]>`delete from comments where id = ${id} returning *`;
  if (!row) return null;
  const comment = toComment(row);
  await notify(sql, { change: "deleted", target: comment.target, id: comment.id });
  return comment;
}

async function notify(sql: Db, notice: CommentNotice): Promise<void> {
  await sql`select pg_notify(${COMMENTS_CHANNEL}, ${JSON.stringify(notice)})`;
}
