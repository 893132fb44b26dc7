-- civil-window-late-case.lua - a civil immigration case opened years
-- after the reads it wants: "the five years count from when we opened the
-- file".  Reviews of civil look-backs find windows anchored on the wrong
-- date and requests for the cars "seen with" the respondent's.  Teaches
-- IV.J.2 (the previous five years, counted back from the query) and IV.I
-- (results limited to the queried plate within the queried window).

local now     = sim.date("2026-11-10T09:00:00Z", -20, 20)
local plate   = sim.state_plate("AZ")
local case    = sim.code("ERO-2023-####")
local opened  = sim.date("2023-02-06", -30, 30):sub(1, 10)
local start5  = sim.days(sim.years(now, -5), 1):sub(1, 10)
local back    = sim.years(opened, -5):sub(1, 10)
local limit   = sim.years(now, -5):sub(1, 10)
local boss    = sim.person()
local peer    = sim.person()

return {
  id = "civil-window-late-case",
  title = "Five years from which day?",
  summary = "Count a civil look-back from today, not from the file's opening; one plate only.",
  tracks = {"refresher"},
  rules = {"IV.J.2", "IV.I"},
  now = now,
  world = {seed = 271, vehicles = 300, days = 60},
  cases = {
    {number = case, type = "civil", opened = opened,
     title = "Removal proceedings: presence history"},
  },
  reads = {
    {id = 900051, plate = plate, state = "AZ", at = sim.days(now, -2100),
     camera = "LEA-101", confidence = 0.95, make = "Toyota", model = "Tacoma"},
    {id = 900052, plate = plate, state = "AZ", at = sim.days(now, -1500),
     camera = "LEA-205", confidence = 0.96, make = "Toyota", model = "Tacoma"},
    {id = 900053, plate = plate, state = "AZ", at = sim.days(now, -40),
     camera = "LEA-102", confidence = 0.97, make = "Toyota", model = "Tacoma"},
  },
  briefing = "Case " .. case .. " is a civil immigration matter opened on "
    .. opened .. ".  The respondent's vehicle is " .. plate .. " (AZ).",
  inbox = {
    {id = "r1", from = boss, subject = "Presence history",
     body = "Run " .. plate .. " for " .. case .. ".  The file was opened "
       .. "on " .. opened .. ", so the five years run from then: go back to "
       .. back .. ".",
     lawful = true},
    {id = "r2", from = peer, subject = "Who drove with him",
     body = "While you are in there, list every car the cameras read within "
       .. "a minute of " .. plate .. ": those are his associates.",
     lawful = false},
  },
  objectives = {
    {id = "query", text = "Run " .. plate .. " for " .. case .. " within "
       .. "the previous five years", weight = 40, rules = {"IV.J.2", "IV.I"},
     check = {did = "query", plate = plate, case = case,
              from_min = sim.years(now, -5)}},
    {id = "window", text = "Tell the requester the window runs from today",
     weight = 25, rules = {"IV.J.2"},
     check = {replied = "r1", decision = "comply", rule = "IV.J.2"}},
    {id = "decline", text = "Decline the list of cars read nearby",
     weight = 35, rules = {"IV.I"},
     check = {replied = "r2", decision = "decline", rule = "IV.I"}},
  },
  critical = {
    {text = "Queried beyond five years for a civil matter", rules = {"IV.J.2"},
     check = function(t)
       for _, a in ipairs(t.actions) do
         if a.action == "query" and type(a.opts.from) == "string"
            and a.opts.from:sub(1, 10) < limit then
           return true, "a query reached back to " .. a.opts.from
         end
       end
       return false
     end},
  },
  hints = {
    "For a civil matter the look-back is the previous five years: from the day you query.",
    "A query returns matches of its plate only; a list of cars read nearby is no plate query.",
  },
  debrief = "The guidance: \"For civil immigration matters, ICE will limit "
    .. "queries to the previous five years\" (IV.J.2), and \"LPR data "
    .. "returned in response will be limited to matches of that license "
    .. "plate number only within the time period specified in the query\" "
    .. "(IV.I).  Five years back from " .. now:sub(1, 10) .. " is "
    .. start5 .. ", not " .. back .. ": the day the file was opened moves "
    .. "nothing.",
  pass = 80,
  solution = {
    "query --plate " .. plate .. " --from " .. start5 .. " --to "
      .. now:sub(1, 10) .. " --case " .. case .. " --reason 'Case " .. case
      .. ": presence history of the respondent vehicle'",
    "reply --request r1 --decision comply --rule IV.J.2 --note 'five years "
      .. "back from today, from " .. start5 .. "'",
    "reply --request r2 --decision decline --rule IV.I --note 'one plate, "
      .. "its own matches only'",
  },
  pitfalls = {
    {name = "counts from the opening", rule = "IV.J.2", actions = {
      "query --plate " .. plate .. " --from " .. back .. " --to "
        .. now:sub(1, 10) .. " --case " .. case .. " --reason 'Case " .. case
        .. ": presence history of the respondent vehicle'",
      "reply --request r1 --decision comply",
      "reply --request r2 --decision decline --rule IV.I"}},
    {name = "hands over the associates", rule = "IV.I", actions = {
      "query --plate " .. plate .. " --from " .. start5 .. " --to "
        .. now:sub(1, 10) .. " --case " .. case .. " --reason 'Case " .. case
        .. ": presence history of the respondent vehicle'",
      "reply --request r1 --decision comply --rule IV.J.2",
      "reply --request r2 --decision comply"}},
  },
}
