/**
 * User management (admin only). Rules, checked under the users lock so racing admins cannot
 * break them: there is always at least one admin (the last one can be neither demoted nor
 * removed), and nobody removes their own account.
 */
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { recordAudit } from "@wippy/db";
import { actorOf } from "../audit-actor";
import { roleSchema } from "../roles";
import { adminProcedure, router } from "../trpc";
import { createUser, hashNewUser, newUserSchema, userSummary } from "../users/new-user";
import { countAdmins, deleteUser, findUser, listUsers, updateRole, withUsersLock, type UserRecord } from "../users/user-store";

const userId = z.object({ id: z.string().min(1) });

export const usersRouter = router({
  list: adminProcedure.query(async ({ ctx }) => listUsers(ctx.sql)),

  create: adminProcedure.input(newUserSchema.extend({ role: roleSchema })).mutation(async ({ ctx, input }) => {
    const prepared = await hashNewUser(ctx.auth, input);
    const user = await withUsersLock(ctx.sql, async (tx) => {
      const created = await createUser(tx, prepared, input.role);
      await recordAudit(tx, {
        actor: actorOf(ctx.user),
        action: "users.create",
        target: created.email,
        summary: `created ${created.email} as ${created.role}`,
        before: null,
        after: userSummary(created),
      });
      return created;
    });
    return userSummary(user);
  }),

  setRole: adminProcedure.input(userId.extend({ role: roleSchema })).mutation(async ({ ctx, input }) => {
    const user = await withUsersLock(ctx.sql, async (tx) => {
      const before = await findUserOrThrow(tx, input.id);
      if (before.role === input.role) return before;
      if (before.role === "admin" && (await countAdmins(tx)) <= 1) {
        throw new TRPCError({ code: "PRECONDITION_FAILED", message: `${before.email} is the last admin: make someone else admin first` });
      }
      await updateRole(tx, input.id, input.role);
      const after = { ...before, role: input.role };
      await recordAudit(tx, {
        actor: actorOf(ctx.user),
        action: "users.setRole",
        target: before.email,
        summary: `${before.email}: ${before.role} → ${input.role}`,
        before: userSummary(before),
        after: userSummary(after),
      });
      return after;
    });
    return userSummary(user);
  }),

  remove: adminProcedure.input(userId).mutation(async ({ ctx, input }) => {
    if (input.id === ctx.user.id) throw new TRPCError({ code: "PRECONDITION_FAILED", message: "you cannot remove your own account" });
    await withUsersLock(ctx.sql, async (tx) => {
      const before = await findUserOrThrow(tx, input.id);
      if (before.role === "admin" && (await countAdmins(tx)) <= 1) {
        throw new TRPCError({ code: "PRECONDITION_FAILED", message: `${before.email} is the last admin and cannot be removed` });
      }
      await deleteUser(tx, input.id);
      await recordAudit(tx, {
        actor: actorOf(ctx.user),
        action: "users.remove",
        target: before.email,
        summary: `removed ${before.email} (${before.role})`,
        before: userSummary(before),
        after: null,
      });
    });
    return { removed: input.id };
  }),
});

async function findUserOrThrow(tx: Parameters<typeof findUser>[0], id: string): Promise<UserRecord> {
  const user = await findUser(tx, id);
  if (!user) throw new TRPCError({ code: "NOT_FOUND", message: `no user with id ${id}` });
  return user;
}
