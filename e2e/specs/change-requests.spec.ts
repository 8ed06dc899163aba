/**
 * Change requests (issue 9) in the browser, against `wippy start e2e/app` and its agent
 * (`e2e/app/agents`: a service whose scope allows `registry.propose` — not apply — on its own
 * namespace `agents.tools`, which a review rule covers).
 *
 * 1. The agent is asked (a message, as an operator would send it) to write a function; it tries
 *    what it may not do — apply, propose outside its namespace, approve its own request — and
 *    is refused each time, proposes, and waits. The approver finds the request in the inbox,
 *    reviews the Monaco diff and the structured diff, comments, and approves: the function is
 *    callable, and the agent hears the outcome and calls it.
 * 2. People propose too: an editor proposes an edit from the entry editor; they may not approve
 *    it (the button says why; the server refuses). A save by someone else makes it stale when
 *    approved; the three-way diff shows the three sides, the editor rebases, the approver
 *    approves revision 2 and it is applied.
 * 3. A change to workflow code: the review page replays the running runs on the new code —
 *    one proposal diverges (and says so), another replays.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "../support/fixtures";
import { modifiedSide, replaceEditorText, waitForEditor } from "../support/monaco";
import { createQuoteCopy, entryPath, QUOTE_SOURCE, readEntry, uniqueName, type NodeInfo } from "../support/registry";
import { tourScreenshot } from "../support/screenshots";
import type { TrpcClient } from "../support/trpc";

interface ChangeRequest {
  id: number;
  status: string;
  entryIds: string[];
  revision: number;
  appliedVersion: number | null;
  author: { kind: string; id: string };
}
interface LogLine {
  msg: string;
  entry?: string;
}

test.describe.configure({ mode: "serial" });

async function openRequestFor(api: TrpcClient, entry: string): Promise<ChangeRequest> {
  let found: ChangeRequest | undefined;
  await expect
    .poll(
      async () => {
        found = (await api.queryOrThrow<{ items: ChangeRequest[] }>("changes.list", { status: ["open"], entry })).items[0];
        return found?.id ?? null;
      },
      { timeout: 30_000, message: `a change request for ${entry}` },
    )
    .not.toBeNull();
  return found as ChangeRequest;
}

async function agentLog(api: TrpcClient): Promise<string[]> {
  const { nodes } = await api.queryOrThrow<{ nodes: { lines: LogLine[] }[] }>("processes.logs", { limit: 2_000 });
  return nodes.flatMap((n) => n.lines).filter((l) => l.entry === "agents:writer").map((l) => l.msg);
}

async function openReview(page: Page, id: number): Promise<void> {
  await page.goto(`/changes/${id}`);
  await expect(page.getByTestId("change-review")).toBeVisible();
}

test("an agent's new function: refused where it may not act, proposed, reviewed and approved by an approver; the agent hears it and calls it", async ({ openAs, apiAs }) => {
  const operator = await apiAs("operator");
  const name = uniqueName("double");
  const id = `agents.tools:${name}`;
  const [node] = (await operator.queryOrThrow<{ nodes: NodeInfo[] }>("nodes.list")).nodes;
  if (!node) throw new Error("no runtime node");
  await operator.mutationOrThrow("processes.send", { nodeId: node.id, dest: "agents.writer", topic: "improve", payload: { name, expression: "x * 2" } });

  const approverApi = await apiAs("approver");
  const request = await openRequestFor(approverApi, id);
  expect(request.author).toMatchObject({ kind: "actor", id: "agent:writer" });

  // The agent was refused, each time with a reason, before it proposed.
  const refusals = await agentLog(operator);
  expect(refusals).toContain(`apply refused: PermissionDenied: permission denied: registry.apply on "${id}" (actor agent:writer: no policy in scope allows it); you may propose it for review instead: changes:propose(message)`);
  expect(refusals).toContain(`proposing outside agents.tools refused: PermissionDenied: permission denied: registry.propose on "shop:${name}" (actor agent:writer: no policy in scope allows it)`);
  await expect.poll(async () => (await agentLog(operator)).some((l) => l.startsWith("approving my own request refused: PermissionDenied: permission denied: nobody approves their own change request"))).toBe(true);
  // Nothing is applied before review.
  expect(await operator.mutation("functions.run", { id, args: [21] })).toMatchObject({ ok: false, code: "NOT_FOUND" });

  const page = await openAs("approver");
  await page.goto("/changes");
  await expect(page.getByTestId("side-nav").getByTestId("open-changes")).toBeVisible();
  const row = page.locator(`[data-testid="change-row"][data-id="${request.id}"]`);
  await expect(row).toBeVisible();
  await expect(row.getByTestId("change-author")).toHaveAttribute("data-kind", "agent");
  await tourScreenshot(page, "change-inbox");
  await row.getByTestId("change-link").click();

  await expect(page).toHaveURL(new RegExp(`/changes/${request.id}$`));
  const item = page.locator(`[data-testid="change-item"][data-entry-id="${id}"]`);
  await expect(item).toHaveAttribute("data-op", "create");
  const diff = item.getByTestId("source-diff");
  await waitForEditor(diff);
  await expect(modifiedSide(diff)).toContainText("return x * 2");
  await expect(item.getByTestId("data-diff")).toContainText("f(x) = x * 2, written by agents:writer");
  await expect(page.getByTestId("change-author").first()).toContainText("agent:writer");
  await expect(page.getByTestId("approval-count")).toHaveText("0 of 1 approval");
  const comments = page.getByTestId("comments-panel");
  await comments.getByTestId("comment-composer-text").fill("Doubles x, and nothing else: fine.");
  await comments.getByTestId("comment-composer-submit").click();
  await expect(comments.getByTestId("comment-list")).toContainText("Doubles x, and nothing else: fine.");
  await tourScreenshot(page, "change-review", { height: 1150 });

  await page.getByTestId("review-note").fill("Approved: small and tested by the agent.");
  await page.getByTestId("approve-button").click();
  await expect(page.getByTestId("review-outcome")).toContainText(/Approved and applied as version \d+/);
  await expect(page.getByTestId("change-outcome")).toContainText("Applied as version");
  await expect(page.getByTestId("change-review")).toHaveAttribute("data-status", "applied");
  const applied = await approverApi.queryOrThrow<{ request: ChangeRequest }>("changes.get", { id: request.id });
  const version = applied.request.appliedVersion;
  expect(version).not.toBeNull();

  // The function is callable, and the agent heard the outcome and called it.
  const run = await operator.mutationOrThrow<{ reply: { ok: boolean; value?: unknown } }>("functions.run", { id, args: [21] });
  expect(run.reply).toEqual({ ok: true, value: 42 });
  await expect.poll(() => agentLog(operator), { timeout: 20_000 }).toEqual(expect.arrayContaining([`change request #${request.id} applied as version ${version}`, `${name}(21) = 42`]));

  // The audit log names the process that proposed it and the person who approved it.
  const admin = await apiAs("admin");
  const audit = await admin.queryOrThrow<{ items: { action: string; actor: { kind: string; id: string; name: string }; metadata: Record<string, unknown> }[] }>("audit.list", { target: `change:${request.id}` });
  expect(audit.items.find((r) => r.action === "changes.propose")).toMatchObject({ actor: { kind: "actor", id: "agent:writer" }, metadata: { entry: "agents:writer" } });
  expect(audit.items.find((r) => r.action === "changes.approve")).toMatchObject({ actor: { kind: "user", name: "abby.approver@example.com" }, metadata: { version } });
});

test("people propose too: the author may not approve; a save meanwhile makes it stale; rebased, approved, applied", async ({ openAs, apiAs }) => {
  const editorApi = await apiAs("editor");
  const { id } = await createQuoteCopy(editorApi, uniqueName("proposed"));
  const editor = await openAs("editor");
  await editor.goto(entryPath(id, "source"));
  const proposed = QUOTE_SOURCE.replace("local n = qty or 1", "local n = qty or 3");
  await replaceEditorText(editor.getByTestId("source-editor"), proposed);
  await editor.getByTestId("save-message").fill("three by default");
  await editor.getByTestId("propose-button").click();
  await expect(editor).toHaveURL(/\/changes\/\d+$/);
  const requestId = Number(new URL(editor.url()).pathname.split("/").pop());
  // The editor went back to the registry's text: the proposal holds the edit.
  expect((await readEntry(editorApi, id)).entry.data.source).toBe(QUOTE_SOURCE);
  await expect(editor.getByTestId("approve-button")).toBeDisabled();
  await expect(editor.getByTestId("approve-blocked")).toContainText("nobody approves their own change request");
  const refused = await editorApi.mutation("changes.approve", { id: requestId, revision: 1 });
  expect(refused).toMatchObject({ ok: false, status: 403, code: "FORBIDDEN" });

  // Someone saves the same entry after it was proposed.
  const adminApi = await apiAs("admin");
  const current = await readEntry(adminApi, id);
  await adminApi.mutationOrThrow("registry.save", { id, baseVersion: current.version, entry: { ...current.entry, data: { ...current.entry.data, source: QUOTE_SOURCE.replace("local n = qty or 1", "local n = qty or 2") } }, message: "two by default" });

  const approver = await openAs("approver");
  await openReview(approver, requestId);
  await expect(approver.getByTestId("stale-panel")).toContainText("Approving it now would mark it stale");
  await approver.getByTestId("approve-button").click();
  await expect(approver.getByTestId("review-outcome")).toContainText("It is stale now");
  await expect(approver.getByTestId("change-review")).toHaveAttribute("data-status", "stale");

  // The author sees the three sides and rebases, keeping the proposal over theirs.
  await openReview(editor, requestId);
  const merge = editor.locator(`[data-testid="entry-merge"][data-entry-id="${id}"]`);
  await expect(merge).toContainText("after version");
  const threeWay = merge.getByTestId("three-way-diff");
  await waitForEditor(threeWay);
  await expect(modifiedSide(threeWay)).toContainText("qty or 3");
  await merge.getByTestId("merge-views").getByTestId("tab-base-theirs").click();
  await expect(modifiedSide(merge.getByTestId("three-way-diff"))).toContainText("qty or 2");
  await tourScreenshot(editor, "change-stale", { height: 1100 });
  await editor.getByTestId("rebase-note").fill("three wins: the pricing team asked for it");
  await editor.getByTestId("rebase-button").click();
  await expect(editor.getByTestId("change-review")).toHaveAttribute("data-status", "open");

  await openReview(approver, requestId);
  await expect(approver.getByTestId("review-history")).toContainText("rebased");
  await approver.getByTestId("approve-button").click();
  await expect(approver.getByTestId("change-outcome")).toContainText("Applied as version");
  expect((await readEntry(editorApi, id)).entry.data.source).toBe(proposed);
});

test("a change to workflow code shows whether its running runs would replay on it", async ({ openAs, apiAs }) => {
  const editorApi = await apiAs("editor");
  const operator = await apiAs("operator");
  const workflow = `flows:${uniqueName("reviewed")}`;
  const source = (qty: string, result: string) => `local funcs = require("funcs")
local function run(order)
    local packed = funcs.call("flows:pack", order.item, ${qty})
    local approval = process.inbox():receive()
    return { label = packed.label, ${result} }
end
return { run = run }
`;
  const entry = (code: string) => ({ id: workflow, kind: "workflow.lua", meta: {}, data: { source: code, method: "run", modules: ["funcs"] } });
  await editorApi.mutationOrThrow("registry.create", { entry: entry(source("order.qty", "version = 1")) });
  const { runId } = await operator.mutationOrThrow<{ runId: string }>("workflows.start", { workflow, args: [{ item: "pen", qty: 1 }] });
  // The run packed (an activity in its history) and waits for its signal.
  await expect
    .poll(async () => (await operator.queryOrThrow<{ history: { type: string }[] }>("workflows.get", { id: runId })).history.map((e) => e.type), { timeout: 30_000 })
    .toContain("activity.completed");

  const base = (await readEntry(editorApi, workflow)).version;
  const propose = async (code: string, message: string) =>
    (await editorApi.mutationOrThrow<{ request: ChangeRequest }>("changes.propose", { baseVersion: base, ops: [{ op: "update", entry: entry(code) }], message })).request;
  const diverging = await propose(source("order.qty + 1", "version = 2"), "pack one more");
  const compatible = await propose(source("order.qty", "version = 3"), "same steps, new result");

  const approver = await openAs("approver");
  await openReview(approver, diverging.id);
  const run = approver.locator(`[data-testid="replay-workflow"][data-workflow="${workflow}"] [data-testid="replay-run"]`);
  await expect(run).toHaveAttribute("data-status", "diverged");
  await expect(run).toContainText(runId);
  await expect(run).toContainText("NonDeterminism");
  await openReview(approver, compatible.id);
  await expect(approver.locator(`[data-testid="replay-workflow"][data-workflow="${workflow}"] [data-testid="replay-run"]`)).toHaveAttribute("data-status", "deterministic");

  const approverApi = await apiAs("approver");
  for (const request of [diverging, compatible]) await approverApi.mutationOrThrow("changes.reject", { id: request.id, note: "a spec's example" });
  await operator.mutationOrThrow("workflows.terminate", { id: runId, reason: "a spec's example" });
});
