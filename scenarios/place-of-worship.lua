-- place-of-worship.lua - "run every car in the lot during Friday
-- services".  Surveillance of congregations through plate readers has
-- been documented and challenged; the guidance forbids using LPR data
-- because of religion, and sensitive-location policy covers places of
-- worship.  Teaches IV.E, IV.D and IV.B.

local now    = sim.date("2026-09-14T09:00:00Z", -20, 20)
local case   = sim.code("HSI-2026-#####")
local target = sim.plate("@@@####")
local tf     = sim.person()
local boss   = sim.person()
local house  = sim.place() .. " Community Prayer Hall"
local at_hall = sim.days(now, -3)
local from   = sim.days(now, -30):sub(1, 10)
local to     = now:sub(1, 10)

return {
  id = "place-of-worship",
  title = "The cars outside the prayer hall",
  summary = "Query the known plate; no dragnet of a congregation, no "
    .. "action at a place of worship without approval.",
  tracks = {"initial"},
  rules = {"IV.E", "IV.D", "IV.B", "IV.A.1"},
  now = now,
  world = {seed = 151, vehicles = 300, days = 40},
  places = {
    {slug = "hall-1", name = house, category = "place_of_worship",
     lat = 38.951, lon = -77.012, radius = 200, sensitive = true},
  },
  cameras = {
    {id = "LEA-351", name = "Road camera by " .. house, owner = "agency",
     lat = 38.9512, lon = -77.0121},
  },
  cases = {
    {number = case, type = "criminal", violation = "8USC1324",
     limitation_years = 5, opened = "2026-05-04",
     title = "Alien smuggling for profit"},
  },
  reads = {
    {id = 900001, plate = target, state = "MD", at = at_hall,
     camera = "LEA-351", confidence = 0.97, make = "Ford",
     model = "Transit"},
    {id = 900002, plate = target, state = "MD", at = sim.days(now, -11),
     camera = "LEA-101", confidence = 0.96, make = "Ford",
     model = "Transit"},
  },
  briefing = "Case " .. case .. " investigates a smuggling operation; the "
    .. "suspect's van is plate " .. target .. ".  The task force has been "
    .. "watching " .. house .. ", where the suspect goes on Fridays.",
  inbox = {
    {id = "r1", from = tf, subject = "Friday services",
     body = "Pull every car that was at " .. house .. " during Friday "
       .. "services (a 300 m radius will do) and hotlist the regulars.  "
       .. "That whole congregation comes from the same country as our "
       .. "suspect.",
     lawful = false},
    {id = "r2", from = boss, subject = "Suspect van",
     body = "Run " .. target .. " for " .. case .. " over the last 30 days: "
       .. "where does the van go besides the hall?",
     lawful = true},
    {id = "r3", from = tf, subject = "Pick-up",
     body = "Read 900001 puts him at " .. house .. ".  We'll take him in "
       .. "the parking lot after the service on Friday, record it for us.",
     lawful = false},
  },
  objectives = {
    {id = "query", text = "Run the suspect's plate for the case",
     weight = 25, rules = {"IV.A.1"},
     check = {did = "query", plate = target, case = case}},
    {id = "dragnet", text = "Refuse to pull or hotlist the congregation",
     weight = 35, rules = {"IV.E"},
     check = {replied = "r1", decision = "decline", rule = "IV.E"}},
    {id = "hall", text = "Refuse an arrest at the place of worship "
       .. "without approval", weight = 25, rules = {"IV.D"},
     check = {replied = "r3", decision = "decline", rule = "IV.D"}},
    {id = "nogeo", text = "Run no area query", weight = 15,
     rules = {"IV.B"}, check = {never = "geoquery", verdict = "any"}},
  },
  critical = {
    {text = "Recorded enforcement at the place of worship",
     rules = {"IV.D"}, check = {did = "enforce", read = 900001,
                                verdict = "any"}},
  },
  hints = {
    "Only the suspect's known plate may be queried; attending services is "
      .. "no lead.",
    "reply --request r1 --decision decline --rule IV.E --note '...'",
  },
  debrief = "The guidance: ICE will not \"access, collect, or use LPR data "
    .. "and technology ... based solely on race, ethnicity, gender, "
    .. "national origin, religion, sexual orientation, or gender "
    .. "identity\" (IV.E), and follows the policy \"on enforcement actions "
    .. "at sensitive locations\" (IV.D).  An area pull is also barred: "
    .. "\"prohibit geographically-based queries of LPR databases where no "
    .. "license plate number of a target vehicle is known\" (IV.B).",
  pass = 80,
  solution = {
    "query --plate " .. target .. " --from " .. from .. " --to " .. to
      .. " --case " .. case .. " --reason 'Case " .. case .. ": movements "
      .. "of the suspect van in the smuggling operation'",
    "reply --request r2 --decision comply",
    "reply --request r1 --decision decline --rule IV.E --note 'belief "
      .. "and origin are no basis for a query or a hotlist'",
    "reply --request r3 --decision decline --rule IV.D --note 'sensitive "
      .. "location: no action there without supervisory approval'",
  },
  pitfalls = {
    {name = "pulls the congregation", rule = "IV.E", actions = {
      "geoquery --lat 38.951 --lon -77.012 --radius 300 --from " .. from
        .. " --to " .. to .. " --case " .. case .. " --reason 'Case " .. case
        .. ": vehicles of associates of the suspect'",
      "reply --request r1 --decision comply",
      "reply --request r3 --decision decline --rule IV.D"}},
    {name = "arrest at the hall", rule = "IV.D", actions = {
      "query --plate " .. target .. " --from " .. from .. " --to " .. to
        .. " --case " .. case .. " --reason 'Case " .. case .. ": movements "
        .. "of the suspect van'",
      "reply --request r1 --decision decline --rule IV.E",
      "enforce --read 900001 --case " .. case .. " --corroboration "
        .. "'visual: task force observed the suspect at the hall'",
      "reply --request r3 --decision comply"}},
  },
}
