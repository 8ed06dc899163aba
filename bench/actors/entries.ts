/**
 * The Lua processes the actor bench runs, by entry id (all `process.lua`, method `main`).
 * `bench.now()` / `bench.record(x)` come from the bench world (`world.ts`).
 *
 * - `bench:idle` parks on its inbox for good; `bench:returns` ends at once — the two minimal
 *   processes whose spawn rate and footprint are measured.
 * - `bench:spawner(n, id, host)` spawns `n` processes of `id` from Lua and returns.
 * - `bench:pong` answers every message with one back to its sender, same payload.
 * - `bench:ping(pong, n)` plays `n` exchanges with a pong and returns the elapsed ms.
 * - `bench:pinger(pong, n)` does the same but records each round trip (ms).
 * - `bench:sender(dest, n)` sends `n` messages; `bench:sink(total)` receives `total` and
 *   returns the ms between its first and last receipt.
 * - `bench:receiver` records, per message, `bench.now()` minus the payload (a send time in
 *   ms) and acknowledges messages from processes; `bench:timed_sender(dest, n)` sends it `n`
 *   timestamps, one at a time, each after the previous ack (so the receiver is waiting).
 * - `bench:spin` loops forever without calling anything: only preemption can stop it.
 */
export const ENTRIES: Readonly<Record<string, string>> = {
  "bench:idle": `return { main = function() process.inbox():receive() end }`,

  "bench:returns": `return { main = function() end }`,

  "bench:spawner": `return { main = function(n, id, host)
  for _ = 1, n do
    local pid, err = process.spawn(id, host)
    if not pid then error(err) end
  end
  return n
end }`,

  "bench:pong": `return { main = function()
  local inbox = process.inbox()
  while true do
    local m = inbox:receive()
    process.send(m:from(), "pong", m:payload():data())
  end
end }`,

  "bench:ping": `return { main = function(pong, n)
  local inbox = process.inbox()
  local t0 = bench.now()
  for i = 1, n do
    process.send(pong, "ping", i)
    inbox:receive()
  end
  return bench.now() - t0
end }`,

  "bench:pinger": `return { main = function(pong, n)
  local inbox = process.inbox()
  for i = 1, n do
    local t = bench.now()
    process.send(pong, "ping", i)
    inbox:receive()
    bench.record(bench.now() - t)
  end
  return n
end }`,

  "bench:sender": `return { main = function(dest, n)
  for i = 1, n do process.send(dest, "m", i) end
  return n
end }`,

  "bench:sink": `return { main = function(total)
  local inbox = process.inbox()
  inbox:receive()
  local t0 = bench.now()
  for _ = 2, total do inbox:receive() end
  return bench.now() - t0
end }`,

  "bench:receiver": `return { main = function()
  local inbox = process.inbox()
  while true do
    local m = inbox:receive()
    bench.record(bench.now() - m:payload():data())
    if m:from() ~= "" then process.send(m:from(), "ack") end
  end
end }`,

  "bench:timed_sender": `return { main = function(dest, n)
  local inbox = process.inbox()
  for _ = 1, n do
    process.send(dest, "t", bench.now())
    inbox:receive()
  end
  return n
end }`,

  "bench:spin": `return { main = function() while true do end end }`,
};
