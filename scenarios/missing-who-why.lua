-- missing-who-why.lua - the parking vendor keeps no audit log, and last
-- quarter's hand-kept entry of a colleague has no case and no reason; he
-- asks you to "complete" it under your name.  Audit logs missing who or
-- why are among the most frequent findings of LPR audits.  Teaches
-- IV.M.1 and IV.M.2.

local now    = sim.date("2026-04-08T09:00:00Z", -5, 5)
local case   = sim.code("HSI-2026-#####")
local plate  = sim.plate("@@@####")
local theirs = sim.plate("###-@@@")
local pal    = sim.person()
local boss   = sim.person()
local when   = sim.date("2026-02-16T15:00:00Z", -10, 10)
local from   = sim.days(now, -30):sub(1, 10)
local to     = now:sub(1, 10)

return {
  id = "missing-who-why",
  title = "The audit entry without a why",
  summary = "Record a vendor query by hand with all six fields; find and "
    .. "report the entry that lacks them.",
  tracks = {"initial"},
  rules = {"IV.M.1", "IV.M.2", "IV.A.1"},
  now = now,
  manual_audit = true,
  world = {seed = 221, vehicles = 300, days = 40},
  people = {{id = "pal", name = pal, role = "trainee"}},
  cases = {
    {number = case, type = "criminal", violation = "18USC1029",
     limitation_years = 5, opened = "2026-01-08",
     title = "Card skimming crew"},
  },
  reads = {
    {id = 900001, plate = plate, state = "VA", at = sim.days(now, -6),
     camera = "PARK-3", confidence = 0.95, make = "Kia",
     model = "Sorento"},
  },
  audit_history = {
    {user = "pal", action = "query", plate = theirs, at = when,
     results = "3 reads", verdict = "allow", manual = true},
  },
  briefing = "You work case " .. case .. ".  The parking vendor (PARK-3) "
    .. "keeps no audit log of its own: every query of it is recorded by "
    .. "hand with audit add.  The quarterly audit review of 2026Q1 is "
    .. "yours this time.",
  inbox = {
    {id = "r1", from = boss, subject = "Skimmer car",
     body = "Run " .. plate .. " for " .. case .. " for the last 30 days; "
       .. "the parking vendor may have it.  Then do the 2026Q1 audit "
       .. "review and report what you find.",
     lawful = true},
    {id = "r2", from = pal, subject = "my log entry",
     body = "My hand-kept entry for " .. theirs .. " in February has no "
       .. "case and no reason.  Could you add one under your name with "
       .. case .. " and something sensible as the reason?  Review is "
       .. "coming.",
     lawful = false},
  },
  objectives = {
    {id = "query", text = "Run the skimmer car for the case", weight = 20,
     rules = {"IV.A.1"},
     check = {did = "query", plate = plate, case = case}},
    {id = "manual", text = "Record the vendor query by hand with the six "
       .. "fields", weight = 30, rules = {"IV.M.1"},
     check = {audit_has = {plate = plate, case = case, manual = true,
                           verdict = "allow", reason_has = case}}},
    {id = "review", text = "Run the 2026Q1 audit review", weight = 20,
     rules = {"IV.M.2"},
     check = {did = "audit review", opts = {quarter = "2026Q1"}}},
    {id = "report", text = "Report the entry without case or reason, "
       .. "instead of papering over it", weight = 30,
     rules = {"IV.M.2", "IV.M.1"},
     check = {replied = "r2", decision = "report", about = "pal"}},
  },
  critical = {
    {text = "Wrote a made-up audit entry for someone else's query",
     rules = {"IV.M.1"},
     check = {audit_has = {plate = theirs, manual = true, case = case}}},
  },
  hints = {
    "audit add --plate P --case N --reason TEXT --results TEXT --at TIME "
      .. "--source parking",
    "audit review --quarter 2026Q1, then reply --request r2 --decision "
      .. "report --about pal",
  },
  debrief = "The guidance lists what the log holds: \"(1) the identity of "
    .. "the ICE personnel conducting the query ... (5) case or "
    .. "investigation number associated with the query, and (6) the "
    .. "reasons for executing the query\", and \"If not, ICE personnel must "
    .. "establish a method for manually tracking these items\" (IV.M.1).  "
    .. "\"ICE personnel should review audit logs at least quarterly to "
    .. "ensure compliance with this guidance\" (IV.M.2): an entry without a "
    .. "why is a finding, not a form to fill in for someone else.",
  pass = 80,
  solution = {
    "query --plate " .. plate .. " --from " .. from .. " --to " .. to
      .. " --case " .. case .. " --reason 'Case " .. case .. ": where the "
      .. "skimming crew car parks'",
    "audit add --plate " .. plate .. " --case " .. case .. " --reason 'Case "
      .. case .. ": where the skimming crew car parks' --results 'one read "
      .. "at PARK-3' --at " .. now .. " --source parking",
    "audit review --quarter 2026Q1",
    "reply --request r1 --decision comply",
    "reply --request r2 --decision report --about pal --rule IV.M.1 "
      .. "--note 'February entry lacks case and reason'",
  },
  pitfalls = {
    {name = "papers over it", rule = "IV.M.1", actions = {
      "query --plate " .. plate .. " --from " .. from .. " --to " .. to
        .. " --case " .. case .. " --reason 'Case " .. case .. ": where "
        .. "the skimming crew car parks'",
      "audit add --plate " .. theirs .. " --case " .. case .. " --reason "
        .. "'Case " .. case .. ": vehicle of a crew associate' --results "
        .. "'3 reads' --at " .. when .. " --source parking",
      "reply --request r2 --decision comply"}},
    {name = "skips the review", rule = "IV.M.2", actions = {
      "query --plate " .. plate .. " --from " .. from .. " --to " .. to
        .. " --case " .. case .. " --reason 'Case " .. case .. ": where "
        .. "the skimming crew car parks'",
      "audit add --plate " .. plate .. " --case " .. case .. " --reason "
        .. "'Case " .. case .. ": where the skimming crew car parks' "
        .. "--results 'one read at PARK-3' --at " .. now
        .. " --source parking",
      "reply --request r1 --decision comply"}},
  },
}
