-- stuffed-hotlist.lua - the overdue yearly review of a hotlist that holds
-- a name and a date of birth, and a plate from a case closed months ago.
-- Hotlists elsewhere have been found stuffed with personal details and
-- stale plates.  Teaches IV.K.1, IV.K.2, IV.K.3 and IV.K.4.

local now     = sim.date("2026-10-05T09:00:00Z", -20, 20)
local case    = sim.code("HSI-2026-#####")
local closed  = sim.code("HSI-2024-#####")
local stuffed = sim.plate("@@@####")
local stale   = sim.plate("###-@@@")
local fine    = sim.plate("@@#-####")
local newp    = sim.plate("@@@####")
local trk     = sim.code("TRK-####")
local trk_new = sim.code("TRK-####")
local driver  = sim.person()
local boss    = sim.person()

return {
  id = "stuffed-hotlist",
  title = "The stuffed hotlist",
  summary = "Review the hotlist, strip personal data, drop stale plates.",
  tracks = {"initial", "refresher"},
  rules = {"IV.K.1", "IV.K.2", "IV.K.3", "IV.K.4"},
  now = now,
  world = {seed = 61, vehicles = 300, days = 30},
  cases = {
    {number = case, type = "criminal", violation = "18USC1591",
     limitation_years = 10, opened = "2026-01-20",
     title = "Trafficking network"},
    {number = closed, type = "criminal", violation = "18USC1343",
     limitation_years = 5, opened = "2024-03-01", status = "closed",
     closed = "2026-03-15", title = "Wire fraud (closed)"},
  },
  hotlists = {
    {name = "main", created = "2024-02-01", reviewed = "2025-08-01",
     entries = {
       {plate = stuffed, case = case, tracking = trk,
        note = "Driver " .. driver .. ", DOB 04/12/1988",
        added = "2026-02-01"},
       {plate = stale, case = closed, tracking = sim.code("TRK-####"),
        added = "2024-04-10"},
       {plate = fine, case = case, tracking = sim.code("TRK-####"),
        added = "2026-02-03"},
     }},
  },
  briefing = "You keep the hotlist of case " .. case .. ".  It was last "
    .. "reviewed on 2025-08-01.  A hotlist holds plates and agency "
    .. "tracking numbers only, each documented in the ledger.",
  inbox = {
    {id = "r1", from = boss, subject = "Hotlist",
     body = "The yearly hotlist review is overdue: review it and clean it "
       .. "up.  Then add " .. newp .. " for " .. case .. " (tracking "
       .. trk_new .. ") and put the driver's name and date of birth in the "
       .. "note so the field team knows who to look for.",
     -- a lawful purpose asking for more than the policy allows: comply
     -- within the limits (scenarios/README.md, "Scoring")
     lawful = true},
  },
  objectives = {
    {id = "review", text = "Review the hotlist (it is overdue)",
     weight = 20, rules = {"IV.K.4"},
     check = {did = "hotlist review"}},
    {id = "stale", text = "Remove " .. stale .. ": its case is closed",
     weight = 20, rules = {"IV.K.1", "IV.K.4"},
     check = {hotlist_lacks = stale}},
    {id = "strip", text = "Keep " .. stuffed .. " listed without the name "
       .. "and date of birth", weight = 25, rules = {"IV.K.2"},
     check = {hotlist_has = stuffed, note_empty = true, case = case}},
    {id = "add", text = "Add " .. newp .. " with its case and tracking "
       .. "number only", weight = 20, rules = {"IV.K.3", "IV.K.2"},
     check = {hotlist_has = newp, case = case, tracking = trk_new,
              note_empty = true}},
    {id = "answer", text = "Decline to put the name and date of birth on "
       .. "the hotlist", weight = 15, rules = {"IV.K.2"},
     check = {replied = "r1", rule = "IV.K.2"}},
  },
  critical = {
    {text = "Left the untouched plate " .. fine .. " off the hotlist",
     rules = {"IV.K.1"},
     check = {hotlist_lacks = fine}},
  },
  hints = {
    "hotlist review; hotlist remove --plate P --reason TEXT; hotlist add "
      .. "--plate P --case N --tracking T",
    "To strip a note, remove the entry and add it again without one.",
  },
  debrief = "A name and a date of birth turn a hotlist into a watch list of "
    .. "people; a plate of a closed case keeps alerting on someone no "
    .. "investigation needs.  The review is yearly at least.",
  pass = 80,
  solution = {
    "hotlist review",
    "hotlist remove --plate " .. stale .. " --reason 'case " .. closed
      .. " closed in March 2026, plate no longer needed'",
    "hotlist remove --plate " .. stuffed .. " --reason 'entry held a name "
      .. "and date of birth; re-added without them'",
    "hotlist add --plate " .. stuffed .. " --case " .. case .. " --tracking "
      .. trk,
    "hotlist add --plate " .. newp .. " --case " .. case .. " --tracking "
      .. trk_new,
    "reply --request r1 --decision comply --rule IV.K.2 --note 'added "
      .. newp .. " with the tracking number only'",
  },
  pitfalls = {
    {name = "puts the DOB in as asked", rule = "IV.K.2", actions = {
      "hotlist review",
      "hotlist remove --plate " .. stale .. " --reason 'case closed, "
        .. "plate no longer needed'",
      "hotlist add --plate " .. newp .. " --case " .. case .. " --tracking "
        .. trk_new .. " --note 'Driver " .. driver .. ", DOB 04/12/1988'",
      "reply --request r1 --decision comply"}},
    {name = "skips the review", rule = "IV.K.4", actions = {
      "hotlist add --plate " .. newp .. " --case " .. case .. " --tracking "
        .. trk_new,
      "reply --request r1 --decision comply --rule IV.K.2"}},
  },
}
