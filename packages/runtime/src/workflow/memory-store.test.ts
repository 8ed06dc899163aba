import { SimulatedClock } from "../kernel";
import { InMemoryWorkflowStore } from "./memory-store";
import { describeWorkflowStore } from "./store-contract";

describeWorkflowStore("in-memory", async () => {
  const clock = new SimulatedClock(1_700_000_000_000);
  return { store: new InMemoryWorkflowStore(clock), advance: async (ms) => clock.advance(ms) };
});
