/**
 * Pump — runs a kernel inside a real event loop.
 *
 * The kernel never schedules itself; it calls `onWork` when it goes from idle to busy. The
 * pump answers by deferring one slice (`defer` is e.g. `setImmediate`, injected so the
 * kernel stays free of host APIs), and keeps deferring slices while work remains — so timers
 * and I/O callbacks interleave with process turns instead of waiting for the kernel to idle.
 *
 * Wiring: `const pump = new Pump(setImmediate); const kernel = new Kernel({clock, onWork:
 * pump.onWork}); pump.attach(kernel);`
 *
 * In: work signals. Out: `runSlice` calls, one deferred slice at a time.
 */

import { DEFAULT_SLICE_TURNS } from "./scheduler";

export interface Pumpable {
  runSlice(maxTurns?: number): number;
  hasWork(): boolean;
}

export class Pump {
  private kernel: Pumpable | null = null;
  private scheduled = false;

  constructor(
    private readonly defer: (run: () => void) => void,
    private readonly sliceTurns: number = DEFAULT_SLICE_TURNS,
  ) {}

  attach(kernel: Pumpable): void {
    this.kernel = kernel;
    if (kernel.hasWork()) this.onWork();
  }

  readonly onWork = (): void => {
    if (this.scheduled || this.kernel === null) return;
    this.scheduled = true;
    this.defer(this.run);
  };

  private readonly run = (): void => {
    this.scheduled = false;
    const kernel = this.kernel;
    if (kernel === null) return;
    kernel.runSlice(this.sliceTurns);
    if (kernel.hasWork()) this.onWork();
  };
}
