/**
 * Transactions — `db:begin(options?)` → tx (Wippy's storage/sql.md).
 *
 * - `tx:query`, `tx:execute`, `tx:prepare` as on the database, on the transaction's connection.
 * - `tx:commit()` / `tx:rollback()` → true | nil, err. Either ends the transaction and gives
 *   its connection back, even when it fails; after that every call → `nil, Invalid`
 *   ("transaction not active"). A commit that the server turned into a rollback (a statement
 *   in it had failed) is an error too.
 * - `tx:savepoint(name)`, `tx:rollback_to(name)`, `tx:release(name)` → true | nil, err; names
 *   are letters, digits and underscores (else `Invalid`).
 * - `tx:db_type()` → "postgres".
 * - A transaction still open when its process exits (or upgrades) is rolled back — also one
 *   whose BEGIN was still under way then (`beginTransaction` watches the port, not the call).
 *
 * In: a database port. Out: the `sql transaction` class; `beginTransaction`.
 */
import { fail, ok, wippyError, type Result } from "../../../kernel";
import type { LuaState } from "../../vm/fengari";
import type { LuaFunction } from "../../vm/lua-function";
import type { LuaProcess } from "../../vm/lua-process";
import { checkObject, defineClass, pushObject } from "../../vm/objects";
import { checkString } from "../../vm/strings";
import { blockOnPromise } from "../registry/await-promise";
import { returnBoolean, returnError, returnString } from "../results";
import type { SqlDatabasePort, SqlRunner, SqlTransactionPort, SqlTxOptions } from "./port";
import { notActive, runText, settledResult } from "./run";
import { LuaStatement } from "./statement";

type TxState = "active" | "ending" | "committed" | "rolled back";

export class LuaTransaction {
  state: TxState = "active";

  constructor(
    readonly id: string,
    readonly port: SqlTransactionPort,
    readonly type: string,
  ) {}

  runner(): Result<SqlRunner> {
    if (this.state === "active") return ok(this.port);
    return fail(notActive(`the transaction on ${this.id} is not active (${this.state === "ending" ? "ending" : `already ${this.state}`})`));
  }
}

/** A process's transactions not yet ended; rolled back when its code ends. */
interface Tracker {
  ended: boolean;
  readonly open: Set<SqlTransactionPort>;
}

const TRACKER = {};

function tracker(proc: LuaProcess): Tracker {
  return proc.local(TRACKER, () => {
    const t: Tracker = { ended: false, open: new Set() };
    proc.onExit(() => {
      t.ended = true;
      for (const port of t.open) port.close();
      t.open.clear();
    });
    return t;
  });
}

/** `db:begin(options)` on `db` for entry `id`: blocks, then pushes the transaction or `nil, err`. */
export function beginTransaction(L: LuaState, proc: LuaProcess, db: SqlDatabasePort, id: string, options: SqlTxOptions): number {
  const t = tracker(proc);
  const begun = db.begin(options);
  // Registered before the Lua continuation, so the port is tracked even if the process ends
  // before it runs.
  void begun.then((result) => {
    if (!result.ok) return;
    if (t.ended) result.value.close();
    else t.open.add(result.value);
  });
  return blockOnPromise(L, begun, (L2, settled) => {
    const port = settledResult(settled);
    if (!port.ok) return returnError(L2, port.error);
    pushObject(L2, new LuaTransaction(id, port.value, db.type));
    return 1;
  });
}

const self = (L: LuaState): LuaTransaction => checkObject(L, 1, TRANSACTION_CLASS);

const end =
  (how: "commit" | "rollback"): LuaFunction =>
  (L, proc) => {
    const tx = self(L);
    const runner = tx.runner();
    if (!runner.ok) return returnError(L, runner.error);
    tx.state = "ending";
    tracker(proc).open.delete(tx.port);
    return blockOnPromise(L, how === "commit" ? tx.port.commit() : tx.port.rollback(), (L2, settled) => {
      tx.state = how === "commit" ? "committed" : "rolled back";
      const result = settledResult(settled);
      return result.ok ? returnBoolean(L2, true) : returnError(L2, result.error);
    });
  };

const SAVEPOINT_NAME = /^[A-Za-z0-9_]+$/;

const savepoint =
  (command: (name: string) => string): LuaFunction =>
  (L) => {
    const tx = self(L);
    const name = checkString(L, 2);
    if (!SAVEPOINT_NAME.test(name)) return returnError(L, wippyError("Invalid", `invalid savepoint name "${name}": use letters, digits and underscores`, { retryable: false }));
    const runner = tx.runner();
    if (!runner.ok) return returnError(L, runner.error);
    return blockOnPromise(L, runner.value.execute(command(name), []), (L2, settled) => {
      const result = settledResult(settled);
      return result.ok ? returnBoolean(L2, true) : returnError(L2, result.error);
    });
  };

export const TRANSACTION_CLASS = defineClass(LuaTransaction, {
  name: "sql transaction",
  tostring: (tx) => `sql transaction on ${tx.id} (${tx.state})`,
  methods: {
    db_type: (L) => returnString(L, self(L).type),
    query: (L, proc) => {
      const tx = self(L);
      return runText(L, proc, tx.runner(), "query", checkString(L, 2));
    },
    execute: (L, proc) => {
      const tx = self(L);
      return runText(L, proc, tx.runner(), "execute", checkString(L, 2));
    },
    prepare: (L) => {
      const tx = self(L);
      const text = checkString(L, 2);
      const runner = tx.runner();
      if (!runner.ok) return returnError(L, runner.error);
      pushObject(L, new LuaStatement(text, tx));
      return 1;
    },
    commit: end("commit"),
    rollback: end("rollback"),
    savepoint: savepoint((name) => `SAVEPOINT "${name}"`),
    rollback_to: savepoint((name) => `ROLLBACK TO SAVEPOINT "${name}"`),
    release: savepoint((name) => `RELEASE SAVEPOINT "${name}"`),
  },
});
