export { commitInTransaction, RegistryStore, REGISTRY_CHANNEL, stateAt } from "./store";
export type { Commit, CommitOptions, Snapshot, VersionDelta } from "./store";
export { describeChange, entriesEqual, opsBetween, planChanges } from "./plan";
