/** Change requests: registry changes proposed for review, reviewed, and applied (issue 9). */
export { ChangeRequestStore } from "./store";
export type { ChangeRequestError, ChangeRequestErrorKind } from "./errors";
export type { Decision, ValidateChange } from "./decide";
export type { ProposeInput } from "./propose";
export { DEFAULT_CHANGE_REQUEST_PAGE, type ChangeRequestFilter } from "./read";
export { CHANGE_REQUESTS_CHANNEL } from "./rows";
