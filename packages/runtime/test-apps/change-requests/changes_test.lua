local check = require("check")
local security = require("security")

-- The agent runs with an actor and a scope that allow proposing (not applying) in matrix.tools.
local HOST = "matrix.changes:processes"

local function as_agent(op: string, name: string): table
    local agent = security.new_actor("agent:matrix", { role = "agent" })
    local scope = security.new_scope({
        check.ok(security.policy("matrix.changes:own_tools")),
        check.ok(security.policy("matrix.changes:hear_outcomes")),
    })
    return check.ok(process.with_context({}):with_actor(agent):with_scope(scope):exec("matrix.changes:agent", HOST, op, name))
end

local function propose_own_namespace()
    local r = as_agent("propose", "double")
    check.eq(r.request.status, "open", "a proposal is open")
    check.eq(r.request.approvals_required, 2, "approvals from the review rule")
    check.eq(r.request.author, "agent:matrix", "the author is the actor")
    check.eq(r.request.entries[1], "matrix.tools:double", "the entry it touches")
    check.eq(r.again.status, "open", "registry.change_request reads it back")
    check.eq(r.again.id, r.request.id, "same id")
    check.eq(r.call.kind, errors.NOT_FOUND, "nothing is applied before review")
    local registry = require("registry")
    check.eq(registry.get("matrix.tools:double"), nil, "not in the registry")
end

local function apply_refused_with_hint()
    local r = as_agent("apply", "inc")
    check.eq(r.kind, errors.PERMISSION_DENIED, "apply is not in the scope")
    check.truthy(r.message:find('registry.apply on "matrix.tools:inc"', 1, true), r.message)
    check.truthy(r.message:find("you may propose it for review instead: changes:propose(message)", 1, true), r.message)
    check.eq(r.details.hint, "propose", "details.hint")
end

local function other_namespace_refused()
    local r = as_agent("elsewhere", "notes")
    check.eq(r.kind, errors.PERMISSION_DENIED, "propose is only allowed in matrix.tools")
    check.truthy(r.message:find('registry.propose on "matrix.changes:notes"', 1, true), r.message)
end

local function approving_itself_refused()
    local r = as_agent("approve_own", "dec")
    check.eq(r.approved, false, "not approved")
    check.eq(r.error.kind, errors.PERMISSION_DENIED, "kind")
    check.truthy(r.error.message:find("nobody approves their own change request", 1, true), r.error.message)
    check.truthy(r.error.message:find("an agent never approves", 1, true), r.error.message)
end

local function waits_and_hears_nothing_until_decided()
    local r = as_agent("wait", "triple")
    -- The proposal itself is announced (open); no decision comes while nobody reviews it.
    for _, kind in ipairs(r.heard) do check.eq(kind, "open", "only the proposal is heard") end
end

-- A process with no actor or scope (this test) is not checked by policies — but the review
-- rule still covers matrix.tools: agents always go through review there.
local function rule_refuses_unrestricted_apply()
    local registry = require("registry")
    local v, err = registry.snapshot():changes():create({ id = "matrix.tools:free", kind = "registry.entry" }):apply()
    check.fails(errors.PERMISSION_DENIED, "apply to a reviewed namespace", v, err)
    check.eq(err:details().decision, "review", "refused by the rule")
    check.truthy(err:message():find("changes there need review (matrix.changes:review)", 1, true), err:message())
    local ok = registry.snapshot():changes():create({ id = "matrix.free:x", kind = "registry.entry" }):apply()
    check.truthy(ok, "elsewhere it applies")
end

return {
    propose_own_namespace = propose_own_namespace,
    apply_refused_with_hint = apply_refused_with_hint,
    other_namespace_refused = other_namespace_refused,
    approving_itself_refused = approving_itself_refused,
    waits_and_hears_nothing_until_decided = waits_and_hears_nothing_until_decided,
    rule_refuses_unrestricted_apply = rule_refuses_unrestricted_apply,
}
