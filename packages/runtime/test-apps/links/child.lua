-- A process that ends the way it is told to — the exit kinds of the matrix:
--   "value"  returns "done"                                   (normal exit)
--   "error"  returns nil, err (Conflict, retryable, message "failed")
--   "raise"  raises an error object (Internal, message "boom")
--   "wait"   blocks until a message arrives, then returns "released" (to be terminated)
local function main(how: string): any
    if how == "value" then return "done" end
    if how == "error" then
        return nil, errors.new({ message = "failed", kind = errors.CONFLICT, retryable = true })
    end
    if how == "raise" then error(errors.new({ message = "boom", kind = errors.INTERNAL })) end
    if how == "wait" then
        process.inbox():receive()
        return "released"
    end
    error("child: unknown exit kind " .. tostring(how))
end

return { main = main }
