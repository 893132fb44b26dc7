-- clinic-visit-search.lua - an out-of-state request to run, nationwide,
-- the car of someone seen at a reproductive-health clinic, and to push the
-- results into a vendor's portal.  Reporting on LPR use has described
-- exactly such searches.  Teaches IV.E (no LPR use solely to watch
-- protected activity or based on a protected trait), IV.A.1 (only for an
-- authorized purpose of your own case) and IV.C (no contribution to a
-- commercial LPR database).

local now     = sim.date("2026-07-08T09:00:00Z", -20, 20)
local case    = sim.code("HSI-2026-#####")
local target  = sim.plate("@@@####")
local visitor = sim.plate("###-@@@")
local ids     = sim.shuffle({"r1", "r2"})
local lawful  = ids[1]
local asked   = ids[2]
local boss    = sim.person()
local analyst = sim.person()
local clinic  = sim.place()
local from    = sim.days(now, -30):sub(1, 10)
local to      = now:sub(1, 10)

local inbox = {}
inbox[lawful == "r1" and 1 or 2] = {
  id = lawful, from = boss, subject = "Case " .. case .. ": the courier car",
  body = "Run the courier's car " .. target .. " for " .. case
    .. " over the last 30 days; we need where it stopped before the "
    .. "seizure.",
  lawful = true}
inbox[asked == "r1" and 1 or 2] = {
  id = asked, from = analyst .. " (out-of-state sheriff's analyst)",
  subject = "Quick nationwide run",
  body = "A car, " .. visitor .. ", was seen at the " .. clinic
    .. " reproductive-health clinic.  Can you run it nationwide for the "
    .. "last year and load what you find into our vendor's regional "
    .. "portal?  No case here yet, we are just looking.",
  lawful = false}

return {
  id = "clinic-visit-search",
  title = "A nationwide run on a clinic visit",
  summary = "Run your own case's plate; refuse to track a clinic visitor for another state.",
  tracks = {"refresher"},
  rules = {"IV.E", "IV.A.1", "IV.C"},
  now = now,
  world = {seed = 227, vehicles = 300, days = 40},
  cases = {
    {number = case, type = "criminal", violation = "21USC841",
     limitation_years = 5, opened = "2026-02-16",
     title = "Courier runs for a narcotics ring"},
  },
  reads = {
    {id = 900021, plate = target, state = "VA", at = sim.days(now, -9),
     camera = "LEA-101", confidence = 0.96, make = "Kia", model = "Sorento"},
    {id = 900022, plate = target, state = "VA", at = sim.days(now, -3),
     camera = "LEA-102", confidence = 0.95, make = "Kia", model = "Sorento"},
    {id = 900023, plate = visitor, state = "TX", at = sim.days(now, -14),
     camera = "TOLL-7", confidence = 0.94, make = "Mazda", model = "CX-5"},
  },
  briefing = "You work case " .. case .. ".  Two requests are waiting: read "
    .. "each, decide which one serves an authorized purpose of your own "
    .. "case, and answer both.",
  inbox = inbox,
  objectives = {
    {id = "query", text = "Run " .. target .. " for " .. case,
     weight = 30, rules = {"IV.A.1"},
     check = {did = "query", plate = target, case = case}},
    {id = "comply", text = "Answer the lawful request",
     weight = 20, rules = {"IV.A.1"},
     check = {replied = lawful, decision = "comply"}},
    {id = "decline", text = "Decline the clinic search, citing IV.E",
     weight = 50, rules = {"IV.E", "IV.C"},
     check = {replied = asked, decision = "decline", rule = "IV.E"}},
  },
  critical = {
    {text = "Ran the clinic visitor's car", rules = {"IV.E", "IV.A.1"},
     check = {did = "query", verdict = "any", plate = visitor}},
    {text = "Tried to send reads to another party's portal", rules = {"IV.C"},
     check = {did = "share", verdict = "any"}},
  },
  hints = {
    "Which request names a case of yours?  The other names none.",
    "A visit to a clinic is no lead: IV.E forbids LPR use solely to watch such activity.",
  },
  debrief = "The guidance: ICE will not \"access, collect, or use LPR data "
    .. "and technology ... solely for the purpose of monitoring activities "
    .. "protected by the U.S. Constitution\" (IV.E), and \"ICE will not "
    .. "contribute LPR data to commercially-available LPR databases\" "
    .. "(IV.C).  The courier " .. target .. " belongs to " .. case
    .. "; the clinic visitor " .. visitor .. " belongs to no case at all.",
  pass = 80,
  solution = {
    "query --plate " .. target .. " --from " .. from .. " --to " .. to
      .. " --case " .. case .. " --reason 'Case " .. case
      .. ": where the courier car stopped before the seizure'",
    "reply --request " .. lawful .. " --decision comply",
    "reply --request " .. asked .. " --decision decline --rule IV.E "
      .. "--rule IV.C --note 'no case; a clinic visit is not a lead'",
  },
  pitfalls = {
    {name = "runs the clinic visitor", rule = "IV.E", actions = {
      "query --plate " .. visitor .. " --from " .. from .. " --to " .. to
        .. " --case " .. case .. " --reason 'Case " .. case
        .. ": request from another state'",
      "reply --request " .. asked .. " --decision comply"}},
    {name = "loads the portal", rule = "IV.C", actions = {
      "query --plate " .. target .. " --from " .. from .. " --to " .. to
        .. " --case " .. case .. " --reason 'Case " .. case
        .. ": where the courier car stopped before the seizure'",
      "share --to 'regional vendor portal' --read 900021 --case " .. case,
      "reply --request " .. asked .. " --decision comply"}},
  },
}
