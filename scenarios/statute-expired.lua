-- statute-expired.lua - a criminal case whose events lie past the statute
-- of limitations.  The prosecutor wants the reads of the year the offence
-- happened; the guidance limits criminal look-backs to the statute of the
-- underlying violation.  Teaches IV.J.1 and IV.A.1.

local now   = sim.date("2026-09-01T10:00:00Z", -20, 20)
local plate = sim.state_plate("OK")
local case  = sim.code("HSI-2019-####")
local ausa  = sim.person()
local agent = sim.person()
local year  = sim.pick({"2019", "2020"})
local start = sim.days(sim.years(now, -1), 0):sub(1, 10)
-- the earliest start the policy engine allows for this case (five-year
-- statute): every text below quotes the engine, never a hand-made date
local earliest = sim.lookback_start(now, "criminal", 5)

return {
  id = "statute-expired",
  title = "Past the statute",
  summary = "A criminal look-back stops at the statute of limitations.",
  tracks = {"initial", "refresher"},
  rules = {"IV.J.1", "IV.A.1"},
  now = now,
  world = {seed = 41, vehicles = 400, days = 120},
  cases = {
    {number = case, type = "criminal", violation = "18USC545",
     limitation_years = 5, opened = "2019-06-03",
     title = "Smuggling of goods through the port"},
  },
  reads = {
    {id = 900001, plate = plate, state = "OK", at = year .. "-08-14T22:10:00Z",
     camera = "LEA-101", confidence = 0.93, make = "Dodge", model = "Ram"},
    {id = 900002, plate = plate, state = "OK", at = sim.days(now, -40),
     camera = "LEA-102", confidence = 0.96, make = "Dodge", model = "Ram"},
  },
  briefing = "Case " .. case .. " (smuggling, 18 U.S.C. 545, a five-year "
    .. "statute of limitations) has been open since 2019.  Today is "
    .. now:sub(1, 10) .. ".",
  inbox = {
    {id = "r1", from = ausa, subject = "Reads from " .. year,
     body = "Pull every read of " .. plate .. " from January to December "
       .. year .. ", when the smuggling runs happened, for " .. case .. ".",
     lawful = false},
    {id = "r2", from = agent, subject = "Still driving the route?",
     body = "If the old reads are out of bounds, run " .. plate .. " for "
       .. "the last twelve months: is he still driving to the port?",
     lawful = true},
  },
  objectives = {
    {id = "decline", text = "Decline the " .. year .. " look-back, citing "
       .. "the statute of limitations rule", weight = 50,
     rules = {"IV.J.1"},
     check = {replied = "r1", decision = "decline", rule = "IV.J.1"}},
    {id = "recent", text = "Run the last twelve months for " .. case,
     weight = 50, rules = {"IV.J.1", "IV.A.1"},
     check = {did = "query", plate = plate, case = case,
              from_min = earliest}},
  },
  hints = {
    "Five years back from " .. now:sub(1, 10) .. ": the engine allows "
      .. earliest .. " and nothing earlier.",
  },
  debrief = "The statute of " .. case .. "'s violation is five years: a "
    .. "query may reach back to " .. earliest
    .. " and no further, however old the case is.",
  pass = 80,
  solution = {
    "reply --request r1 --decision decline --rule IV.J.1 --note 'beyond "
      .. "the five-year statute'",
    "query --plate " .. plate .. " --from " .. start .. " --to "
      .. now:sub(1, 10) .. " --case " .. case .. " --reason 'Case " .. case
      .. ": is the suspect truck still driving the port route'",
    "reply --request r2 --decision comply",
  },
  pitfalls = {
    {name = "pulls the old year", rule = "IV.J.1", actions = {
      "query --plate " .. plate .. " --from " .. year .. "-01-01 --to "
        .. year .. "-12-31 --case " .. case .. " --reason 'Case " .. case
        .. ": the smuggling runs of " .. year .. "'",
      "reply --request r1 --decision comply"}},
  },
}
