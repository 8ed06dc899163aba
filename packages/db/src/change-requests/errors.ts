/**
 * Expected refusals of the change-request store, as tagged values with Wippy's kinds (so the
 * Lua layer passes them on unchanged and the API maps them to HTTP codes):
 * `Invalid` (bad input), `NotFound`, `Conflict` (the request or the registry is not in the
 * state the caller assumed: decided already, rebased since, a stale base), `PermissionDenied`
 * (approving one's own request, an agent approving).
 */
export type ChangeRequestErrorKind = "Invalid" | "NotFound" | "Conflict" | "PermissionDenied";

export interface ChangeRequestError {
  kind: ChangeRequestErrorKind;
  message: string;
}
