/** `session.me`: who is signed in (null when nobody), for the UI's header and role gates. */
import { publicProcedure, router } from "../trpc";

export const sessionRouter = router({
  me: publicProcedure.query(({ ctx }) => ({ user: ctx.user })),
});
