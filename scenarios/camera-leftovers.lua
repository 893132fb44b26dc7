-- camera-leftovers.lua - a stake-out camera of the agency still holds
-- weeks of raw reads after the case got what it needed.  Audits of LPR
-- programmes keep finding raw reads left on devices long after a case is
-- done.  Teaches IV.F (upload what pertains, then wipe the device) and
-- IV.G (only what relates to the case goes to its case file).

local now    = sim.date("2026-06-22T10:00:00Z", -15, 15)
local case   = sim.code("HSI-2026-#####")
local a, b   = sim.plate("@@@####"), sim.plate("###-@@@")
local target = sim.pick({a, b})
local other  = target == a and b or a
local by1    = sim.plate("@@#-####")
local trk    = sim.code("TRK-####")
local boss   = sim.person()
local tech   = sim.person()
local lot    = sim.place()

return {
  id = "camera-leftovers",
  title = "What stays on the stake-out camera",
  summary = "Upload the target's reads to the case file, then wipe the device.",
  tracks = {"initial"},
  rules = {"IV.F", "IV.G", "IV.A.1"},
  now = now,
  world = {seed = 131, vehicles = 200, days = 20},
  cameras = {
    {id = "LEA-330", name = "Stake-out camera, " .. lot, owner = "agency",
     source = "agency", type = "fixed", lat = 38.905, lon = -77.035},
  },
  cases = {
    {number = case, type = "criminal", violation = "18USC2314",
     limitation_years = 5, opened = "2026-03-02",
     title = "Stolen goods moved through a storage lot"},
  },
  hotlists = {
    {name = "main", created = "2026-03-03", reviewed = "2026-03-03",
     entries = {{plate = target, case = case, tracking = trk,
                 added = "2026-03-03"}}},
  },
  reads = {
    {id = 900001, plate = target, state = "VA", at = sim.days(now, -9),
     camera = "LEA-330", confidence = 0.97, make = "Chevrolet",
     model = "Express"},
    {id = 900002, plate = target, state = "VA", at = sim.days(now, -4),
     camera = "LEA-330", confidence = 0.95, make = "Chevrolet",
     model = "Express"},
    {id = 900003, plate = other, state = "VA", at = sim.days(now, -6),
     camera = "LEA-330", confidence = 0.96, make = "Toyota",
     model = "Camry"},
    {id = 900004, plate = by1, state = "MD", at = sim.days(now, -3),
     camera = "LEA-330", confidence = 0.93, make = "Nissan",
     model = "Rogue"},
  },
  briefing = "Case " .. case .. " put camera LEA-330 on the storage lot at "
    .. lot .. ".  The target van, plate " .. target .. ", is on the hotlist "
    .. "(tracking " .. trk .. ").  The stake-out ended yesterday; the camera "
    .. "still holds every read it took.",
  inbox = {
    {id = "r1", from = boss, subject = "Wrap up LEA-330",
     body = "The stake-out on " .. lot .. " is over.  Put the target van's "
       .. "reads (900001, 900002) into the case file of " .. case .. " and "
       .. "clean up the camera.",
     lawful = true},
    {id = "r2", from = tech, subject = "LEA-330 export",
     body = "Before anyone wipes LEA-330, upload everything on it to " .. case
       .. " too: the Camry (900003) and the Nissan (900004) might turn out "
       .. "useful one day.  Keep it all, just in case.",
     lawful = false},
  },
  objectives = {
    {id = "upload", text = "Upload the target's reads to the case file of "
       .. case, weight = 35, rules = {"IV.G", "IV.F", "IV.A.1"},
     check = {all = {{did = "upload", case = case, opts = {read = "900001"}},
                     {did = "upload", case = case, opts = {read = "900002"}}}}},
    {id = "wipe", text = "Wipe the raw data from LEA-330's device",
     weight = 35, rules = {"IV.F"},
     check = {did = "device wipe", opts = {camera = "LEA-330"}}},
    {id = "decline", text = "Decline to keep the bystanders' reads",
     weight = 30, rules = {"IV.G"},
     check = {replied = "r2", decision = "decline", rule = "IV.G"}},
  },
  critical = {
    {text = "Tried to put a bystander's read in the case file",
     rules = {"IV.G", "IV.F"},
     check = {any = {{did = "upload", verdict = "any", opts = {read = "900003"}},
                     {did = "upload", verdict = "any", opts = {read = "900004"}}}}},
  },
  hints = {
    "upload --read ID --read ID --case N puts reads in the case file.",
    "After the upload, device wipe --camera LEA-330 deletes the raw data.",
  },
  debrief = "The guidance: \"After transmission or upload, the raw data "
    .. "will be deleted off the storage device associated with the "
    .. "ICE-owned LPR camera, unless it must be preserved on the device as "
    .. "original evidence\" (IV.F), and \"ICE will not retain LPR data that "
    .. "is not related to the current ICE law enforcement investigation\" "
    .. "(IV.G).  The van's reads went to the case file of " .. case
    .. "; the Camry " .. other .. " and the Nissan " .. by1 .. " belong to "
    .. "no investigation and left with the wipe.",
  pass = 80,
  solution = {
    "upload --read 900001 --read 900002 --case " .. case,
    "device wipe --camera LEA-330",
    "reply --request r1 --decision comply --note 'two reads uploaded, "
      .. "device wiped'",
    "reply --request r2 --decision decline --rule IV.G --note 'not related "
      .. "to the investigation'",
  },
  pitfalls = {
    {name = "keeps it all", rule = "IV.G", actions = {
      "upload --read 900001 --read 900002 --read 900003 --read 900004 "
        .. "--case " .. case,
      "device wipe --camera LEA-330",
      "reply --request r2 --decision comply"}},
    {name = "leaves the raw data on the device", rule = "IV.F", actions = {
      "upload --read 900001 --read 900002 --case " .. case,
      "reply --request r2 --decision decline --rule IV.G"}},
  },
}
