/**
 * Callable casts of Wippy Lua: `integer(x)`, `number(x)`, `string(x)`, `boolean(x)`.
 *
 * The stripper leaves these calls alone; this Lua chunk gives them meaning. Run it once per
 * sandbox environment with that environment as its only argument:
 *
 *   load(CAST_PRELUDE, CAST_PRELUDE_CHUNK_NAME)(env)
 *
 * It defines `env.integer`, `env.number` and `env.boolean`, and makes `env.string` (the string
 * library) callable through a `__call` metamethod. Each cast returns the converted value or
 * raises: an `errors` object of kind `Invalid` when `env.errors` exists, otherwise a message that
 * names the caller's line (`app:hello:3: cannot cast string "x" to integer`).
 *
 * Conversions:
 * - integer: integers as they are; floats with an integral value; numeric strings ("12", "0x10",
 *   "12.0") that denote an integer. fengari integers are 32-bit, so larger values raise.
 * - number: numbers; numeric strings.
 * - string: strings; numbers and booleans through `tostring`; values with `__tostring`.
 * - boolean: booleans; "true"/"false", "1"/"0", 1/0.
 * Everything else (nil, tables, functions, non-numeric strings) raises.
 */

export const CAST_PRELUDE_CHUNK_NAME = "=wippy:casts";

export const CAST_PRELUDE = String.raw`
local env = ...
local type, tostring, tonumber, error = type, tostring, tonumber, error
local getmetatable, setmetatable = getmetatable, setmetatable
local math_type, tointeger, format = math.type, math.tointeger, string.format

local function describe(v)
  if type(v) == "string" then return format("string %q", v) end
  if type(v) == "number" then return format("%s %s", math_type(v), tostring(v)) end
  return type(v)
end

local function fail(v, target)
  local message = "cannot cast " .. describe(v) .. " to " .. target
  local errors = env.errors
  if type(errors) == "table" and type(errors.new) == "function" then
    error(errors.new({ message = message, kind = "Invalid" }))
  end
  error(message, 3)
end

function env.integer(v)
  if math_type(v) == "integer" then return v end
  local n = v
  if type(v) == "string" then n = tonumber(v) end
  local i = type(n) == "number" and tointeger(n) or nil
  if i == nil then fail(v, "integer") end
  return i
end

function env.number(v)
  if type(v) == "number" then return v end
  local n = type(v) == "string" and tonumber(v) or nil
  if n == nil then fail(v, "number") end
  return n
end

local function to_string(v)
  local t = type(v)
  if t == "string" then return v end
  if t == "number" or t == "boolean" then return tostring(v) end
  local mt = getmetatable(v)
  if type(mt) == "table" and mt.__tostring ~= nil then return tostring(v) end
  fail(v, "string")
end

local BOOLEANS = { ["true"] = true, ["false"] = false, ["1"] = true, ["0"] = false }

function env.boolean(v)
  if type(v) == "boolean" then return v end
  if v == 1 then return true end
  if v == 0 then return false end
  local b = nil
  if type(v) == "string" then b = BOOLEANS[v] end
  if b == nil then fail(v, "boolean") end
  return b
end

local string_lib = env.string
if type(string_lib) == "table" then
  local mt = getmetatable(string_lib) or {}
  mt.__call = function(_, v) return to_string(v) end
  setmetatable(string_lib, mt)
end
`;
