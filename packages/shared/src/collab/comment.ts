/**
 * Comments: short notes people leave on a target (an entry, a workflow run, later a change
 * request), stored in PostgreSQL and shown in order.
 *
 * Terms:
 * - `Comment`: id (increasing), target, author (user id, name and email as they were when
 *   writing — the comment outlives a removed user), body (plain text), created and last edited
 *   times in ms since epoch (`editedAt` null when never edited).
 * - `CommentChange`: what others on the target are told live — one was added, edited (both
 *   carry the comment) or deleted (its id).
 */
import { z } from "zod";

export const COMMENT_MAX_CHARS = 5_000;

export const commentBodySchema = z
  .string()
  .trim()
  .min(1, { error: "a comment cannot be empty" })
  .max(COMMENT_MAX_CHARS, { error: `a comment has at most ${COMMENT_MAX_CHARS} characters` });

export interface CommentAuthor {
  readonly id: string;
  readonly name: string;
  readonly email: string;
}

export interface Comment {
  readonly id: number;
  readonly target: string;
  readonly author: CommentAuthor;
  readonly body: string;
  readonly createdAt: number;
  readonly editedAt: number | null;
}

export type CommentChange =
  | { readonly change: "added" | "edited"; readonly target: string; readonly comment: Comment }
  | { readonly change: "deleted"; readonly target: string; readonly id: number };
