/**
 * Completion and hover data for the Lua modules of LUA_API.md (the contract Wippy applications
 * are written against). Data only: `lua-completion.ts` and `lua-hover.ts` read it.
 *
 * Terms:
 * - `LuaModuleDoc`: a module (`process`, `time`, …). `global` modules need no `require`.
 * - `LuaMemberDoc`: a function, constant or nested table of a module. `method` members are
 *   called with a colon (`logger:info(...)`); `members` holds a nested table (`process.event`).
 * - `LuaObjectDoc`: a value type returned by the modules (Channel, Time, Message, …); its methods
 *   are offered after `value:`.
 */
export type LuaMemberKind = "function" | "method" | "constant" | "table";

export interface LuaMemberDoc {
  readonly name: string;
  readonly kind: LuaMemberKind;
  readonly signature: string;
  readonly doc: string;
  readonly members?: readonly LuaMemberDoc[];
}

export interface LuaModuleDoc {
  readonly name: string;
  readonly global: boolean;
  readonly doc: string;
  readonly members: readonly LuaMemberDoc[];
}

export interface LuaObjectDoc {
  readonly name: string;
  readonly doc: string;
  readonly methods: readonly LuaMemberDoc[];
}

const fn = (name: string, signature: string, doc: string): LuaMemberDoc => ({ name, kind: "function", signature, doc });
const method = (name: string, signature: string, doc: string): LuaMemberDoc => ({ name, kind: "method", signature, doc });
const constant = (name: string, value: string, doc: string): LuaMemberDoc => ({ name, kind: "constant", signature: `${name} = ${value}`, doc });

const SPAWN_DOC = "Args become the method's parameters. Returns the pid, or nil and an error.";

