/**
 * Small measuring helpers for the actor bench: rates, medians over rounds, latency samples
 * in µs, a `target` block, and progress lines on stderr (stdout carries only the JSON).
 */
import { performance } from "node:perf_hooks";
import { percentiles } from "../lib";

export const now = (): number => performance.now();

/** Events per second for `count` events in `ms` milliseconds, rounded. */
export const perSecond = (count: number, ms: number): number => Math.round((count * 1000) / ms);

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  if (s.length === 0) return Number.NaN;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export type Percentiles = ReturnType<typeof percentiles>;

/** Percentiles (µs) of samples taken in ms. */
export const microseconds = (samplesMs: readonly number[]): Percentiles => percentiles(samplesMs.map((ms) => ms * 1000));

export interface Target {
  readonly value: number;
  readonly unit: string;
  readonly min?: number;
  readonly max?: number;
  readonly met: boolean;
}

export const atLeast = (value: number, min: number, unit: string): Target => ({ value, unit, min, met: value >= min });
export const atMost = (value: number, max: number, unit: string): Target => ({ value, unit, max, met: value <= max });

export const progress = (line: string): void => void process.stderr.write(`[bench:actors] ${line}\n`);
