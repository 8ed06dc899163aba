export { PgWorkflowStore, DEFAULT_LIST_RUNS_LIMIT } from "./store";
export { WORKFLOW_CHANNEL } from "./wakeups";
