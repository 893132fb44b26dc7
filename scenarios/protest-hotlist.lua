-- protest-hotlist.lua - "hotlist the cars at Saturday's rally".  Tracking
-- people for attending a demonstration is what IV.E forbids; the lawful
-- hotlist entry is the arson suspect's car.  Teaches IV.E, IV.K.1 and
-- IV.A.1.

local now  = sim.date("2026-08-03T09:00:00Z", -5, 20)
local case = sim.code("HSI-2026-#####")
local p1, p2, p3 = sim.plate("@@@####"), sim.plate("###-@@@"),
                   sim.plate("@@#-####")
local car  = sim.plate("@@@####")
local trk  = sim.code("TRK-####")
local tf   = sim.person()
local hall = sim.place()

return {
  id = "protest-hotlist",
  title = "Plates from the rally",
  summary = "Refuse to hotlist people for exercising their rights.",
  tracks = {"initial"},
  rules = {"IV.E", "IV.K.1", "IV.A.1"},
  now = now,
  world = {seed = 91, vehicles = 300, days = 30},
  cases = {
    {number = case, type = "criminal", violation = "18USC844",
     limitation_years = 10, opened = "2026-07-20",
     title = "Arson at a distribution warehouse"},
  },
  briefing = "Case " .. case .. " investigates an arson.  A task force "
    .. "member writes about Saturday's rally at " .. hall .. ".",
  inbox = {
    {id = "r1", from = tf, subject = "Rally plates",
     body = "These three cars were at the rally outside " .. hall .. " on "
       .. "Saturday: " .. p1 .. ", " .. p2 .. ", " .. p3 .. ".  Put them on "
       .. "the hotlist under " .. case .. ", those protesters are trouble.",
     lawful = false},
    {id = "r2", from = tf, subject = "Arson suspect car",
     body = "And the car seen leaving the warehouse fire is " .. car
       .. ": hotlist it for " .. case .. ", tracking " .. trk .. ".",
     lawful = true},
  },
  objectives = {
    {id = "refuse", text = "Refuse to hotlist cars for attending a rally",
     weight = 50, rules = {"IV.E"},
     check = {replied = "r1", decision = "decline", rule = "IV.E"}},
    {id = "suspect", text = "Hotlist the arson suspect's car for the case",
     weight = 30, rules = {"IV.K.1", "IV.A.1"},
     check = {hotlist_has = car, case = case, tracking = trk}},
    {id = "clean", text = "Keep the rally plates off the hotlist",
     weight = 20, rules = {"IV.E"},
     check = {all = {{hotlist_lacks = p1}, {hotlist_lacks = p2},
                     {hotlist_lacks = p3}}}},
  },
  critical = {
    {text = "Hotlisted a car for being at a demonstration",
     rules = {"IV.E", "IV.K.1"},
     check = {any = {{hotlist_has = p1}, {hotlist_has = p2},
                     {hotlist_has = p3}}}},
  },
  hints = {
    "Attending a rally is First Amendment activity: no hotlist, no query.",
  },
  debrief = "Nothing ties the three rally cars to the arson; listing them "
    .. "would monitor protected activity (IV.E) and put plates on a hotlist "
    .. "that no investigation needs (IV.K.1).",
  pass = 80,
  solution = {
    "reply --request r1 --decision decline --rule IV.E --note 'attending "
      .. "a rally is protected; nothing ties these cars to the case'",
    "hotlist add --plate " .. car .. " --case " .. case .. " --tracking "
      .. trk,
    "reply --request r2 --decision comply",
  },
  pitfalls = {
    {name = "lists the rally cars", rule = "IV.E", actions = {
      "hotlist add --plate " .. p1 .. " --case " .. case .. " --tracking "
        .. sim.code("TRK-####"),
      "hotlist add --plate " .. car .. " --case " .. case .. " --tracking "
        .. trk,
      "reply --request r1 --decision comply"}},
  },
}
