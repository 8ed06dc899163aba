local M = {}

function M.shout(text)
    return string.upper(text) .. "!"
end

return M
