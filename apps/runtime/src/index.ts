export { applyFolder, loadFolder, planFolder, describeSummary } from "./sync";
export type { ApplySummary, ApplyOptions } from "./sync";
export { EXIT } from "./output";
