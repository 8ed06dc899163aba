export * from "./registry";
export * from "./workflow";