export const LUA_MODULES: readonly LuaModuleDoc[] = [
  {
    name: "process",
    global: true,
    doc: "Processes: spawn, send, receive, monitor and link (Erlang semantics).",
    members: [
      fn("pid", "process.pid(): string", "The current process's pid `{host|id}`, stable for its life."),
      fn("id", "process.id(): string", "The id of the registry entry being run."),
      fn("spawn", "process.spawn(id, host, ...args): pid | nil, err", `Spawns entry \`id\` on \`host\`. ${SPAWN_DOC}`),
      fn("spawn_monitored", "process.spawn_monitored(id, host, ...args): pid | nil, err", `Spawns and monitors: an EXIT event arrives on process.events(). ${SPAWN_DOC}`),
      fn("spawn_linked", "process.spawn_linked(id, host, ...args): pid | nil, err", `Spawns and links both ways. ${SPAWN_DOC}`),
      fn("spawn_linked_monitored", "process.spawn_linked_monitored(id, host, ...args): pid | nil, err", `Spawns, links and monitors. ${SPAWN_DOC}`),
      fn("exec", "process.exec(id, host, ...args): result, err", "Spawns, waits for the process to return and gives its result."),
      fn("send", "process.send(dest, topic, ...payloads): true | nil, err", "Sends a message to a pid or registered name. Topics starting with `@` are refused (Invalid)."),
      fn("inbox", "process.inbox(): Channel<Message>", "The channel of every message whose topic has no listener. Same channel on every call."),
      fn("listen", "process.listen(topic, {message = bool}?): Channel", "A channel for one topic: raw payload data, or Message objects with `message = true`."),
      fn("unlisten", "process.unlisten(ch)", "Stops a listen channel; its topic goes to the inbox again."),
      fn("events", "process.events(): Channel<Event>", "Events `{kind, from, result = {value, error}, reason, at}`: EXIT, LINK_DOWN, CANCEL, OUTDATED."),
      {
        name: "event",
        kind: "table",
        signature: "process.event",
        doc: "Event kinds delivered on process.events().",
        members: [
          constant("EXIT", '"pid.exit"', "A monitored process exited."),
          constant("LINK_DOWN", '"pid.link.down"', "A linked process exited with an error (only with trap_links)."),
          constant("CANCEL", '"pid.cancel"', "Someone asked this process to stop; it decides when to return."),
          constant("OUTDATED", '"pid.outdated"', "This process's code changed; call process.upgrade to switch (upgradable processes)."),
        ],
      },
      fn("monitor", "process.monitor(dest): true | nil, err", "EXIT on any exit of dest. A second monitor of the same pid gives AlreadyExists."),
      fn("unmonitor", "process.unmonitor(dest): true | nil, err", "Removes a monitor."),
      fn("link", "process.link(dest): true | nil, err", "Two-way link: an error exit of one sends LINK_DOWN to the other (kills it unless trap_links)."),
      fn("unlink", "process.unlink(dest): true | nil, err", "Removes a link."),
      fn("set_options", "process.set_options({trap_links = bool, upgradable = bool})", "trap_links: LINK_DOWN arrives as an event instead of killing; upgradable: receive OUTDATED."),
      fn("get_options", "process.get_options(): {trap_links = bool}", "The current process options."),
      fn("cancel", "process.cancel(dest, reason?): true | nil, err", "Delivers CANCEL; cooperative, the target decides when to return."),
      fn("terminate", "process.terminate(dest): true | nil, err", "Kills at once; monitors get EXIT with an error."),
      fn("upgrade", "process.upgrade(id | nil, ...state)", "Switches to new code keeping pid, mailbox, names and links (after OUTDATED)."),
      fn("with_context", "process.with_context(tbl): Spawner", "An immutable spawner whose children read `tbl` through ctx.get / ctx.all."),
      fn("with_options", "process.with_options(tbl): Spawner", 'An immutable spawner with start options, e.g. `["workflow.id"]`.'),
      {
        name: "registry",
        kind: "table",
        signature: "process.registry",
        doc: "Process names, released when the process exits.",
        members: [
          fn("register", "process.registry.register(name, pid?): true | nil, err", "Names a pid (default self). Idempotent for the same pid; AlreadyExists for another."),
          fn("lookup", "process.registry.lookup(name): pid | nil, err", "The pid registered under name, or NotFound."),
          fn("unregister", "process.registry.unregister(name): boolean", "Removes a name; false when it was unknown."),
        ],
      },
    ],
  },
  {
    name: "channel",
    global: true,
    doc: "Go-style channels between coroutines of one process.",
    members: [
      fn("new", "channel.new(size?): Channel", "A channel; size 0 (default) is unbuffered."),
      fn("select", "channel.select{cases..., default = true?}: {channel, value, ok}", "Waits for the first ready case; with `default` and nothing ready gives `{default = true, ok = true}`."),
    ],
  },
  {
    name: "errors",
    global: true,
    doc: "Error objects with a kind, retryable flag and details.",
    members: [
      fn("new", "errors.new(msg | {message, kind, retryable, details}): Error", "Creates an error object."),
      fn("wrap", 'errors.wrap(err, "context"): Error', "Adds context; keeps kind, retryable and details."),
      fn("is", "errors.is(err, kind): boolean", "True when err has the kind."),
      constant("NOT_FOUND", '"NotFound"', "Error kind."),
      constant("ALREADY_EXISTS", '"AlreadyExists"', "Error kind."),
      constant("INVALID", '"Invalid"', "Error kind."),
      constant("PERMISSION_DENIED", '"PermissionDenied"', "Error kind."),
      constant("UNAVAILABLE", '"Unavailable"', "Error kind."),
      constant("INTERNAL", '"Internal"', "Error kind."),
      constant("CANCELED", '"Canceled"', "Error kind."),
      constant("CONFLICT", '"Conflict"', "Error kind."),
      constant("TIMEOUT", '"Timeout"', "Error kind."),
      constant("RATE_LIMITED", '"RateLimited"', "Error kind."),
      constant("UNKNOWN", '""', "Error kind."),
    ],
  },
  {
    name: "time",
    global: false,
    doc: 'Time and durations. Durations are strings ("5s", "1h30m") or numbers in nanoseconds.',
    members: [
      fn("sleep", "time.sleep(d)", "Suspends this coroutine for d (a durable timer inside workflows)."),
      fn("after", "time.after(d): Channel", "A channel that receives once after d. d ≤ 0 gives Invalid."),
      fn("timer", "time.timer(d): Timer", "A timer: :channel()/:response(), :stop(), :reset(d)."),
      fn("ticker", "time.ticker(d): Ticker", "A ticker: :channel(), :stop()."),
      fn("now", "time.now(): Time", "The current time (recorded and replayed inside workflows)."),
      fn("parse_duration", "time.parse_duration(s): Duration | nil, err", 'Parses a Go-style duration such as "1h30m".'),
      fn("unix", "time.unix(s, ns): Time", "A Time from Unix seconds and nanoseconds."),
      constant("NANOSECOND", "1", "Duration constant (ns)."),
      constant("MICROSECOND", "1000", "Duration constant (ns)."),
      constant("MILLISECOND", "1000000", "Duration constant (ns)."),
      constant("SECOND", "1000000000", "Duration constant (ns)."),
      constant("MINUTE", "60 * SECOND", "Duration constant (ns)."),
      constant("HOUR", "60 * MINUTE", "Duration constant (ns)."),
    ],
  },
  {
    name: "registry",
    global: false,
    doc: "The versioned registry: read entries, find, snapshots, history, apply changes.",
    members: [
      fn("get", "registry.get(id): {id, kind, meta, data} | nil, err", "One entry, or NotFound (not retryable)."),
      fn("find", 'registry.find{[".kind"] = k, ["meta.type"] = v}: entries', "Entries matching a filter; key prefixes `~` regex, `*` contains, `^` prefix, `$` suffix."),
      fn("snapshot", "registry.snapshot(): Snapshot", "The registry at the current version."),
      fn("snapshot_at", "registry.snapshot_at(version_id): Snapshot | nil, err", "The registry at an older version."),
      fn("current_version", "registry.current_version(): Version", "The version this node has applied."),
      fn("versions", "registry.versions(): Version[]", "Every version, oldest first."),
      fn("history", "registry.history(): History", "The registry's version history."),
      fn("apply_version", "registry.apply_version(v): Version | nil, err", "Rolls the registry back or forward to v, as a new version."),
      fn("change_request", "registry.change_request(id): {id, status, version?, reason?, …} | nil, err", "A change request (changes:propose) as it is now: open, applied, rejected, stale or approved."),
      fn("approve_change", "registry.approve_change(id): nil, err", "Always PermissionDenied: an agent never approves; people review in the control plane."),
    ],
  },
  {
    name: "funcs",
    global: false,
    doc: "Call function.lua entries, synchronously or as futures.",
    members: [
      fn("call", "funcs.call(id, ...args): result, err", "Runs the function in the caller's context; errors keep their kind and retryable."),
      fn("async", "funcs.async(id, ...args): Future", "Starts a call; the Future has :channel(), :is_complete(), :result(), :error(), :cancel()."),
      fn("new", "funcs.new(): Executor", "An executor with :with_context, :with_options, :call, :async."),
    ],
  },
  {
    name: "events",
    global: false,
    doc: "The event bus: best-effort publish/subscribe by system and kind.",
    members: [
      fn("send", "events.send(system, kind, path, data?)", "Publishes `{system, kind, path, data}`."),
      fn("subscribe", "events.subscribe(system_pattern, kind_pattern?): Subscription", "Patterns split on `.`: `*` one segment, `**` any, `(a|b)` alternatives. :channel(), :close()."),
    ],
  },
  {
    name: "json",
    global: false,
    doc: "JSON encoding.",
    members: [
      fn("encode", "json.encode(v): string | nil, err", "nil → null, empty table → []; mixed or sparse tables are an error; depth ≤ 128."),
      fn("decode", "json.decode(s): value | nil, err", "Parses JSON text."),
    ],
  },
  {
    name: "uuid",
    global: false,
    doc: "UUIDs (recorded and replayed inside workflows).",
    members: [fn("v4", "uuid.v4(): string", "A random UUID v4.")],
  },
  {
    name: "logger",
    global: false,
    doc: "Structured logging for the process (colon style: logger:info(...)).",
    members: [
      method("debug", "logger:debug(msg, fields?)", "Logs at debug level."),
      method("info", "logger:info(msg, fields?)", "Logs at info level."),
      method("warn", "logger:warn(msg, fields?)", "Logs at warn level."),
      method("error", "logger:error(msg, fields?)", "Logs at error level."),
      method("with", "logger:with(fields): Logger", "A logger that adds fields to every line."),
      method("named", "logger:named(name): Logger", "A logger with a name."),
    ],
  },
  {
    name: "ctx",
    global: false,
    doc: "The context a process was spawned with (process.with_context).",
    members: [
      fn("get", "ctx.get(key): value | nil, err", "One context value; NotFound when absent, Invalid for an empty key."),
      fn("all", "ctx.all(): table", "Every context value (empty table when none)."),
    ],
  },
  {
    name: "io",
    global: false,
    doc: "Terminal I/O, available on a terminal.host only.",
    members: [
      fn("print", "io.print(...)", "Writes a line to stdout."),
      fn("write", "io.write(...)", "Writes to stdout without a newline."),
      fn("readline", "io.readline(): string | nil", "Reads a line; nil at end of input."),
      fn("args", "io.args(): string[]", "The command-line arguments."),
    ],
  },
  {
    name: "workflow",
    global: false,
    doc: "What only a durable workflow can do.",
    members: [
      fn("exec", "workflow.exec(id, ...input): result | nil, err", "Runs a child workflow (durable, started once across replays)."),
      fn("version", "workflow.version(change_id, min, max): integer", "The code-change version this run follows: max the first time, the recorded one on replay."),
      fn("id", "workflow.id(): string", "The run id (the business id given at spawn, or a generated one)."),
      constant("DEFAULT_VERSION", "-1", "What workflow.version gives for a history recorded before the call existed."),
    ],
  },
];

