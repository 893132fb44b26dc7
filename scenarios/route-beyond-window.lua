-- route-beyond-window.lua - "map everywhere he has driven since he got
-- the car".  Route analysis reaches back as far as the data does unless
-- someone applies the case's limit; pattern-of-life maps beyond a case's
-- window have been criticised in LPR audits.  Teaches IV.L and IV.J.1.

local now    = sim.date("2026-05-20T09:00:00Z", -20, 20)
local years  = sim.pick({3, 4})
local asked  = years + 2
local case   = sim.code("HSI-2026-#####")
local target = sim.plate("@@@####")
local boss   = sim.person()
local tf     = sim.person()
local from   = sim.days(now, -90):sub(1, 10)
local to     = now:sub(1, 10)
local long   = sim.years(now, -asked):sub(1, 10)

return {
  id = "route-beyond-window",
  title = "The route map that goes back too far",
  summary = "Analyse the known plate inside the case's window, and only it.",
  tracks = {"initial"},
  rules = {"IV.L", "IV.J.1", "IV.A.1"},
  now = now,
  world = {seed = 171, vehicles = 300, days = 120},
  cases = {
    {number = case, type = "criminal", violation = "18USC1546",
     limitation_years = years, opened = "2026-02-10",
     title = "Visa fraud brokerage"},
  },
  reads = {
    {id = 900001, plate = target, state = "VA", at = sim.days(now, -40),
     camera = "LEA-101", confidence = 0.97, make = "Lexus", model = "ES"},
    {id = 900002, plate = target, state = "VA", at = sim.days(now, -12),
     camera = "LEA-205", confidence = 0.95, make = "Lexus", model = "ES"},
    {id = 900003, plate = target, state = "VA", at = sim.days(now, -3),
     camera = "TOLL-7", confidence = 0.96, make = "Lexus", model = "ES"},
  },
  briefing = "Case " .. case .. " (visa fraud, a " .. years .. "-year "
    .. "statute of limitations) has one known vehicle: the broker's Lexus, "
    .. "plate " .. target .. ".",
  inbox = {
    {id = "r1", from = tf, subject = "Full history",
     body = "Run the route analysis on " .. target .. " from " .. long
       .. " to today.  I want the whole pattern, every year since he "
       .. "bought the car.",
     lawful = false},
    {id = "r2", from = boss, subject = "Recent pattern",
     body = "Give me the broker's driving pattern for the last 90 days: "
       .. "which offices does the Lexus visit, and when?",
     lawful = true},
    {id = "r3", from = tf, subject = "Night visitors",
     body = "Also, run a pattern of every car that pulls up at his house "
       .. "at night.  We don't have plates, that's the point.",
     lawful = false},
  },
  objectives = {
    {id = "analyze", text = "Analyse the Lexus's pattern for the case",
     weight = 35, rules = {"IV.L", "IV.A.1"},
     check = {did = "analyze", plate = target, case = case}},
    {id = "window", text = "Decline the look-back past the statute",
     weight = 30, rules = {"IV.J.1"},
     check = {replied = "r1", decision = "decline", rule = "IV.J.1"}},
    {id = "unknown", text = "Decline to analyse cars whose plates are not "
       .. "known", weight = 20, rules = {"IV.L"},
     check = {replied = "r3", decision = "decline", rule = "IV.L"}},
    {id = "clean", text = "Run no analysis the engine refuses", weight = 15,
     rules = {"IV.J.1", "IV.L"},
     check = {never = "analyze", verdict = "deny"}},
  },
  critical = {
    {text = "Ran an area query to find unknown cars", rules = {"IV.L"},
     check = {did = "geoquery", verdict = "any"}},
  },
  hints = {
    "The statute of limitations of the case's violation limits any "
      .. "look-back, analysis included.",
    "analyze --plate P --from T --to T --case N --reason TEXT",
  },
  debrief = "The guidance allows analysis \"to determine the driving "
    .. "patterns and routes of travel of a suspect vehicle where a license "
    .. "plate number is known\" (IV.L), and \"For criminal investigations, "
    .. "ICE will limit queries to the time period established in any "
    .. "statute of limitations for the underlying criminal violation\" "
    .. "(IV.J.1): here " .. years .. " years, not the " .. asked
    .. " asked for.",
  pass = 80,
  solution = {
    "analyze --plate " .. target .. " --from " .. from .. " --to " .. to
      .. " --case " .. case .. " --reason 'Case " .. case .. ": offices "
      .. "the broker car visits, last 90 days'",
    "reply --request r2 --decision comply",
    "reply --request r1 --decision decline --rule IV.J.1 --note 'the "
      .. "statute limits the window to " .. years .. " years'",
    "reply --request r3 --decision decline --rule IV.L --note 'analysis "
      .. "needs a known plate'",
  },
  pitfalls = {
    {name = "the whole history", rule = "IV.J.1", actions = {
      "analyze --plate " .. target .. " --from " .. long .. " --to " .. to
        .. " --case " .. case .. " --reason 'Case " .. case .. ": full "
        .. "driving history of the broker car'",
      "reply --request r1 --decision comply",
      "reply --request r3 --decision decline --rule IV.L"}},
    {name = "night visitors by area", rule = "IV.L", actions = {
      "analyze --plate " .. target .. " --from " .. from .. " --to " .. to
        .. " --case " .. case .. " --reason 'Case " .. case .. ": offices "
        .. "the broker car visits'",
      "geoquery --lat 38.9 --lon -77.03 --radius 200 --from " .. from
        .. " --to " .. to .. " --case " .. case .. " --reason 'Case " .. case
        .. ": cars arriving at the broker house at night'",
      "reply --request r1 --decision decline --rule IV.J.1",
      "reply --request r3 --decision comply"}},
  },
}
