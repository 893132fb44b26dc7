-- yearly-review-second-case.lua - the yearly hotlist review is overdue;
-- two plates belong to a closed case, but one of them has since become
-- the lead of a new case; and patrol wants the owner's name on the entry.
-- Hotlist audits find both stale plates and entries stuffed with personal
-- details.  Teaches IV.K.4 (review at least yearly, remove what is no
-- longer needed), IV.K.3 (the ledger records the plate with its new case
-- and tracking number) and IV.K.2 (plates and tracking numbers only).

local now    = sim.date("2026-08-05T09:00:00Z", -15, 15)
local old_c  = sim.code("HSI-2024-#####")
local new_c  = sim.code("HSI-2026-#####")
local pa, pb = sim.plate("@@@####"), sim.plate("###-@@@")
local both   = sim.shuffle({pa, pb})
local gone   = both[1]
local again  = both[2]
local t_old1, t_old2 = sim.code("TRK-####"), sim.code("TRK-####")
local t_new  = sim.code("TRK-####")
local owner  = sim.person()
local boss   = sim.person()
local sgt    = sim.person()
local phone  = "555-01" .. sim.int(10, 99)

return {
  id = "yearly-review-second-case",
  title = "One plate, two cases",
  summary = "Run the overdue review, drop the stale plate, re-list the other under its new case, add no names.",
  tracks = {"refresher"},
  rules = {"IV.K.4", "IV.K.3", "IV.K.2"},
  now = now,
  world = {seed = 331, vehicles = 200, days = 20},
  cases = {
    {number = old_c, type = "criminal", violation = "18USC2312",
     limitation_years = 5, status = "closed", opened = "2024-04-08",
     closed = "2026-02-27", title = "Stolen car exports (closed)"},
    {number = new_c, type = "criminal", violation = "18USC1956",
     limitation_years = 5, opened = "2026-07-01",
     title = "Laundering through car exports"},
  },
  hotlists = {
    {name = "main", created = "2024-04-09", reviewed = "2025-06-20",
     entries = {
       {plate = pa, case = old_c, tracking = (pa == gone) and t_old1 or t_old2,
        added = "2024-04-09"},
       {plate = pb, case = old_c, tracking = (pb == gone) and t_old1 or t_old2,
        added = "2024-04-09"},
     }},
  },
  briefing = "You keep the hotlist.  It was last reviewed on 2025-06-20.  "
    .. "Case " .. old_c .. " closed on 2026-02-27; its two plates are still "
    .. "listed.  Two messages are waiting.",
  inbox = {
    {id = "r1", from = boss, subject = "Hotlist review",
     body = "The yearly review is overdue.  " .. again .. " is a lead in our "
       .. "new case " .. new_c .. " (tracking " .. t_new .. "); keep it "
       .. "listed for that case.  Anything else of " .. old_c .. " goes.",
     lawful = true},
    {id = "r2", from = sgt, subject = "owner details",
     body = "When you re-list " .. again .. ", put the owner's name ("
       .. owner .. ") and phone " .. phone .. " on the entry so patrol "
       .. "knows whom to call.",
     lawful = false},
  },
  objectives = {
    {id = "review", text = "Run the overdue hotlist review", weight = 20,
     rules = {"IV.K.4"}, check = {did = "hotlist review"}},
    {id = "remove", text = "Remove " .. gone .. " from the hotlist",
     weight = 25, rules = {"IV.K.4"}, check = {hotlist_lacks = gone}},
    {id = "relist", text = "List " .. again .. " under " .. new_c .. " with "
       .. t_new, weight = 25, rules = {"IV.K.3", "IV.K.4"},
     check = {hotlist_has = again, case = new_c, tracking = t_new}},
    {id = "decline", text = "Decline to put the owner's details on the hotlist",
     weight = 30, rules = {"IV.K.2"},
     check = {replied = "r2", decision = "decline", rule = "IV.K.2"}},
  },
  critical = {
    {text = "Tried to put personal details on the hotlist", rules = {"IV.K.2"},
     check = {did = "hotlist add", verdict = "any", has = {"note"}}},
  },
  hints = {
    "hotlist review lists what is stale and past its review.",
    "hotlist remove --plate P --reason TEXT; hotlist add --plate P --case N --tracking T.",
    "A hotlist holds plates and tracking numbers only: IV.K.2.",
  },
  debrief = "The guidance: \"Hotlists are subject to review and refresh on "
    .. "at least an annual basis to ensure that license plate numbers no "
    .. "longer needed are removed\" (IV.K.4); the lists \"will detail at a "
    .. "minimum the license plate numbers, associated investigative case "
    .. "numbers, and any ICE-created tracking numbers\" (IV.K.3); and "
    .. "\"Hotlists will not contain any other identifying information about "
    .. "person(s) who may be associated with the license plate numbers\" "
    .. "(IV.K.2).  " .. gone .. " left with " .. old_c .. "; " .. again
    .. " stays, for " .. new_c .. ".",
  pass = 80,
  solution = {
    "hotlist review",
    "hotlist remove --plate " .. gone .. " --reason 'case " .. old_c
      .. " closed'",
    "hotlist remove --plate " .. again .. " --reason 'case " .. old_c
      .. " closed; re-listed for " .. new_c .. "'",
    "hotlist add --plate " .. again .. " --state VA --case " .. new_c
      .. " --tracking " .. t_new,
    "reply --request r1 --decision comply",
    "reply --request r2 --decision decline --rule IV.K.2 --note 'plate and "
      .. "tracking number only'",
  },
  pitfalls = {
    {name = "keeps the stale plate", rule = "IV.K.4", actions = {
      "hotlist review",
      "hotlist remove --plate " .. again .. " --reason 'case " .. old_c
        .. " closed'",
      "hotlist add --plate " .. again .. " --state VA --case " .. new_c
        .. " --tracking " .. t_new,
      "reply --request r2 --decision decline --rule IV.K.2"}},
    {name = "names on the hotlist", rule = "IV.K.2", actions = {
      "hotlist review",
      "hotlist remove --plate " .. gone .. " --reason 'case " .. old_c
        .. " closed'",
      "hotlist remove --plate " .. again .. " --reason 'case " .. old_c
        .. " closed'",
      "hotlist add --plate " .. again .. " --state VA --case " .. new_c
        .. " --tracking " .. t_new .. " --note 'owner " .. owner .. " "
        .. phone .. "'",
      "reply --request r2 --decision comply"}},
  },
}
