/**
 * Validation per invalid case: each test breaks the (valid) pipeline in one way and checks that
 * the issue is reported, with the runtime's code, on the node(s) it concerns.
 */
import { describe, expect, it } from "vitest";
import type { Entry } from "@wippy/shared";
import { buildModel } from "./model";
import { CATALOG, pipeline, service, supervisor } from "./tree-fixtures";
import { messageOnNode, validateTree, type TreeIssueCode } from "./validate";

function issuesWith(changed: readonly Entry[]) {
  return validateTree(pipeline(changed));
}

function codesOn(changed: readonly Entry[], id: string): TreeIssueCode[] {
  return (issuesWith(changed).byNode.get(id) ?? []).map((i) => i.code);
}

describe("validateTree", () => {
  it("finds nothing wrong with the example pipeline, nor with an empty tree", () => {
    expect(validateTree(pipeline()).all).toEqual([]);
    expect(validateTree(buildModel([], CATALOG)).all).toEqual([]);
  });

  it("reports a supervisor cycle on every member", () => {
    const issues = issuesWith([supervisor("pipeline:a", { supervisor: "pipeline:b" }), supervisor("pipeline:b", { supervisor: "pipeline:a" })]);
    expect(issues.all.map((i) => i.code)).toEqual(["supervisor_cycle"]);
    expect(issues.all[0]?.message).toContain("pipeline:a → pipeline:b → pipeline:a");
    expect(issues.byNode.get("pipeline:a")?.[0]?.code).toBe("supervisor_cycle");
    expect(issues.byNode.get("pipeline:b")?.[0]?.code).toBe("supervisor_cycle");
    expect(issues.byNode.has("pipeline:root")).toBe(false);
  });

  it("reports a dependency cycle through a supervisor", () => {
    const issues = issuesWith([supervisor("pipeline:workers", { supervisor: "pipeline:root", order: 1 }, { lifecycle: { depends_on: ["pipeline:flaky"] } })]);
    expect(issues.all.map((i) => i.code)).toEqual(["dependency_cycle"]);
    expect(issues.byNode.get("pipeline:flaky")?.[0]?.code).toBe("dependency_cycle");
  });

  it("reports a service without a process", () => {
    const bare: Entry = { id: "pipeline:bare", kind: "process.service", meta: {}, data: { host: "pipeline:processes" } };
    expect(codesOn([bare], "pipeline:bare")).toEqual(["invalid_entry"]);
    expect(messageOnNode(issuesWith([bare]).all[0] as never)).toBe("process: must be a process.lua entry id");
  });

  it("reports a process that does not exist, or is not a process.lua", () => {
    expect(codesOn([service("pipeline:s", {}, { process: "pipeline:ghost" })], "pipeline:s")).toEqual(["missing_process"]);
    const wrong = issuesWith([service("pipeline:s", {}, { process: "pipeline:settings" })]);
    expect(wrong.all.map(messageOnNode)).toEqual(["process pipeline:settings is a registry.entry, not a process.lua"]);
  });

  it("reports a host that is missing, or of the wrong kind", () => {
    const noHost: Entry = { id: "pipeline:s", kind: "process.service", meta: {}, data: { process: "pipeline:worker" } };
    expect(issuesWith([noHost]).all.map(messageOnNode)).toEqual(["host: must be an entry id (namespace:name)"]);
    expect(issuesWith([service("pipeline:s", {}, { host: "pipeline:ghost" })]).all.map(messageOnNode)).toEqual(["host pipeline:ghost does not exist"]);
    const wrong = issuesWith([service("pipeline:s", {}, { host: "pipeline:flows" })]);
    expect(wrong.all.map((i) => i.code)).toEqual(["missing_host"]);
    expect(wrong.all.map(messageOnNode)).toEqual(["pipeline:flows is a workflow.host, not a process.host"]);
  });

  it("reports an unknown strategy and an unknown restart type", () => {
    expect(issuesWith([supervisor("pipeline:root", {}, { strategy: "one_for_none" })]).all.map(messageOnNode)).toEqual([
      "strategy: must be one of one_for_one, one_for_all, rest_for_one",
    ]);
    const restart = issuesWith([service("pipeline:producer", { supervisor: "pipeline:root", order: 2 }, { lifecycle: { restart_type: "sometimes" } })]);
    expect(restart.byNode.get("pipeline:producer")?.map(messageOnNode)).toEqual(["lifecycle.restart_type: must be one of permanent, transient, temporary"]);
  });

  it("reports bad durations and a negative intensity", () => {
    const period = issuesWith([supervisor("pipeline:root", {}, { period: "5 seconds" })]);
    expect(period.all.map(messageOnNode)).toEqual(['period: "5 seconds" is not a duration (use "500ms", "5s", "1h30m")']);
    const delay = issuesWith([service("pipeline:producer", { supervisor: "pipeline:root" }, { lifecycle: { restart: { initial_delay: "soon" } } })]);
    expect(delay.byNode.get("pipeline:producer")?.[0]?.message).toContain("lifecycle.restart.initial_delay");
    expect(codesOn([supervisor("pipeline:root", {}, { intensity: -1 })], "pipeline:root")).toEqual(["invalid_entry"]);
  });

  it("reports a child whose supervisor is missing or is a service", () => {
    expect(codesOn([service("pipeline:lost", { supervisor: "pipeline:gone" })], "pipeline:lost")).toEqual(["missing_supervisor"]);
    const underService = issuesWith([service("pipeline:odd", { supervisor: "pipeline:flaky" })]);
    expect(underService.all.map(messageOnNode)).toEqual(["meta.supervisor pipeline:flaky is a process.service, not a process.supervisor"]);
    expect(underService.byNode.has("pipeline:flaky")).toBe(false);
  });
});
