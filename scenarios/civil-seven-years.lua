-- civil-seven-years.lua - a civil immigration case asks for seven years of
-- history.  The 2017 guidance caps civil look-backs at five years, and a
-- commercial source that keeps no audit log needs the six fields by hand.
-- Teaches IV.J.2, IV.A.1, IV.I and IV.M.1.

local now   = sim.date("2026-06-15T09:00:00Z", -20, 20)
local plate = sim.state_plate("TX")
local case  = sim.code("ERO-2026-####")
local who   = sim.person()
-- the earliest start the policy engine allows for a civil matter today:
-- the debrief, the check and the model answer all quote the engine
local start5 = sim.lookback_start(now, "civil")

return {
  id = "civil-seven-years",
  title = "Seven years for a civil case",
  summary = "Keep a civil immigration query to five years; audit by hand.",
  tracks = {"initial"},
  rules = {"IV.J.2", "IV.A.1", "IV.I", "IV.M.1"},
  now = now,
  world = {seed = 31, vehicles = 400, days = 90},
  manual_audit = true,
  cases = {
    {number = case, type = "civil", opened = "2026-01-12",
     title = "Removal proceedings: residence history"},
  },
  reads = {
    {id = 900001, plate = plate, state = "TX", at = sim.days(now, -2400),
     camera = "LEA-101", confidence = 0.95, make = "Honda", model = "Civic"},
    {id = 900002, plate = plate, state = "TX", at = sim.days(now, -1100),
     camera = "TOLL-7", confidence = 0.96, make = "Honda", model = "Civic"},
    {id = 900003, plate = plate, state = "TX", at = sim.days(now, -20),
     camera = "LEA-102", confidence = 0.97, make = "Honda", model = "Civic"},
  },
  briefing = "Case " .. case .. " is a civil immigration matter.  The toll "
    .. "vendor's database keeps no audit log of your queries: when its "
    .. "reads come back, record the query by hand (audit add) with all six "
    .. "fields.",
  inbox = {
    {id = "r1", from = who, subject = "Residence history",
     body = "Please run " .. plate .. " for " .. case .. " for the past "
       .. "seven years, back to 2019: we want to show where the vehicle has "
       .. "been all along.",
     -- a lawful purpose asking for more than the policy allows: comply
     -- within the limits (scenarios/README.md, "Scoring")
     lawful = true},
  },
  objectives = {
    {id = "window", text = "Query " .. plate .. " for " .. case
       .. " no further back than five years",
     weight = 40, rules = {"IV.J.2", "IV.A.1", "IV.I"},
     check = {did = "query", plate = plate, case = case,
              from_min = start5}},
    {id = "manual", text = "Record the toll-vendor query by hand (the six "
       .. "fields)", weight = 30, rules = {"IV.M.1"},
     check = {audit_has = {plate = plate, case = case, manual = true,
                           verdict = "allow"}}},
    {id = "answer", text = "Tell the requester the look-back is five years, "
       .. "citing the rule", weight = 30, rules = {"IV.J.2"},
     check = {replied = "r1", rule = "IV.J.2"}},
  },
  hints = {
    "Civil immigration matters: the previous five years only (IV.J.2).",
    "audit add --plate P --case N --reason TEXT --results TEXT --at TIME "
      .. "--source toll",
  },
  debrief = "Seven years would have reached reads the guidance puts out of "
    .. "bounds for a civil case.  Five years back from " .. now:sub(1, 10)
    .. " is " .. start5 .. ".  The toll read came from a source with no "
    .. "audit log, so your own entry is the only record of the query.",
  pass = 80,
  solution = {
    "query --plate " .. plate .. " --from " .. start5 .. " --to "
      .. now:sub(1, 10) .. " --case " .. case .. " --reason 'Case " .. case
      .. ": residence history of the respondent vehicle'",
    "audit add --plate " .. plate .. " --case " .. case .. " --reason 'Case "
      .. case .. ": residence history of the respondent vehicle' --results "
      .. "'one read at TOLL-7' --at " .. now .. " --source toll",
    "reply --request r1 --decision comply --rule IV.J.2 --note 'five "
      .. "years only, from " .. start5 .. "'",
  },
  pitfalls = {
    {name = "seven years as asked", rule = "IV.J.2", actions = {
      "query --plate " .. plate .. " --from 2019-06-15 --to "
        .. now:sub(1, 10) .. " --case " .. case .. " --reason 'Case "
        .. case .. ": residence history of the respondent vehicle'",
      "reply --request r1 --decision comply"}},
    {name = "forgets the manual audit", rule = "IV.M.1", actions = {
      "query --plate " .. plate .. " --from " .. start5 .. " --to "
        .. now:sub(1, 10) .. " --case " .. case .. " --reason 'Case "
        .. case .. ": residence history of the respondent vehicle'",
      "reply --request r1 --decision comply --rule IV.J.2"}},
  },
}
