/** The send dialog's checks, and the outcome toasts of the operator's actions. */
import { describe, expect, it } from "vitest";
import { describeOutcome, readMessageDraft } from "./process-actions";

describe("readMessageDraft", () => {
  it("sends a trimmed topic with its JSON payload, or without one", () => {
    expect(readMessageDraft(" order ", '{"item":"tea","qty":2}')).toEqual({ ok: true, topic: "order", payload: { item: "tea", qty: 2 } });
    expect(readMessageDraft("ping", "  ")).toEqual({ ok: true, topic: "ping", payload: undefined });
    expect(readMessageDraft("n", "42")).toEqual({ ok: true, topic: "n", payload: 42 });
  });

  it("refuses what the server would refuse, saying which field is wrong", () => {
    expect(readMessageDraft("  ", "")).toMatchObject({ ok: false, field: "topic", message: "a topic is required" });
    expect(readMessageDraft("@system", "")).toMatchObject({ ok: false, field: "topic" });
    expect(readMessageDraft("x".repeat(201), "")).toMatchObject({ ok: false, field: "topic" });
    expect(readMessageDraft("t", "{item:")).toMatchObject({ ok: false, field: "payload", message: expect.stringContaining("not valid JSON") });
    expect(readMessageDraft("t", JSON.stringify("x".repeat(70_000)))).toMatchObject({ ok: false, field: "payload", message: expect.stringContaining("larger than") });
  });
});

describe("describeOutcome", () => {
  it("tells a success with the node's time", () => {
    expect(describeOutcome("terminate", { pid: "{app|0x2}" }, { reply: { ok: true, value: true }, ms: 12 })).toEqual({
      tone: "success",
      title: "Terminated {app|0x2}",
      detail: "The node answered in 12 ms. Recorded in the audit log.",
    });
    expect(describeOutcome("send", { pid: "{app|0x2}", topic: "job" }, { reply: { ok: true, value: true }, ms: 3 }).title).toBe("Sent “job” to {app|0x2}");
    expect(describeOutcome("restart", { pid: "{app|0x2}", service: "app:svc" }, { reply: { ok: true, value: true }, ms: 3 }).title).toBe("Restarted service app:svc");
  });

  it("tells a refusal by the node (a dead pid) as a warning with its kind", () => {
    expect(describeOutcome("cancel", { pid: "{app|0x9}" }, { reply: { ok: false, kind: "NotFound", message: "process {app|0x9} not found" }, ms: 2 })).toEqual({
      tone: "warning",
      title: "The process was not canceled",
      detail: "NotFound: process {app|0x9} not found",
    });
  });
});
