/**
 * First-run setup: while there are no users at all, anyone who can reach the server may create
 * the first admin (the one-time setup page; `wippy` can also prompt for it). Once a user
 * exists, setup is closed for good. Two racing calls serialize on the users lock: exactly one
 * creates the admin, the other is told setup is done. No default password ever exists.
 */
import { TRPCError } from "@trpc/server";
import { recordAudit, SYSTEM_ACTOR } from "@wippy/db";
import { publicProcedure, router } from "../trpc";
import { createUser, hashNewUser, newUserSchema, userSummary } from "../users/new-user";
import { countUsers, withUsersLock } from "../users/user-store";

export const setupRouter = router({
  status: publicProcedure.query(async ({ ctx }) => ({ needsSetup: (await countUsers(ctx.sql)) === 0 })),

  createAdmin: publicProcedure.input(newUserSchema).mutation(async ({ ctx, input }) => {
    if ((await countUsers(ctx.sql)) > 0) throw setupDone();
    const prepared = await hashNewUser(ctx.auth, input);
    const user = await withUsersLock(ctx.sql, async (tx) => {
      if ((await countUsers(tx)) > 0) throw setupDone();
      const created = await createUser(tx, prepared, "admin");
      await recordAudit(tx, {
        actor: SYSTEM_ACTOR,
        action: "setup.createAdmin",
        target: created.email,
        summary: `first admin ${created.email} created by first-run setup`,
        before: null,
        after: userSummary(created),
      });
      return created;
    });
    return { user: userSummary(user) };
  }),
});

function setupDone(): TRPCError {
  return new TRPCError({ code: "FORBIDDEN", message: "setup is already done: sign in, or ask an admin for an account" });
}
