/**
 * Node liveness for workflow leases: a node holds a session advisory lock, on a connection of
 * its own, for as long as it lives, and its claims and renewals write the lock's key on their
 * lease rows (`workflow_leases.owner_lock`). When the node's process dies (crash, SIGKILL, OOM),
 * its OS closes its sockets, PostgreSQL ends the session and the lock is gone at once: another
 * node takes the runs over at its next claim (`claimRuns`) instead of waiting out the lease.
 *
 * What still waits for the lease: a node that is paused or cut off while its session lives
 * (SIGSTOP, a partition the server has not noticed). The lease and the fencing epoch are what
 * make ownership safe; the lock only shortens the wait when death is certain. A session lost
 * while the node lives (the server restarted, a network blip) looks like death: others may
 * take its runs, and the epoch fences the node's writes — a spurious move, never two owners.
 * The lock is taken again at the next check (`checkMs`). To keep a database restart from
 * shuffling every run, a node judges others by their locks only once it has held its own for
 * two checks (`judges()`): by then every live node has taken its lock again too.
 *
 * Keys are random (a positive int4, lock class `LIVENESS_LOCK_CLASS`); a key some other session
 * holds is never used. `key()` is null while this node does not hold its lock: claims then
 * write no key, and those leases end by expiry only.
 */
import postgres from "postgres";

/** First key of the liveness locks ("wflw"). */
export const LIVENESS_LOCK_CLASS = 0x77666c77;
const DEFAULT_CHECK_MS = 1_000;
const MAX_KEY = 0x7fffffff;

/** Lease rows whose owner's liveness lock is gone: the owner is dead (see above). */
export const DEAD_OWNER_LOCKS = `
  select owner_lock from workflow_leases where owner is not null and owner_lock is not null
  except
  select objid::int8::int4 from pg_locks
  where locktype = 'advisory' and classid = ${LIVENESS_LOCK_CLASS} and objsubid = 2 and granted
    and database = (select oid from pg_database where datname = current_database())`;

export interface LivenessOptions {
  /** How often the lock is checked and, when the session was lost, taken again. */
  readonly checkMs?: number;
  /** Shown in `pg_stat_activity.application_name`. */
  readonly name?: string;
  readonly onProblem?: (message: string, error?: unknown) => void;
}

export class NodeLiveness {
  private held: number | null = null;
  /** The key last held: taken again first after the session was lost. */
  private last: number | null = null;
  /** Since when (`Date.now()`) the lock has been held without a break. */
  private since = 0;
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly sql: postgres.Sql,
    private readonly options: LivenessOptions,
  ) {}

  /** Connects and takes a lock; a node that cannot is started anyway (its leases end by expiry), and told why. */
  static async hold(url: string, options: LivenessOptions = {}): Promise<NodeLiveness> {
    // One session for the node's life: no idle timeout and no maximum lifetime (ending the
    // session would drop the lock and hand this node's runs to others).
    const sql = postgres(url, { max: 1, idle_timeout: 0, max_lifetime: 0, onnotice: () => undefined, connection: { application_name: options.name ?? "wippy-liveness" } });
    const liveness = new NodeLiveness(sql, options);
    await liveness.check();
    liveness.timer = setInterval(() => void liveness.check(), options.checkMs ?? DEFAULT_CHECK_MS);
    liveness.timer.unref();
    return liveness;
  }

  /** The key of the lock this node holds now, or null. */
  key(): number | null {
    return this.held;
  }

  /** Whether this node may take runs whose owner's lock is gone (see the file's comment). */
  judges(): boolean {
    return this.held !== null && Date.now() - this.since >= 2 * (this.options.checkMs ?? DEFAULT_CHECK_MS);
  }

  /** Makes sure this session holds the lock (again, after a reconnect). */
  check(): Promise<void> {
    this.checking = this.checking.then(async () => {
      if (this.closed) return;
      try {
        const was = this.held;
        this.held = await this.acquire();
        if (this.held !== null) this.last = this.held;
        if (was === null && this.held !== null) this.since = Date.now();
      } catch (error) {
        if (this.held !== null) this.options.onProblem?.("workflow liveness lock lost (its connection failed); leases end by expiry until it is back", error);
        this.held = null;
      }
    });
    return this.checking;
  }

  private async acquire(): Promise<number | null> {
    const key = this.last;
    if (key !== null) {
      const [row] = await this.sql<{ mine: boolean }[]>`
        select exists (select 1 from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()
          and classid = ${LIVENESS_LOCK_CLASS} and objid::int8 = ${key} and objsubid = 2 and granted) as mine`;
      if (row?.mine === true) return key;
      // The session was replaced: take the same key again if nobody else has it, so the
      // leases that carry it stay this node's.
      if (await this.tryLock(key)) return key;
    }
    for (let attempt = 0; attempt < 5; attempt++) {
      const fresh = 1 + Math.floor(Math.random() * (MAX_KEY - 1));
      if (await this.tryLock(fresh)) return fresh;
    }
    this.options.onProblem?.("no workflow liveness lock could be taken; leases end by expiry");
    return null;
  }

  private async tryLock(key: number): Promise<boolean> {
    const [row] = await this.sql<{ locked: boolean }[]>`select pg_try_advisory_lock(${LIVENESS_LOCK_CLASS}, ${key}) as locked`;
    return row?.locked === true;
  }

  /** Ends the session: the lock goes with it. Stop the node's workers first. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    this.held = null;
    await this.checking;
    await this.sql.end({ timeout: 5 });
  }
}
