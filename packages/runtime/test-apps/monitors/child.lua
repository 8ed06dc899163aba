-- A process that ends the way it is told to — the exit kinds of the matrix:
--   "value"         returns "done"                      "table"  returns { n = 1, list = {1, 2} }
--   "nothing"       returns no value
--   "error"         returns nil, err (Conflict, retryable, message "failed")
--   "raise"         raises an error object (Internal, message "boom")
--   "raise_string"  raises the string "plain boom"
--   "wait"          blocks until a message arrives, then returns "released" (or is terminated)
--   "cancel"        waits for CANCEL and returns what it saw: { kind, from, reason }
local function main(how: string): any
    if how == "value" then return "done" end
    if how == "table" then return { n = 1, list = { 1, 2 } } end
    if how == "nothing" then return end
    if how == "error" then
        return nil, errors.new({ message = "failed", kind = errors.CONFLICT, retryable = true })
    end
    if how == "raise" then error(errors.new({ message = "boom", kind = errors.INTERNAL })) end
    if how == "raise_string" then error("plain boom") end
    if how == "wait" then
        process.inbox():receive()
        return "released"
    end
    if how == "cancel" then
        local e = process.events():receive()
        return { kind = e.kind, from = e.from, reason = e.reason }
    end
    error("child: unknown exit kind " .. tostring(how))
end

return { main = main }
