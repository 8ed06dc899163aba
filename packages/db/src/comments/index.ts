/** Comments on collaboration targets (issue 9). */
export {
  addComment,
  commentForUpdate,
  COMMENTS_CHANNEL,
  DEFAULT_COMMENT_PAGE,
  deleteComment,
  editComment,
  getComment,
  listComments,
  toComment,
  type CommentNotice,
} from "./store";
