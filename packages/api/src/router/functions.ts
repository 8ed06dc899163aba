/**
 * `functions.run`: call a `function.lua` entry on a runtime node with JSON arguments (operator).
 * The node's reply comes back as it is — `{ok: true, value}` or `{ok: false, kind, message,
 * traceback?}` (a Lua error, or `NotFound`/`Timeout` from the node directory) — so the UI shows
 * a failed call as a result, not as a broken request. Only an id that is not a `function.lua`
 * entry is refused up front. Every run is audited with its outcome.
 */
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { recordAudit } from "@wippy/db";
import { ENTRY_ID_PATTERN, jsonValueSchema } from "@wippy/shared";
import { actorOf } from "../audit-actor";
import { DEFAULT_COMMAND_TIMEOUT_MS } from "../nodes";
import { operatorProcedure, router } from "../trpc";

const FUNCTION_KIND = "function.lua";

export const functionsRouter = router({
  run: operatorProcedure
    .input(
      z.object({
        id: z.string().regex(ENTRY_ID_PATTERN, { error: "entry id must be namespace:name" }),
        args: z.array(jsonValueSchema).max(100).default([]),
        nodeId: z.string().min(1).optional(),
        timeoutMs: z.int().min(100).max(300_000).default(DEFAULT_COMMAND_TIMEOUT_MS),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const entry = await ctx.registry.get(input.id);
      if (!entry) throw new TRPCError({ code: "NOT_FOUND", message: `${input.id} does not exist` });
      if (entry.kind !== FUNCTION_KIND) {
        throw new TRPCError({ code: "BAD_REQUEST", message: `${input.id} is a ${entry.kind}, not a ${FUNCTION_KIND}: only functions can be run from here` });
      }
      const startedAt = Date.now();
      const reply = await ctx.nodes.command(input.nodeId, { type: "function.call", id: input.id, args: input.args }, input.timeoutMs);
      const ms = Date.now() - startedAt;
      await recordAudit(ctx.sql, {
        actor: actorOf(ctx.user),
        action: "functions.run",
        target: input.id,
        summary: reply.ok ? `ran ${input.id} (${ms} ms)` : `ran ${input.id}: ${reply.kind}: ${reply.message}`,
        before: { args: input.args, nodeId: input.nodeId ?? null },
        after: reply.ok ? { ok: true } : { ok: false, kind: reply.kind, message: reply.message },
        metadata: { ms },
      });
      return { reply, ms };
    }),
});
