/** The control plane's API: one router per domain (router/<domain>.ts). */
import { auditRouter } from "./router/audit";
import { changesRouter } from "./router/changes";
import { commentsRouter } from "./router/comments";
import { feedRouter } from "./router/feed";
import { functionsRouter } from "./router/functions";
import { historyRouter } from "./router/history";
import { nodesRouter } from "./router/nodes";
import { processesRouter } from "./router/processes";
import { registryRouter } from "./router/registry";
import { sessionRouter } from "./router/session";
import { setupRouter } from "./router/setup";
import { supervisionRouter } from "./router/supervision";
import { usersRouter } from "./router/users";
import { workflowsRouter } from "./router/workflows";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  session: sessionRouter,
  setup: setupRouter,
  registry: registryRouter,
  history: historyRouter,
  audit: auditRouter,
  users: usersRouter,
  nodes: nodesRouter,
  processes: processesRouter,
  functions: functionsRouter,
  supervision: supervisionRouter,
  workflows: workflowsRouter,
  comments: commentsRouter,
  feed: feedRouter,
  changes: changesRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
