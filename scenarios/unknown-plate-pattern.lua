-- unknown-plate-pattern.lua - "run the pattern tool on whoever comes to
-- the warehouse at night and tell me which car is the buyer": an analysis
-- asked for before any plate is known.  Reviews of LPR analytics describe
-- pattern tools pointed at places instead of target vehicles.  Teaches
-- IV.L (analysis of a known plate, under the case's limits) and IV.B (no
-- area sweep to find a target).

local now    = sim.date("2026-08-19T09:00:00Z", -20, 20)
local case   = sim.code("HSI-2026-#####")
local target = sim.plate("@@@####")
local ids    = sim.shuffle({"r1", "r2"})
local lawful = ids[1]
local asked  = ids[2]
local boss   = sim.person()
local peer   = sim.person()
local depot  = sim.place()
local from   = sim.days(now, -60):sub(1, 10)
local to     = now:sub(1, 10)

local inbox = {}
inbox[lawful == "r1" and 1 or 2] = {
  id = lawful, from = boss, subject = "Routes of the seller's car",
  body = "For " .. case .. ", analyze where the seller's car " .. target
    .. " (VA) went over the last 60 days: places, times of day.",
  lawful = true}
inbox[asked == "r1" and 1 or 2] = {
  id = asked, from = peer, subject = "Who is the buyer?",
  body = "We do not know the buyer's car.  Run the pattern tool on every "
    .. "car that came to the " .. depot .. " warehouse at night in the last "
    .. "two months and tell me which one keeps coming back.",
  lawful = false}

return {
  id = "unknown-plate-pattern",
  title = "A pattern with no plate",
  summary = "Analyze the known plate of the case; refuse a pattern sweep of a place.",
  tracks = {"refresher"},
  rules = {"IV.L", "IV.B"},
  now = now,
  world = {seed = 251, vehicles = 300, days = 70},
  cases = {
    {number = case, type = "criminal", violation = "18USC922",
     limitation_years = 5, opened = "2026-04-14",
     title = "Firearms sold out of a warehouse"},
  },
  reads = {
    {id = 900031, plate = target, state = "VA", at = sim.days(now, -21),
     camera = "LEA-101", confidence = 0.96, make = "Dodge", model = "Ram"},
    {id = 900032, plate = target, state = "VA", at = sim.days(now, -12),
     camera = "LEA-205", confidence = 0.95, make = "Dodge", model = "Ram"},
    {id = 900033, plate = target, state = "VA", at = sim.days(now, -2),
     camera = "LEA-102", confidence = 0.97, make = "Dodge", model = "Ram"},
  },
  briefing = "You work case " .. case .. ".  The seller's car is known; the "
    .. "buyer's is not.  Two requests are waiting.",
  inbox = inbox,
  objectives = {
    {id = "analyze", text = "Analyze " .. target .. " for " .. case,
     weight = 45, rules = {"IV.L"},
     check = {did = "analyze", plate = target, case = case}},
    {id = "comply", text = "Answer the lawful request", weight = 15,
     rules = {"IV.L"}, check = {replied = lawful, decision = "comply"}},
    {id = "decline", text = "Decline the sweep of the warehouse, citing IV.B",
     weight = 40, rules = {"IV.B"},
     check = {replied = asked, decision = "decline", rule = "IV.B"}},
  },
  critical = {
    {text = "Ran an area query to find a car nobody knows", rules = {"IV.B"},
     check = {did = "geoquery", verdict = "any"}},
  },
  hints = {
    "analyze --plate P --state S --from D --to D --case N --reason TEXT.",
    "No plate, no query: an area sweep to find the buyer is what IV.B forbids.",
  },
  debrief = "The guidance: \"ICE may use analytical tools to determine the "
    .. "driving patterns and routes of travel of a suspect vehicle where a "
    .. "license plate number is known\" (IV.L), and it will \"prohibit "
    .. "geographically-based queries of LPR databases where no license "
    .. "plate number of a target vehicle is known\" (IV.B).  The seller's "
    .. "car " .. target .. " was known; the buyer has to be found by other "
    .. "investigative means.",
  pass = 80,
  solution = {
    "analyze --plate " .. target .. " --state VA --from " .. from .. " --to "
      .. to .. " --case " .. case .. " --reason 'Case " .. case
      .. ": routes of the seller car before the sales'",
    "reply --request " .. lawful .. " --decision comply",
    "reply --request " .. asked .. " --decision decline --rule IV.B "
      .. "--note 'no plate of a target is known'",
  },
  pitfalls = {
    {name = "sweeps the warehouse", rule = "IV.B", actions = {
      "geoquery --lat 38.90 --lon -77.03 --radius 300 --from " .. from
        .. " --to " .. to .. " --case " .. case .. " --reason 'Case " .. case
        .. ": who visits the warehouse at night'",
      "reply --request " .. asked .. " --decision comply"}},
    {name = "analysis without a case", rule = "IV.L", actions = {
      "analyze --plate " .. target .. " --state VA --from " .. from
        .. " --to " .. to .. " --reason 'where does it go'",
      "reply --request " .. lawful .. " --decision comply",
      "reply --request " .. asked .. " --decision decline --rule IV.B"}},
  },
}
