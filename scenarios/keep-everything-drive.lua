-- keep-everything-drive.lua - "copy every read off the camera to the
-- shared drive: our own little LPR database, searchable by area, open to
-- the detailees too".  Privacy reviews keep finding such home-made stores
-- of raw reads.  Teaches IV.C (build no LPR database), IV.G (keep only what
-- relates to the investigation, in its case file), IV.F (upload what
-- pertains, then wipe), IV.B (no searching by area) and IV.H (access only
-- for the trained).

local now    = sim.date("2026-10-20T10:00:00Z", -20, 20)
local case   = sim.code("HSI-2026-#####")
local target = sim.plate("@@@####")
local by1    = sim.plate("###-@@@")
local by2    = sim.plate("@@#-####")
local trk    = sim.code("TRK-####")
local boss   = sim.person()
local peer   = sim.person()
local dock   = sim.place()
local ids    = sim.shuffle({"r1", "r2"})
local lawful = ids[1]
local asked  = ids[2]

local inbox = {}
inbox[lawful == "r1" and 1 or 2] = {
  id = lawful, from = boss, subject = "Close out LEA-371",
  body = "The surveillance at " .. dock .. " is done.  The target's two "
    .. "reads (900091, 900092) go to the case file of " .. case
    .. "; then clear the camera.",
  lawful = true}
inbox[asked == "r1" and 1 or 2] = {
  id = asked, from = peer, subject = "Don't throw it away",
  body = "Before the wipe, copy every read on LEA-371 to the shared drive."
    .. "  Over a year that is our own little LPR database: we can search "
    .. "it by area when a case comes up, and the detailees who never did "
    .. "the training can look without a login.",
  lawful = false}

return {
  id = "keep-everything-drive",
  title = "Our own little database",
  summary = "Upload the target's reads, wipe the device, and build no store of raw reads.",
  tracks = {"refresher"},
  rules = {"IV.C", "IV.G", "IV.F", "IV.B", "IV.H"},
  now = now,
  world = {seed = 311, vehicles = 200, days = 20},
  cameras = {
    {id = "LEA-371", name = "Surveillance camera, " .. dock, owner = "agency",
     source = "agency", type = "fixed", lat = 38.921, lon = -77.051},
  },
  cases = {
    {number = case, type = "criminal", violation = "18USC545",
     limitation_years = 5, opened = "2026-06-08",
     title = "Smuggled goods through a loading dock"},
  },
  hotlists = {
    {name = "main", created = "2026-06-09", reviewed = "2026-06-09",
     entries = {{plate = target, case = case, tracking = trk,
                 added = "2026-06-09"}}},
  },
  reads = {
    {id = 900091, plate = target, state = "VA", at = sim.days(now, -8),
     camera = "LEA-371", confidence = 0.97, make = "Isuzu", model = "NPR"},
    {id = 900092, plate = target, state = "VA", at = sim.days(now, -3),
     camera = "LEA-371", confidence = 0.96, make = "Isuzu", model = "NPR"},
    {id = 900093, plate = by1, state = "VA", at = sim.days(now, -6),
     camera = "LEA-371", confidence = 0.95, make = "Kia", model = "Soul"},
    {id = 900094, plate = by2, state = "MD", at = sim.days(now, -2),
     camera = "LEA-371", confidence = 0.94, make = "Ford", model = "Focus"},
  },
  briefing = "Case " .. case .. " put camera LEA-371 on the loading dock at "
    .. dock .. ".  The target truck " .. target .. " is on the hotlist "
    .. "(tracking " .. trk .. ").  Two messages are waiting.",
  inbox = inbox,
  objectives = {
    {id = "upload", text = "Upload the target's reads to " .. case,
     weight = 25, rules = {"IV.F", "IV.G"},
     check = {all = {{did = "upload", case = case, opts = {read = "900091"}},
                     {did = "upload", case = case, opts = {read = "900092"}}}}},
    {id = "wipe", text = "Wipe the raw data from LEA-371", weight = 25,
     rules = {"IV.F"}, check = {did = "device wipe", opts = {camera = "LEA-371"}}},
    {id = "decline", text = "Decline the shared-drive database, citing IV.C",
     weight = 50, rules = {"IV.C", "IV.G", "IV.B", "IV.H"},
     check = {replied = asked, decision = "decline", rule = "IV.C"}},
  },
  critical = {
    {text = "Kept a bystander's read", rules = {"IV.G"},
     check = {any = {{did = "upload", verdict = "any", opts = {read = "900093"}},
                     {did = "upload", verdict = "any", opts = {read = "900094"}},
                     {did = "evidence hold", verdict = "any", opts = {read = "900093"}},
                     {did = "evidence hold", verdict = "any", opts = {read = "900094"}}}}},
    {text = "Sent reads to someone else's store", rules = {"IV.C"},
     check = {did = "share", verdict = "any"}},
  },
  hints = {
    "upload --read ID --read ID --case N, then device wipe --camera LEA-371.",
    "A drive of every read, searchable by area, is an LPR database: IV.C, IV.B.",
  },
  debrief = "The guidance: \"ICE will neither build nor host any "
    .. "government-run or commercially-available LPR databases that store "
    .. "exclusively LPR data\" (IV.C); data relevant to the investigation "
    .. "\"will be retained in the case file ... and not in an aggregated "
    .. "database\" (IV.G); and \"Before accessing commercial or other LEA "
    .. "LPR databases, ICE personnel will first be trained\" (IV.H).  The "
    .. "truck's reads went to " .. case .. "; " .. by1 .. " and " .. by2
    .. " left with the wipe.",
  pass = 80,
  solution = {
    "upload --read 900091 --read 900092 --case " .. case,
    "device wipe --camera LEA-371",
    "reply --request " .. lawful .. " --decision comply",
    "reply --request " .. asked .. " --decision decline --rule IV.C "
      .. "--rule IV.G --note 'no store of raw reads, no untrained access'",
  },
  pitfalls = {
    {name = "keeps it all", rule = "IV.G", actions = {
      "upload --read 900091 --read 900092 --read 900093 --read 900094 "
        .. "--case " .. case,
      "reply --request " .. asked .. " --decision comply"}},
    {name = "never wipes", rule = "IV.F", actions = {
      "upload --read 900091 --read 900092 --case " .. case,
      "reply --request " .. lawful .. " --decision comply",
      "reply --request " .. asked .. " --decision decline --rule IV.C"}},
  },
}