export const LUA_OBJECTS: readonly LuaObjectDoc[] = [
  {
    name: "Channel",
    doc: "A channel (channel.new, process.inbox, time.after, …).",
    methods: [
      method("send", "ch:send(v)", "Blocks until taken (buffered: until room); raises on a closed channel."),
      method("receive", "ch:receive(): v, ok", "`v, true`, or `nil, false` once closed and drained."),
      method("close", "ch:close()", "Closes the channel (idempotent)."),
      method("case_send", "ch:case_send(v): Case", "A send case for channel.select."),
      method("case_receive", "ch:case_receive(): Case", "A receive case for channel.select."),
    ],
  },
  {
    name: "Message",
    doc: "A message from process.inbox() or a listen channel with message = true.",
    methods: [
      method("topic", "msg:topic(): string", "The message's topic."),
      method("from", "msg:from(): string", 'The sender\'s pid ("" for the system).'),
      method("payload", "msg:payload(): Payload", "The payload; :data() gives the value."),
      method("data", "payload:data(): value", "The payload's data (nil for none; a table of Payloads for several)."),
    ],
  },
  {
    name: "Time",
    doc: "A point in time (time.now, time.unix).",
    methods: [
      method("sub", "t:sub(u): Duration", "t − u."),
      method("add", "t:add(d): Time", "t + d."),
      method("unix", "t:unix(): number", "Unix seconds."),
      method("unix_nano", "t:unix_nano(): number", "Unix nanoseconds."),
      method("format", "t:format(layout): string", "Formats with a Go layout."),
      method("format_rfc3339", "t:format_rfc3339(): string", "RFC 3339 text."),
      method("before", "t:before(u): boolean", "t < u."),
      method("after", "t:after(u): boolean", "t > u."),
      method("equal", "t:equal(u): boolean", "t = u."),
      method("seconds", "d:seconds(): number", "A Duration in seconds."),
      method("milliseconds", "d:milliseconds(): number", "A Duration in milliseconds."),
    ],
  },
  {
    name: "Timer",
    doc: "A timer or ticker (time.timer, time.ticker).",
    methods: [
      method("channel", "timer:channel(): Channel", "Receives when the timer fires."),
      method("response", "timer:response(): Channel", "Same as :channel()."),
      method("stop", "timer:stop()", "Stops the timer."),
      method("reset", "timer:reset(d)", "Restarts the timer with a new duration."),
    ],
  },
  {
    name: "Future",
    doc: "A call in flight (funcs.async).",
    methods: [
      method("is_complete", "future:is_complete(): boolean", "True once the call returned."),
      method("result", "future:result(): value", "The call's result."),
      method("error", "future:error(): Error | nil", "The call's error."),
      method("cancel", "future:cancel()", "Cancels the call."),
    ],
  },
  {
    name: "Error",
    doc: "An error object (errors.new, or the `err` of a call).",
    methods: [
      method("kind", "err:kind(): string", 'The CamelCase kind ("NotFound", …).'),
      method("message", "err:message(): string", "The message."),
      method("retryable", "err:retryable(): boolean", "Whether retrying may help."),
      method("details", "err:details(): table", "Structured details."),
      method("stack", "err:stack(): string", "Where the error was made."),
    ],
  },
  {
    name: "Snapshot",
    doc: "A registry snapshot (registry.snapshot).",
    methods: [
      method("entries", "snap:entries(): Entry[]", "Every entry."),
      method("get", "snap:get(id): Entry | nil, err", "One entry."),
      method("find", "snap:find(filter): Entry[]", "Entries matching a filter."),
      method("namespace", "snap:namespace(ns): Entry[]", "The entries of a namespace."),
      method("version", "snap:version(): Version", "The snapshot's version."),
      method("changes", "snap:changes(): Changes", "A changeset based on this snapshot: :create, :update, :delete, :apply."),
      method("create", "changes:create(entry)", "Adds a create operation."),
      method("update", "changes:update(entry)", "Adds an update operation."),
      method("delete", "changes:delete(id)", "Adds a delete operation."),
      method("ops", "changes:ops(): table", "The pending operations."),
      method("apply", "changes:apply(): Version | nil, err", "Applies atomically as one new version (empty → Invalid)."),
      method(
        "propose",
        "changes:propose(message?): {id, status, approvals_required, …} | nil, err",
        'Proposes the changeset for review instead of applying it (permission registry.propose). The outcome comes as an event: events.subscribe("registry.change_request"), path = the id.',
      ),
    ],
  },
];

