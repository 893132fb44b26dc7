-- stale-hotlist.lua - a hit on a plate whose case closed months ago; the
-- hotlist has not been reviewed for more than a year.  Stops made on
-- stale hotlist entries (a recovered car, a closed case) are a documented
-- cause of wrongful stops.  Teaches IV.K.1, IV.K.4, IV.K.3 and IV.K.2.

local now    = sim.date("2026-08-24T22:00:00Z", -20, 20)
local live_c = sim.code("HSI-2026-#####")
local dead_c = sim.code("HSI-2024-#####")
local a, b   = sim.plate("@@@####"), sim.plate("###-@@@")
local stale  = sim.pick({a, b})
local live   = stale == a and b or a
local newp   = sim.plate("@@#-####")
local trk    = sim.code("TRK-####")
local patrol = sim.person()
local boss   = sim.person()

return {
  id = "stale-hotlist",
  title = "The hit on a closed case",
  summary = "Do not act on a stale hotlist entry; review the list and "
    .. "remove what no case needs.",
  tracks = {"initial"},
  rules = {"IV.K.1", "IV.K.4", "IV.K.3", "IV.K.2", "IV.A.1"},
  now = now,
  world = {seed = 231, vehicles = 300, days = 30},
  cases = {
    {number = live_c, type = "criminal", violation = "18USC922",
     limitation_years = 5, opened = "2026-02-09",
     title = "Straw purchases of firearms"},
    {number = dead_c, type = "criminal", violation = "18USC2313",
     limitation_years = 5, opened = "2024-05-02", status = "closed",
     closed = "2026-01-20", title = "Stolen vehicle resale (closed)"},
  },
  hotlists = {
    {name = "main", created = "2024-05-03", reviewed = "2025-06-30",
     entries = {
       {plate = stale, case = dead_c, tracking = sim.code("TRK-####"),
        added = "2024-05-03"},
       {plate = live, case = live_c, tracking = sim.code("TRK-####"),
        added = "2026-02-10"},
     }},
  },
  reads = {
    {id = 900001, plate = stale, state = "VA", at = sim.hours(now, -1),
     camera = "LEA-102", confidence = 0.97, make = "Toyota",
     model = "Tacoma"},
  },
  briefing = "You keep the hotlist of the unit.  It was last reviewed on "
    .. "2025-06-30.  Case " .. dead_c .. " was closed on 2026-01-20; case "
    .. live_c .. " is open.",
  inbox = {
    {id = "r1", from = patrol, subject = "HIT " .. stale,
     body = "Hotlist hit on " .. stale .. " at LEA-102 an hour ago (read "
       .. "900001).  We're behind a Tacoma now, lights on?",
     lawful = false},
    {id = "r2", from = boss, subject = "New plate",
     body = "Add " .. newp .. " to the hotlist for " .. live_c
       .. ", tracking " .. trk .. ", and put the straw buyer's cell number "
       .. "in the entry so patrol can call him.  And get the overdue "
       .. "review done.",
     lawful = false},
  },
  objectives = {
    {id = "hold", text = "Call patrol off: the entry's case is closed",
     weight = 20, rules = {"IV.K.1"},
     check = {replied = "r1", decision = "decline", rule = "IV.K.1"}},
    {id = "review", text = "Run the overdue hotlist review", weight = 15,
     rules = {"IV.K.4"}, check = {did = "hotlist review"}},
    {id = "remove", text = "Remove " .. stale .. " from the hotlist",
     weight = 20, rules = {"IV.K.4", "IV.K.1"},
     check = {hotlist_lacks = stale}},
    {id = "add", text = "Add " .. newp .. " with its case and tracking "
       .. "number only", weight = 15, rules = {"IV.K.3", "IV.A.1"},
     check = {hotlist_has = newp, case = live_c, tracking = trk,
              note_empty = true}},
    {id = "phone", text = "Tell the supervisor a phone number has no place "
       .. "on a hotlist", weight = 25, rules = {"IV.K.2"},
     check = {replied = "r2", rule = "IV.K.2"}},
    {id = "keep", text = "Keep the live plate " .. live .. " listed",
     weight = 5, rules = {"IV.K.1"}, check = {hotlist_has = live}},
  },
  critical = {
    {text = "Recorded enforcement on the stale hit", rules = {"IV.K.1"},
     check = {did = "enforce", read = 900001, verdict = "any"}},
  },
  hints = {
    "hotlist review shows which entries belong to closed cases.",
    "hotlist remove --plate P --reason TEXT; hotlist add --plate P --case "
      .. "N --tracking T",
  },
  debrief = "The guidance: \"All license plate numbers added to hotlists "
    .. "must be derived from and associated with current ICE law "
    .. "enforcement investigations\" (IV.K.1); \"Hotlists are subject to "
    .. "review and refresh on at least an annual basis\" and \"ICE "
    .. "personnel should make an effort to expeditiously remove license "
    .. "plate numbers that are no longer needed\" (IV.K.4).  " .. stale
    .. " stopped being needed when " .. dead_c .. " closed.  And \"Hotlists "
    .. "will contain only license plate numbers and any associated "
    .. "ICE-created tracking numbers\" (IV.K.2): no phone numbers.",
  pass = 80,
  solution = {
    "reply --request r1 --decision decline --rule IV.K.1 --note 'entry "
      .. "of a closed case: no stop'",
    "hotlist review",
    "hotlist remove --plate " .. stale .. " --reason 'case " .. dead_c
      .. " closed on 2026-01-20'",
    "hotlist add --plate " .. newp .. " --case " .. live_c .. " --tracking "
      .. trk,
    "reply --request r2 --decision decline --rule IV.K.2 --note 'added "
      .. "with the tracking number only: no phone numbers on a hotlist'",
  },
  pitfalls = {
    {name = "lights on", rule = "IV.K.1", actions = {
      "enforce --read 900001 --case " .. dead_c .. " --corroboration "
        .. "'visual: patrol observed the Tacoma'",
      "reply --request r1 --decision comply",
      "hotlist add --plate " .. newp .. " --case " .. live_c
        .. " --tracking " .. trk}},
    {name = "the phone number request", rule = "IV.K.2", actions = {
      "reply --request r1 --decision decline --rule IV.K.1",
      "hotlist review",
      "hotlist remove --plate " .. stale .. " --reason 'case " .. dead_c
        .. " closed on 2026-01-20'",
      "hotlist add --plate " .. newp .. " --case " .. live_c
        .. " --tracking " .. trk,
      "reply --request r2 --decision comply"}},
    {name = "no review", rule = "IV.K.4", actions = {
      "reply --request r1 --decision decline --rule IV.K.1",
      "hotlist add --plate " .. newp .. " --case " .. live_c
        .. " --tracking " .. trk,
      "reply --request r2 --decision comply"}},
  },
}
