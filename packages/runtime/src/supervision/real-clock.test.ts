/**
 * Smoke test on a real clock and the kernel's `Pump`, as a node runs it: restart timers fire
 * outside kernel turns and must still get the kernel going; `stopAll` resolves on its own.
 */
import { expect, it } from "vitest";
import { fail, generatorBehaviour, Kernel, ok, Pump, RealClock, receive, wippyError } from "../kernel";
import { Supervision } from "./supervision";
import { HOST, service, unwrap } from "./test-support";

const until = async (check: () => boolean, ms = 2_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

it("restarts with backoff and stops cleanly on a real clock", async () => {
  const pump = new Pump(setImmediate);
  const kernel = new Kernel({ clock: new RealClock(), onWork: pump.onWork });
  pump.attach(kernel);
  unwrap(kernel.hosts.add(HOST));
  let runs = 0;
  const sup = new Supervision({
    kernel,
    resolveBody: (svc) =>
      ok({
        host: HOST,
        behaviour: generatorBehaviour(function* (ctx) {
          runs++;
          if (svc.id === "app:steady") {
            yield* receive(ctx.events()); // returns on CANCEL
            return ok(null);
          }
          return fail(wippyError("Unavailable", "flaky"));
        }),
      }),
  });
  unwrap(sup.reconcile([...service("app:flaky", "x", { lifecycle: { restart: { initial_delay: "5ms", max_attempts: 3 } } }), ...service("app:steady", "x")]));
  await until(() => sup.tree().children.find((c) => c.id === "app:flaky")?.state === "terminal");
  expect(runs).toBe(4); // 3 flaky runs + 1 steady
  const started = Date.now();
  await sup.stopAll();
  expect(Date.now() - started).toBeLessThan(1_000); // cancelled, not left to its stop_timeout
  expect(kernel.processCount).toBe(0);
});
