export { RuntimeNode, FUNCTIONS_HOST, TERMINAL_HOST, type NodeLogger, type NodeServices, type RuntimeNodeOptions } from "./runtime-node";
export { waitForExit } from "./await-exit";
export { syncHosts, hostConfigOf, HOST_KINDS } from "./hosts";
export { checkRunnable, type VersionProblem } from "./check-version";
export { effectiveState, type EffectiveState } from "./last-good";
