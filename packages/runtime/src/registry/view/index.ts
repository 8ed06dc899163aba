/**
 * The node's registry view: an in-memory copy of the registry that follows PostgreSQL.
 *
 * - `RegistryView`: lookups, O(1) snapshots, in-order delta application, change subscribers.
 * - `followRegistry`: LISTEN + snapshot + catch-up by version, serialized.
 */
export { RegistryView } from "./registry-view";
export type { ApplyOutcome, LoadableSnapshot, RegistryUpdate, RegistryViewOptions, UpdateListener } from "./registry-view";
export { RegistrySnapshot } from "./registry-snapshot";
export type { FindFilter, FindResult } from "./registry-snapshot";
export type { RegistryDelta } from "./delta";
export { DEFAULT_FOLLOW, followRegistry } from "./follow-registry";
export type { FollowDefaults, FollowRegistryOptions, RegistryFollower } from "./follow-registry";
export type { ViewLog } from "./log";
