/**
 * `comments.*`: notes people leave on a collaboration target — an entry (`entry:<id>`), a
 * workflow run (`run:<id>`), or any later kind such as a change request (`change:<id>`): the
 * store is keyed by the target string alone, so a new kind needs nothing here.
 *
 * Roles: viewers read; operators and above write (a viewer's role is read-only everywhere; an
 * operator comments on the runs and processes they act on, an editor on the entries they
 * change). Each person edits and deletes their own comments; an admin may delete anyone's
 * (moderation) but edits nobody's — a comment always says what its author wrote.
 *
 * Every change is audited (`comments.add|edit|delete`, target = the comment's target, the text
 * before/after) in the transaction that makes it. Browsers on the target hear of it live: the
 * store NOTIFYs `wippy_comments` and every control-plane server relays it (apps/web/server).
 */
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { addComment, commentForUpdate, DEFAULT_COMMENT_PAGE, deleteComment, editComment, listComments, recordAudit } from "@wippy/db";
import { commentBodySchema, targetSchema, type Comment } from "@wippy/shared";
import { actorOf } from "../audit-actor";
import { hasRole, type SessionUser } from "../roles";
import { operatorProcedure, router, viewerProcedure } from "../trpc";

const commentId = z.int().min(1);

const audited = (c: Comment) => ({ id: c.id, target: c.target, author: c.author.email, body: c.body });

function ownOrThrow(comment: Comment | null, id: number, user: SessionUser, action: "edit" | "delete"): Comment {
  if (!comment) throw new TRPCError({ code: "NOT_FOUND", message: `comment ${id} does not exist (it may have been deleted)` });
  const mayDelete = action === "delete" && hasRole(user.role, "admin");
  if (comment.author.id !== user.id && !mayDelete) {
    throw new TRPCError({ code: "FORBIDDEN", message: action === "edit" ? "you can edit only your own comments" : "you can delete only your own comments (admins can delete any)" });
  }
  return comment;
}

export const commentsRouter = router({
  list: viewerProcedure
    // `cursor`: the oldest comment already shown; the answer is the page before it.
    .input(z.object({ target: targetSchema, limit: z.int().min(1).max(500).default(DEFAULT_COMMENT_PAGE), cursor: commentId.optional() }))
    .query(({ ctx, input }) => listComments(ctx.sql, input.target, { limit: input.limit, before: input.cursor })),

  add: operatorProcedure.input(z.object({ target: targetSchema, body: commentBodySchema })).mutation(({ ctx, input }) =>
    ctx.sql.begin(async (tx) => {
      const { user } = ctx;
      const comment = await addComment(tx, { target: input.target, author: { id: user.id, name: user.name, email: user.email }, body: input.body });
      await recordAudit(tx, { actor: actorOf(user), action: "comments.add", target: input.target, summary: `comment ${comment.id}`, before: null, after: audited(comment) });
      return comment;
    }),
  ),

  edit: operatorProcedure.input(z.object({ id: commentId, body: commentBodySchema })).mutation(({ ctx, input }) =>
    ctx.sql.begin(async (tx) => {
      const before = ownOrThrow(await commentForUpdate(tx, input.id), input.id, ctx.user, "edit");
      if (before.body === input.body) return before;
      const after = await editComment(tx, input.id, input.body);
      if (!after) throw new Error(`comment ${input.id} vanished while locked`);
      await recordAudit(tx, { actor: actorOf(ctx.user), action: "comments.edit", target: after.target, summary: `comment ${after.id}`, before: audited(before), after: audited(after) });
      return after;
    }),
  ),

  delete: operatorProcedure.input(z.object({ id: commentId })).mutation(({ ctx, input }) =>
    ctx.sql.begin(async (tx) => {
      const before = ownOrThrow(await commentForUpdate(tx, input.id), input.id, ctx.user, "delete");
      await deleteComment(tx, input.id);
      const whose = before.author.id === ctx.user.id ? "own" : `by ${before.author.email}`;
      await recordAudit(tx, { actor: actorOf(ctx.user), action: "comments.delete", target: before.target, summary: `comment ${before.id} (${whose})`, before: audited(before), after: null });
      return { id: before.id, target: before.target };
    }),
  ),
});
