export * from "./registry/entry";
export * from "./registry/errors";
export * from "./registry/filter";
export * from "./registry/canonical";
export * from "./duration";
export * from "./workflow";
export * from "./control";
export * from "./log-format";
