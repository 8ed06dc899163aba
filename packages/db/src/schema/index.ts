export * from "./registry";
export * from "./workflow";
export * from "./control";
export * from "./collab";
export * from "./change-requests";
