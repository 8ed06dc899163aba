import { describe, expect, it } from "vitest";
import { runLua } from "../test-support";

const normal = (value: unknown) => ({ kind: "normal", value });
const run = (body: string) => runLua(`return { main = function()\n${body}\nend }`);

describe("errors (LUA_API §6)", () => {
  it("kind constants", () => {
    expect(run(`return { errors.NOT_FOUND, errors.ALREADY_EXISTS, errors.INVALID, errors.PERMISSION_DENIED, errors.UNAVAILABLE, errors.INTERNAL,
      errors.CANCELED, errors.CONFLICT, errors.TIMEOUT, errors.RATE_LIMITED, errors.UNKNOWN }`)).toEqual(
      normal(["NotFound", "AlreadyExists", "Invalid", "PermissionDenied", "Unavailable", "Internal", "Canceled", "Conflict", "Timeout", "RateLimited", ""]),
    );
  });

  it("errors.new(string): UNKNOWN kind, retryable unknown, no details, a stack", () => {
    expect(run(`local e = errors.new("boom"); return { e:kind(), e:message(), e:retryable() == nil, e:details() == nil, e:stack():match("stack traceback") ~= nil }`)).toEqual(
      normal(["", "boom", true, true, true]),
    );
  });

  it("errors.new(table) keeps kind, retryable and details", () => {
    expect(run(`local e = errors.new({ message = "missing", kind = errors.NOT_FOUND, retryable = false, details = { user_id = 123 } })
      return { e:kind(), e:message(), e:retryable(), e:details().user_id }`)).toEqual(normal(["NotFound", "missing", false, 123]));
  });

  it("wrap keeps kind, retryable and details; is() checks the kind", () => {
    expect(run(`local e = errors.new({ message = "inner", kind = errors.TIMEOUT, retryable = true, details = { a = 1 } })
      local w = errors.wrap(e, "loading users")
      return { w:message(), w:kind(), w:retryable(), w:details().a, errors.is(w, errors.TIMEOUT), errors.is(w, errors.INVALID), errors.wrap(nil, "x") == nil }`)).toEqual(
      normal(["loading users: inner", "Timeout", true, 1, true, false, true]),
    );
  });

  it("tostring and .. give the message", () => {
    expect(run(`local e = errors.new("bad"); return { tostring(e), "error: " .. e, e .. "!" }`)).toEqual(normal(["bad", "error: bad", "bad!"]));
  });

  it("errors from modules are error objects; pcall catches raised ones", () => {
    expect(run(`local _, err = process.send("nobody", "t")
      local ok, raised = pcall(error, errors.new({ message = "x", kind = errors.CONFLICT }))
      return { type(err), err:kind(), ok, raised:kind() }`)).toEqual(normal(["userdata", "NotFound", false, "Conflict"]));
  });

  it("call_stack lists frames", () => {
    expect(run(`local s = errors.call_stack(errors.new("x")); return { type(s.frames), s.frames[1].source, type(s.frames[1].line) }`)).toEqual(normal(["table", "app:main", "number"]));
  });

  it("errors.new without a message raises", () => {
    expect(run(`return errors.new({ kind = errors.INVALID })`)).toMatchObject({ kind: "crash", error: { message: expect.stringMatching(/needs a message/) } });
  });
});
