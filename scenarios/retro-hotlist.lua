-- retro-hotlist.lua - "put last year's plates on the hotlist and see what
-- the old reads turn up": a hotlist used after the fact to mine reads of
-- cars that belong to no current investigation.  Oversight reports on LPR
-- programmes describe hotlists loaded from closed files to sweep history.
-- Teaches IV.K.1 (only plates of current investigations), IV.K.3 (every
-- addition documented with its case and tracking number) and IV.I
-- (queries start from a plate of the case, not a sweep).

local now    = sim.date("2026-10-05T09:00:00Z", -20, 20)
local live   = sim.code("HSI-2026-#####")
local dead   = sim.code("HSI-2024-#####")
local newp   = sim.plate("@@@####")
local trk    = sim.code("TRK-####")
local old    = {sim.plate("###-@@@"), sim.plate("@@#-####"), sim.plate("@@@-###")}
local ids    = sim.shuffle({"r1", "r2"})
local lawful = ids[1]
local asked  = ids[2]
local boss   = sim.person()
local peer   = sim.person()

local inbox = {}
inbox[lawful == "r1" and 1 or 2] = {
  id = lawful, from = boss, subject = "Hotlist the new van",
  body = "Put the van " .. newp .. " (VA) on the hotlist for " .. live
    .. " with tracking number " .. trk .. ".",
  lawful = true}
inbox[asked == "r1" and 1 or 2] = {
  id = asked, from = peer, subject = "Old plates, new tricks",
  body = "Case " .. dead .. " closed last year, but put its three plates ("
    .. table.concat(old, ", ") .. ") on the hotlist anyway and we will see "
    .. "where the old reads place them and who they met.  Use any open "
    .. "case number.",
  lawful = false}

return {
  id = "retro-hotlist",
  title = "Last year's plates on this year's hotlist",
  summary = "Hotlist the plate of a current case, documented; refuse to mine a closed file.",
  tracks = {"refresher"},
  rules = {"IV.K.1", "IV.K.3", "IV.I"},
  now = now,
  world = {seed = 241, vehicles = 200, days = 30},
  cases = {
    {number = live, type = "criminal", violation = "18USC1956",
     limitation_years = 5, opened = "2026-06-01",
     title = "Cash couriers for a laundering ring"},
    {number = dead, type = "criminal", violation = "18USC1956",
     limitation_years = 5, status = "closed", opened = "2024-03-11",
     closed = "2025-08-29", title = "Closed laundering case"},
  },
  briefing = "You keep the hotlist of the unit.  Two requests are waiting; "
    .. "every plate added goes to the ledger with its case and tracking "
    .. "number.",
  inbox = inbox,
  objectives = {
    {id = "add", text = "Hotlist " .. newp .. " for " .. live .. " with "
       .. trk, weight = 40, rules = {"IV.K.1", "IV.K.3"},
     check = {hotlist_has = newp, case = live, tracking = trk}},
    {id = "decline", text = "Decline to hotlist the closed case's plates",
     weight = 40, rules = {"IV.K.1", "IV.I"},
     check = {replied = asked, decision = "decline", rule = "IV.K.1"}},
    {id = "ledger", text = "Check the ledger documents the addition",
     weight = 20, rules = {"IV.K.3"},
     check = {did = "hotlist ledger"}},
  },
  critical = {
    {text = "Put a plate of a closed case on the hotlist", rules = {"IV.K.1"},
     check = {any = {{did = "hotlist add", verdict = "any", plate = old[1]},
                     {did = "hotlist add", verdict = "any", plate = old[2]},
                     {did = "hotlist add", verdict = "any", plate = old[3]}}}},
  },
  hints = {
    "hotlist add --plate P --state S --case N --tracking T.",
    "A closed case is no current investigation; another case number does not make it one.",
    "hotlist ledger shows what was added, with case and tracking number.",
  },
  debrief = "The guidance: \"All license plate numbers added to hotlists "
    .. "must be derived from and associated with current ICE law "
    .. "enforcement investigations\" (IV.K.1), and \"Lists will detail at a "
    .. "minimum the license plate numbers, associated investigative case "
    .. "numbers, and any ICE-created tracking numbers\" (IV.K.3).  Case "
    .. dead .. " is closed; its plates are no lead for " .. live .. ".",
  pass = 80,
  solution = {
    "hotlist add --plate " .. newp .. " --state VA --case " .. live
      .. " --tracking " .. trk,
    "hotlist ledger",
    "reply --request " .. lawful .. " --decision comply",
    "reply --request " .. asked .. " --decision decline --rule IV.K.1 "
      .. "--rule IV.I --note 'closed case: no current investigation'",
  },
  pitfalls = {
    {name = "mines the closed file", rule = "IV.K.1", actions = {
      "hotlist add --plate " .. newp .. " --state VA --case " .. live
        .. " --tracking " .. trk,
      "hotlist add --plate " .. old[1] .. " --state VA --case " .. live,
      "hotlist add --plate " .. old[2] .. " --state VA --case " .. live,
      "reply --request " .. asked .. " --decision comply"}},
    {name = "no tracking number", rule = "IV.K.3", actions = {
      "hotlist add --plate " .. newp .. " --state VA --case " .. live,
      "reply --request " .. lawful .. " --decision comply",
      "reply --request " .. asked .. " --decision decline --rule IV.K.1"}},
  },
}
