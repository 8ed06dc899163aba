/**
 * Generator behaviour — process bodies as TypeScript generator functions, so the kernel's
 * semantics can be exercised without Lua (tests, benchmarks, TS-native system processes).
 *
 * A body is `function* (ctx, ...args)`. Non-blocking calls go straight to `ctx`
 * (`ctx.send`, `ctx.link`, …). Blocking and CPU work are effects, used with `yield*`:
 *
 *   const { value, ok } = yield* receive(ctx.inbox());   // blocks until a message / closed
 *   yield* send(ch, 42);                                  // raises on a closed channel
 *   const outcome = yield* choose([receiveCase(a), sendCase(b, 1)], { default: true });
 *   yield* sleep(100);                                    // ms on the kernel clock
 *   yield* work(500);                                     // burn 500 work units
 *   return ok(value);        // normal exit      return fail(err);   // returned error
 *   throw new Raised(err);   // raised error (any throw is a crash exit)
 *
 * The driver tries every channel operation at once and only hands a `block` step to the
 * kernel when nothing is ready. Every generator step costs one work unit; when
 * `ctx.shouldYield()` says so, the driver returns `yield` and resumes where it left off —
 * so a spinning body is preempted like a Lua loop under the instruction-count hook.
 *
 * In: a body function. Out: a `BehaviourFactory` for `SpawnSpec.behaviour`.
 */

import { YIELD, type Behaviour, type BehaviourFactory, type ProcessContext, type Step, type Wake } from "./behaviour";
import { CLOSED_CHANNEL_ERROR, type Channel, type Received, type SelectOutcome } from "./channel";
import { assertNever, Raised, type Result, type WippyError } from "./errors";
import { DEFAULT_OUTCOME, receiveCase, sendCase, trySelect, type SelectCase } from "./select";
import { after } from "./timers";

export type Effect =
  | { readonly kind: "work"; readonly units: number }
  | { readonly kind: "select"; readonly cases: readonly SelectCase[]; readonly default: boolean }
  | { readonly kind: "sleep"; readonly ms: number };

export type BodyGenerator = Generator<Effect, Result<unknown>, unknown>;
export type Body = (ctx: ProcessContext, ...args: unknown[]) => BodyGenerator;
type Effects<T> = Generator<Effect, T, unknown>;

function isOutcome(value: unknown): value is SelectOutcome {
  return typeof value === "object" && value !== null && "kind" in value;
}

function expectOutcome(value: unknown): SelectOutcome {
  if (!isOutcome(value)) throw new TypeError("generator behaviour: a select effect was resumed without an outcome");
  return value;
}

export function* work(units: number): Effects<void> {
  yield { kind: "work", units };
}

export function* sleep(ms: number): Effects<void> {
  yield { kind: "sleep", ms };
}

export function* choose(cases: readonly SelectCase[], options: { default?: boolean } = {}): Effects<SelectOutcome> {
  return expectOutcome(yield { kind: "select", cases, default: options.default === true });
}

export function* receive<T>(channel: Channel<T>): Effects<Received<T>> {
  const outcome = yield* choose([receiveCase(channel)]);
  if (outcome.kind !== "received") throw new TypeError(`receive resumed with ${outcome.kind}`);
  // The single case is a receive on `channel`, so the value is a T (or undefined when closed).
  return { value: outcome.value as T | undefined, ok: outcome.ok };
}

export function* send<T>(channel: Channel<T>, value: T): Effects<void> {
  yield* choose([sendCase(channel, value)]);
}

type Input = { readonly raise: false; readonly value: unknown } | { readonly raise: true; readonly error: WippyError };

const NOTHING: Input = { raise: false, value: undefined };

function inputOf(outcome: SelectOutcome): Input {
  return outcome.kind === "closed" ? { raise: true, error: CLOSED_CHANNEL_ERROR } : { raise: false, value: outcome };
}

class GeneratorBehaviour implements Behaviour {
  private generator: BodyGenerator | null = null;
  private carry: Input = NOTHING;
  private blockedOn: readonly SelectCase[] | null = null;

  constructor(
    private readonly body: Body,
    private readonly ctx: ProcessContext,
    private readonly args: readonly unknown[],
  ) {}

  resume(wake: Wake): Step {
    let input: Input;
    switch (wake.kind) {
      case "start":
        this.generator = this.body(this.ctx, ...this.args);
        input = NOTHING;
        break;
      case "continue":
        input = this.carry;
        break;
      case "selected":
        input = inputOf(wake.outcome);
        break;
      case "woken":
        // Generator bodies never `wait`; a stray wake withdrew our select, so park it again.
        if (this.blockedOn !== null) return { kind: "block", cases: this.blockedOn };
        input = this.carry;
        break;
      default:
        return assertNever(wake);
    }
    const generator = this.generator;
    if (generator === null) throw new Error("generator behaviour resumed before start");
    this.blockedOn = null;
    for (;;) {
      const next = input.raise ? generator.throw(new Raised(input.error)) : generator.next(input.value);
      this.ctx.charge(1);
      if (next.done === true) {
        const result = next.value;
        return { kind: "exit", reason: result.ok ? { kind: "normal", value: result.value } : { kind: "error", error: result.error } };
      }
      const effect = next.value;
      switch (effect.kind) {
        case "work":
          this.ctx.charge(effect.units);
          input = NOTHING;
          break;
        case "select": {
          const outcome = trySelect(effect.cases) ?? (effect.default ? DEFAULT_OUTCOME : null);
          if (outcome === null) return this.block(effect.cases);
          input = inputOf(outcome);
          break;
        }
        case "sleep":
          return this.block([receiveCase(after(this.ctx.clock, effect.ms))]);
        default:
          return assertNever(effect);
      }
      if (this.ctx.shouldYield()) {
        this.carry = input;
        return YIELD;
      }
    }
  }

  private block(cases: readonly SelectCase[]): Step {
    this.blockedOn = cases;
    return { kind: "block", cases };
  }

  dispose(): void {
    // The body is dropped without running its `finally` blocks: a killed Lua coroutine gets
    // no chance to run code either, and the two bodies must behave alike.
    this.generator = null;
  }
}

export function generatorBehaviour(body: Body): BehaviourFactory {
  return (ctx, args) => new GeneratorBehaviour(body, ctx, args);
}
