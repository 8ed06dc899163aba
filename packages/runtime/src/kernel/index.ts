/**
 * The kernel's public surface: everything the Lua layer, supervision and tests may use.
 * Internals (process records, scheduler, exit propagation, fifo) stay behind this file.
 */

export { Kernel, type KernelOptions, type MessageTap } from "./kernel";
export type { HostTable, HostInfo } from "./host-table";
export type { ProcessInfo } from "./process-info";
export type { KernelObserver } from "./exits";
export {
  START,
  CONTINUE,
  WOKEN,
  YIELD,
  WAIT,
  type Behaviour,
  type BehaviourFactory,
  type BehaviourInfo,
  type ProcessContext,
  type ProcessOptions,
  type SpawnSpec,
  type Step,
  type Wake,
} from "./behaviour";
export { DEFAULT_HOST_CONFIG, type HostConfig } from "./host";
export { DEFAULT_SLICE_TURNS, DEFAULT_IDLE_TURN_LIMIT } from "./scheduler";
export type { ProcessState } from "./process";

export { Channel, UNBOUNDED, CLOSED_CHANNEL_ERROR, type Received, type SelectOutcome, type SendAttempt } from "./channel";
export { receiveCase, sendCase, trySelect, select, SelectWaiter, DEFAULT_OUTCOME, type SelectCase, type SelectOwner } from "./select";

export { RealClock, type Clock, type TimerHandle, type TimerTarget } from "./clock";
export { SimulatedClock, DEFAULT_SIMULATED_EPOCH } from "./simulated-clock";
export { after, Timer, Ticker } from "./timers";
export { settle } from "./simulation";
export { Pump, type Pumpable } from "./pump";

export {
  ERROR_KINDS,
  wippyError,
  wrapError,
  isErrorKind,
  isWippyError,
  toWippyError,
  raise,
  Raised,
  ok,
  fail,
  type ErrorKind,
  type ErrorExtras,
  type WippyError,
  type Result,
} from "./errors";
export { EVENT, type ProcessEvent, type ExitEvent, type LinkDownEvent, type CancelEvent } from "./events";
export { exitResult, isErrorExit, TERMINATED_MESSAGE, type ExitReason, type ExitResult, type BodyExit } from "./exit";
export { checkTopic, RESERVED_TOPIC_PREFIX, type Message } from "./message";
export type { Listener, ListenOptions } from "./mailbox";
export { formatPid, isPid, parsePid, SYSTEM_PID, type Pid } from "./pid";

export { generatorBehaviour, work, sleep, choose, receive, send, type Body, type BodyGenerator, type Effect } from "./generator-behaviour";
