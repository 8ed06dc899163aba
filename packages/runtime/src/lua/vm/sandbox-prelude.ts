/**
 * Lua-side helpers of the sandbox, compiled once per VM in the VM's own state (where the real
 * `debug` library still exists; processes never see it). Returns a table:
 *
 * - `frozen(real, name)`: a shared read-only stand-in for a nested table (`process.event`,
 *   `process.registry`): reads go to `real`, writes raise, `pairs` iterates `real` without
 *   handing it out. `rawset` on it is refused by the sandbox's `rawset` (`__frozen` marks it).
 * - `view_metatable(real, call)`: the metatable of per-process *views* of a library. A view
 *   starts empty and reads through to `real`; writes land in the view (so they are the
 *   process's own). Assigning nil to a library key, or iterating with `pairs`, first
 *   *materializes* the view — copies the library into it and drops the read-through — so that
 *   `table.insert = nil` really removes it for this process and `pairs(string)` lists it.
 *   `call` is the `__call` of the view (the callable cast `string(x)`).
 * - `bootstrap(chunk, env, method, id, ...)`: how an entry starts: run the chunk with its
 *   environment, pick the function (a bare function, or `method` of the returned table) and
 *   tail-call it with the arguments.
 */
export const SANDBOX_PRELUDE_CHUNK_NAME = "=wippy:sandbox";

export const SANDBOX_PRELUDE = String.raw`
local next, rawget, rawset, setmetatable, error, type, tostring = next, rawget, rawset, setmetatable, error, type, tostring
local force_setmetatable = debug.setmetatable
local H = {}

function H.frozen(real, name)
  return setmetatable({}, {
    __index = real,
    __metatable = false,
    __frozen = true,
    __newindex = function() error("attempt to modify read-only table '" .. name .. "'", 2) end,
    __pairs = function(t) return function(_, k) return next(real, k) end, t, nil end,
  })
end

function H.view_metatable(real, call)
  local materialized = { __metatable = false, __call = call }
  local function materialize(t)
    for k, v in next, real do
      if rawget(t, k) == nil then rawset(t, k, v) end
    end
    force_setmetatable(t, materialized)
  end
  return {
    __index = real,
    __metatable = false,
    __call = call,
    __newindex = function(t, k, v)
      if v == nil and real[k] ~= nil then materialize(t) end
      rawset(t, k, v)
    end,
    __pairs = function(t)
      materialize(t)
      return next, t, nil
    end,
  }
end

function H.bootstrap(chunk, env, method, id, ...)
  local m = chunk(env)
  local t = type(m)
  if t == "function" then return m(...) end
  if t ~= "table" then
    error(id .. ": the source must return a function or a table of functions, got " .. t, 0)
  end
  if method == nil then
    error(id .. ": the source returns a table; the entry needs method: to pick the function to run", 0)
  end
  local fn = m[method]
  if type(fn) ~= "function" then
    error(id .. ": method '" .. tostring(method) .. "' is not a function of the table the source returns", 0)
  end
  return fn(...)
end

return H
`;
