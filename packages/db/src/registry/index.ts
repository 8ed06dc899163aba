export { RegistryStore, REGISTRY_CHANNEL } from "./store";
export type { Commit, CommitOptions, Snapshot, VersionDelta } from "./store";
export { describeChange, entriesEqual, opsBetween, planChanges } from "./plan";
