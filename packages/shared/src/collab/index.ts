/** Team collaboration (issue 9): targets, presence, comments, the activity feed. */
export * from "./target";
export * from "./presence";
export * from "./comment";
export * from "./feed";
