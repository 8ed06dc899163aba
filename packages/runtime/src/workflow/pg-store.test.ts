// The store contract suite against @wippy/db's PostgreSQL store, on every test server. One
// database per server for the whole suite (the suite's run ids are unique per test); the
// database clock is real, so `advance` sleeps.
import { PgWorkflowStore } from "@wippy/db";
import { createTestDatabase, testTargets, type TestDatabase } from "@wippy/db/testing";
import { afterAll, describe } from "vitest";
import { describeWorkflowStore } from "./store-contract";

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(testTargets())("on $name PostgreSQL", (target) => {
  let tdb: Promise<TestDatabase> | null = null;
  afterAll(async () => {
    await (await tdb)?.drop();
  });
  describeWorkflowStore(`postgres (${target.name})`, async () => {
    tdb ??= createTestDatabase(target);
    return { store: new PgWorkflowStore((await tdb).sql), advance: sleep };
  });
});
