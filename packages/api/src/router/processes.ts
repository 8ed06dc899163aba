/**
 * `processes.*`: the live processes of the runtime nodes (issue 8's inspector).
 *
 * Reads (viewer): `snapshot` — one node's whole table at a `seq` (the socket's
 * `processes:delta` frames apply on top of it); `inspect` — one process (row, sampled
 * messages, its log lines, its entry and service config; `null` once it has exited);
 * `logs` — recent log lines of one node or of every node.
 * Actions (operator, audited with their outcome): `send` (a message from the system to a pid
 * or name), `cancel` (CANCEL with a reason), `terminate`, `restartService`. Like
 * `functions.run`, an action answers with the node's reply — a dead pid is an outcome to
 * show, not a broken request.
 *
 * A node's answer to a read is validated (the node is a peer, not part of this process); a
 * node that is gone or silent becomes NOT_FOUND / TIMEOUT with the directory's message.
 */
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { recordAudit } from "@wippy/db";
import {
  commandTarget,
  describeCommand,
  jsonValueSchema,
  logLineSchema,
  MAX_COMMAND_PAYLOAD_CHARS,
  processDetailSchema,
  processSnapshotSchema,
  type JsonValue,
  type LogLine,
  type NodeCommand,
  type NodeReply,
} from "@wippy/shared";
import { actorOf } from "../audit-actor";
import type { NodeDirectory } from "../nodes";
import { operatorProcedure, router, viewerProcedure, type ApiContext } from "../trpc";

/** Reads wait less than actions: a page polls them. */
const READ_TIMEOUT_MS = 5_000;
const ACTION_TIMEOUT_MS = 10_000;

const nodeId = z.string().min(1).max(200);
const dest = z.string().min(1).max(300);

async function readOrThrow<T>(nodes: NodeDirectory, node: string, command: NodeCommand, schema: z.ZodType<T>): Promise<T> {
  const reply = await nodes.command(node, command, READ_TIMEOUT_MS);
  if (!reply.ok) {
    const code = reply.kind === "NotFound" ? "NOT_FOUND" : reply.kind === "Timeout" ? "TIMEOUT" : "INTERNAL_SERVER_ERROR";
    throw new TRPCError({ code, message: reply.message });
  }
  const parsed = schema.safeParse(reply.value);
  if (!parsed.success) throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: `runtime node ${node} answered ${command.type} with data this server does not understand` });
  return parsed.data;
}

/** Runs an action on a node and records it in the audit log with its outcome. */
async function act(ctx: ApiContext & { user: NonNullable<ApiContext["user"]> }, node: string, command: NodeCommand, action: string): Promise<{ reply: NodeReply; ms: number }> {
  const startedAt = Date.now();
  const reply = await ctx.nodes.command(node, command, ACTION_TIMEOUT_MS);
  const ms = Date.now() - startedAt;
  const what = describeCommand(command);
  await recordAudit(ctx.sql, {
    actor: actorOf(ctx.user),
    action,
    target: commandTarget(command),
    summary: reply.ok ? `${what} on ${node}` : `${what} on ${node}: ${reply.kind}: ${reply.message}`,
    before: { node, command: command as unknown as JsonValue },
    after: reply.ok ? { ok: true } : { ok: false, kind: reply.kind, message: reply.message },
    metadata: { ms },
  });
  return { reply, ms };
}

export const processesRouter = router({
  snapshot: viewerProcedure
    .input(z.object({ nodeId }))
    .query(({ ctx, input }) => readOrThrow(ctx.nodes, input.nodeId, { type: "inspect.snapshot" }, processSnapshotSchema)),

  /** `null` when the node is connected but has no such process (it exited): a page polls this, and an exit is news, not an error. */
  inspect: viewerProcedure.input(z.object({ nodeId, pid: dest })).query(async ({ ctx, input }) => {
    try {
      return await readOrThrow(ctx.nodes, input.nodeId, { type: "inspect.process", pid: input.pid }, processDetailSchema);
    } catch (error) {
      if (!(error instanceof TRPCError && error.code === "NOT_FOUND")) throw error;
      // The node and the directory both say NotFound: only a listed node means "no such process".
      if (!(await ctx.nodes.list()).some((n) => n.id === input.nodeId)) throw error;
      return null;
    }
  }),

  logs: viewerProcedure.input(z.object({ nodeId: nodeId.optional(), limit: z.int().min(1).max(2_000).default(300) })).query(async ({ ctx, input }) => {
    const ids = input.nodeId ? [input.nodeId] : (await ctx.nodes.list()).map((n) => n.id);
    const command: NodeCommand = { type: "logs.recent", limit: input.limit };
    const nodes = await Promise.all(
      ids.map(async (id): Promise<{ nodeId: string; lines: LogLine[]; error?: string }> => {
        try {
          return { nodeId: id, lines: await readOrThrow(ctx.nodes, id, command, z.array(logLineSchema)) };
        } catch (error) {
          // One silent node does not hide the others' lines.
          return { nodeId: id, lines: [], error: (error as Error).message };
        }
      }),
    );
    return { nodes };
  }),

  send: operatorProcedure
    .input(
      z.object({
        nodeId,
        dest,
        topic: z.string().trim().min(1, { error: "a topic is required" }).max(200).refine((t) => !t.startsWith("@"), { error: "topics beginning with @ are reserved" }),
        payload: jsonValueSchema.optional().refine((p) => p === undefined || JSON.stringify(p).length <= MAX_COMMAND_PAYLOAD_CHARS, { error: `the payload is larger than ${MAX_COMMAND_PAYLOAD_CHARS} characters of JSON` }),
      }),
    )
    .mutation(({ ctx, input }) => act(ctx, input.nodeId, { type: "process.send", dest: input.dest, topic: input.topic, payload: input.payload }, "processes.send")),

  cancel: operatorProcedure
    .input(z.object({ nodeId, dest, reason: z.string().trim().max(500).default("canceled from the control plane") }))
    .mutation(({ ctx, input }) => act(ctx, input.nodeId, { type: "process.cancel", dest: input.dest, reason: input.reason }, "processes.cancel")),

  terminate: operatorProcedure
    .input(z.object({ nodeId, dest }))
    .mutation(({ ctx, input }) => act(ctx, input.nodeId, { type: "process.terminate", dest: input.dest }, "processes.terminate")),

  restartService: operatorProcedure
    .input(z.object({ nodeId, id: z.string().min(1).max(300) }))
    .mutation(({ ctx, input }) => act(ctx, input.nodeId, { type: "service.restart", id: input.id }, "processes.restartService")),
});
