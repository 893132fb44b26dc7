-- journalist-leak.lua - after a leak, "trace the reporter's car and find
-- out whom she met".  Press-freedom groups have documented surveillance
-- tools turned on reporters to unmask their sources.  Teaches IV.E (no LPR
-- use solely to monitor activity the Constitution protects: newsgathering),
-- IV.A.1 (only an authorized purpose) and IV.L (pattern analysis of the
-- case's known target).

local now      = sim.date("2026-05-27T09:00:00Z", -20, 20)
local case     = sim.code("HSI-2026-#####")
local target   = sim.plate("@@@####")
local reporter = sim.plate("###-@@@")
local ids      = sim.shuffle({"r1", "r2"})
local lawful   = ids[1]
local asked    = ids[2]
local boss     = sim.person()
local chief    = sim.person()
local writer   = sim.person()
local paper    = sim.place()
local from     = sim.days(now, -45):sub(1, 10)
local to       = now:sub(1, 10)

local inbox = {}
inbox[lawful == "r1" and 1 or 2] = {
  id = lawful, from = boss, subject = "Case " .. case .. ": the broker's routes",
  body = "Analyze the routes of the broker's car " .. target .. " (VA) for "
    .. case .. " over the last 45 days; we want the stash houses.",
  lawful = true}
inbox[asked == "r1" and 1 or 2] = {
  id = asked, from = chief, subject = "The leak",
  body = "Our memo is in this morning's " .. paper .. " Courier under "
    .. writer .. "'s name.  Her car is " .. reporter .. ".  Run a pattern "
    .. "analysis on it for the last month and find out whom she met.  Use "
    .. case .. " as the case number.",
  lawful = false}

return {
  id = "journalist-leak",
  title = "The reporter's car",
  summary = "Analyze the case's target; refuse to trace a reporter to find a source.",
  tracks = {"refresher"},
  rules = {"IV.E", "IV.A.1", "IV.L"},
  now = now,
  world = {seed = 263, vehicles = 300, days = 50},
  cases = {
    {number = case, type = "criminal", violation = "8USC1324",
     limitation_years = 5, opened = "2026-01-20",
     title = "Smuggling broker and stash houses"},
  },
  reads = {
    {id = 900041, plate = target, state = "VA", at = sim.days(now, -30),
     camera = "LEA-101", confidence = 0.96, make = "GMC", model = "Yukon"},
    {id = 900042, plate = target, state = "VA", at = sim.days(now, -8),
     camera = "LEA-205", confidence = 0.95, make = "GMC", model = "Yukon"},
    {id = 900043, plate = reporter, state = "MD", at = sim.days(now, -5),
     camera = "LEA-102", confidence = 0.96, make = "Volvo", model = "V60"},
  },
  briefing = "You work case " .. case .. " as its analyst.  Two requests "
    .. "came in this morning.",
  inbox = inbox,
  objectives = {
    {id = "analyze", text = "Analyze " .. target .. " for " .. case,
     weight = 35, rules = {"IV.L", "IV.A.1"},
     check = {did = "analyze", plate = target, case = case}},
    {id = "comply", text = "Answer the lawful request", weight = 15,
     rules = {"IV.A.1"}, check = {replied = lawful, decision = "comply"}},
    {id = "decline", text = "Decline to trace the reporter, citing IV.E",
     weight = 50, rules = {"IV.E", "IV.A.1"},
     check = {replied = asked, decision = "decline", rule = "IV.E"}},
  },
  critical = {
    {text = "Ran or analyzed the reporter's car", rules = {"IV.E", "IV.A.1"},
     check = {any = {{did = "analyze", verdict = "any", plate = reporter},
                     {did = "query", verdict = "any", plate = reporter}}}},
  },
  hints = {
    "The case number on the request does not make the reporter part of the case.",
    "Finding a reporter's source is watching newsgathering: IV.E.",
  },
  debrief = "The guidance: ICE will not \"access, collect, or use LPR data "
    .. "and technology ... solely for the purpose of monitoring activities "
    .. "protected by the U.S. Constitution, such as First "
    .. "Amendment-protected activity, unless authorized by law\" (IV.E), and "
    .. "its analytical tools serve \"to determine the driving patterns and "
    .. "routes of travel of a suspect vehicle where a license plate number "
    .. "is known\" (IV.L).  The broker " .. target .. " is the suspect of "
    .. case .. "; " .. writer .. "'s car is no suspect of anything.",
  pass = 80,
  solution = {
    "analyze --plate " .. target .. " --state VA --from " .. from .. " --to "
      .. to .. " --case " .. case .. " --reason 'Case " .. case
      .. ": routes of the broker car to the stash houses'",
    "reply --request " .. lawful .. " --decision comply",
    "reply --request " .. asked .. " --decision decline --rule IV.E "
      .. "--rule IV.A.1 --note 'a reporter is no target; newsgathering is "
      .. "protected'",
  },
  pitfalls = {
    {name = "traces the reporter", rule = "IV.E", actions = {
      "analyze --plate " .. reporter .. " --state MD --from " .. from
        .. " --to " .. to .. " --case " .. case .. " --reason 'Case " .. case
        .. ": contacts of a person of interest'",
      "reply --request " .. asked .. " --decision comply"}},
    {name = "does as the chief says", rule = "IV.A.1", actions = {
      "reply --request " .. asked .. " --decision comply",
      "reply --request " .. lawful .. " --decision comply"}},
  },
}
