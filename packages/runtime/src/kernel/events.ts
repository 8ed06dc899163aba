/**
 * Process events — what arrives on `process.events()` (LUA_API.md §3).
 *
 * Terms:
 * - `pid.exit` (EXIT): a monitored process ended, any reason. `{kind, from, result, at}`.
 * - `pid.link.down` (LINK_DOWN): a linked process ended with an error and this process traps
 *   links. Same shape as EXIT.
 * - `pid.cancel` (CANCEL): someone asked this process to stop. `{kind, from, reason?, at}`.
 * - `at`: the kernel clock's `now()` in ms when the event was produced.
 *
 * In: pids, exit results, reasons. Out: immutable event values (the Lua layer turns them into
 * tables with exactly these fields).
 */

import type { ExitResult } from "./exit";
import type { Pid } from "./pid";

export const EVENT = {
  EXIT: "pid.exit",
  LINK_DOWN: "pid.link.down",
  CANCEL: "pid.cancel",
} as const;

export interface ExitEvent {
  readonly kind: typeof EVENT.EXIT;
  readonly from: Pid;
  readonly result: ExitResult;
  readonly at: number;
}

export interface LinkDownEvent {
  readonly kind: typeof EVENT.LINK_DOWN;
  readonly from: Pid;
  readonly result: ExitResult;
  readonly at: number;
}

export interface CancelEvent {
  readonly kind: typeof EVENT.CANCEL;
  readonly from: Pid;
  readonly reason?: string;
  readonly at: number;
}

export type ProcessEvent = ExitEvent | LinkDownEvent | CancelEvent;

export const exitEvent = (from: Pid, result: ExitResult, at: number): ExitEvent => ({ kind: EVENT.EXIT, from, result, at });

export const linkDownEvent = (from: Pid, result: ExitResult, at: number): LinkDownEvent => ({ kind: EVENT.LINK_DOWN, from, result, at });

export function cancelEvent(from: Pid, reason: string | undefined, at: number): CancelEvent {
  return reason === undefined ? { kind: EVENT.CANCEL, from, at } : { kind: EVENT.CANCEL, from, reason, at };
}
