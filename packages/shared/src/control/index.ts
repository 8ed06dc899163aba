/** The control plane's protocols with runtime nodes (issue 7, 8). */
export * from "./node-wire";
export * from "./telemetry";
