export { PgWorkflowStore, DEFAULT_LIST_RUNS_LIMIT } from "./store";
export { WORKFLOW_CHANNEL } from "./wakeups";
export { NodeLiveness, LIVENESS_LOCK_CLASS, type LivenessOptions } from "./liveness";
export { countRuns, DEFAULT_RUN_PAGE, runSchedule, searchRuns, type RunCounts, type RunCursor, type RunSchedule, type RunSearch, type RunStatusFilter } from "./browse";