const MODULES_BY_NAME = new Map(LUA_MODULES.map((m) => [m.name, m]));

export function findModuleDoc(name: string): LuaModuleDoc | undefined {
  return MODULES_BY_NAME.get(name);
}

/** Members under a dotted path: `process` → its members, `process.event` → EXIT, … */
export function membersAtPath(path: readonly string[]): readonly LuaMemberDoc[] | undefined {
  const [head, ...rest] = path;
  if (head === undefined) return undefined;
  let members = findModuleDoc(head)?.members;
  for (const part of rest) {
    members = members?.find((m) => m.name === part && m.kind === "table")?.members;
  }
  return members;
}

/** The doc of `process.spawn`, `process.event.EXIT`, … */
export function findMemberDoc(path: readonly string[]): LuaMemberDoc | undefined {
  const name = path[path.length - 1];
  return membersAtPath(path.slice(0, -1))?.find((m) => m.name === name);
}

export function allObjectMethods(): { object: LuaObjectDoc; method: LuaMemberDoc }[] {
  return LUA_OBJECTS.flatMap((object) => object.methods.map((m) => ({ object, method: m })));
}

export const LUA_KEYWORDS = [
  "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if", "in",
  "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while",
] as const;

/** Globals of the sandbox besides the global modules (LUA_API.md §2). */
export const LUA_GLOBALS: readonly LuaMemberDoc[] = [
  fn("print", "print(...)", "Writes a log line for the process."),
  fn("pairs", "pairs(t)", "Iterates over every key of t."),
  fn("ipairs", "ipairs(t)", "Iterates over t[1], t[2], … until the first nil."),
  fn("pcall", "pcall(f, ...): ok, ...", "Calls f in protected mode."),
  fn("error", "error(message, level?)", "Raises an error."),
  fn("tostring", "tostring(v): string", "Converts to a string."),
  fn("tonumber", "tonumber(v, base?): number | nil", "Converts to a number."),
  fn("type", "type(v): string", "The Lua type name of v."),
  fn("select", "select(n, ...)", "Arguments from n on, or their count with '#'."),
  fn("setmetatable", "setmetatable(t, mt): t", "Sets a metatable."),
  fn("getmetatable", "getmetatable(t)", "The metatable of t."),
  fn("require", 'require("name")', "Loads a module listed in the entry's `modules:` (or an `imports:` alias)."),
  fn("string", "string(x): string", "Callable cast: converts or raises. Also the string library."),
  fn("integer", "integer(x): integer", "Callable cast: converts or raises."),
  fn("number", "number(x): number", "Callable cast: converts or raises."),
  fn("boolean", "boolean(x): boolean", "Callable cast: converts or raises."),
  { name: "table", kind: "table", signature: "table", doc: "The table library." },
  { name: "math", kind: "table", signature: "math", doc: "The math library." },
  { name: "os", kind: "table", signature: "os", doc: "os.time, os.clock and os.date only." },
  { name: "coroutine", kind: "table", signature: "coroutine", doc: "Coroutines, plus coroutine.spawn(fn): a scheduler-managed coroutine in the same process." },
];
