-- evidence-hold-wipe.lua - a camera read is the original evidence for a
-- trial, and the device is due for its wipe.  Evidence reviews of LPR
-- programmes find both mistakes: the photo a court needs wiped with the
-- rest, or the whole device kept "as evidence" so nothing is ever wiped.
-- Teaches IV.F (upload, hold only what must stay as original evidence,
-- then wipe) and IV.G (nothing unrelated is kept).

local now    = sim.date("2026-09-14T10:00:00Z", -20, 20)
local case   = sim.code("HSI-2026-#####")
local target = sim.plate("@@@####")
local by1    = sim.plate("###-@@@")
local by2    = sim.plate("@@#-####")
local ids    = sim.shuffle({"900011", "900012"})
local held   = ids[1]
local other  = ids[2]
local trk    = sim.code("TRK-####")
local boss   = sim.person()
local agent  = sim.person()
local yard   = sim.place()

return {
  id = "evidence-hold-wipe",
  title = "The photo the court needs",
  summary = "Hold the one read that is original evidence, upload, then wipe the device.",
  tracks = {"refresher"},
  rules = {"IV.F", "IV.G", "IV.A.1"},
  now = now,
  world = {seed = 213, vehicles = 200, days = 20},
  cameras = {
    {id = "LEA-331", name = "Surveillance camera, " .. yard, owner = "agency",
     source = "agency", type = "fixed", lat = 38.912, lon = -77.041},
  },
  cases = {
    {number = case, type = "criminal", violation = "18USC2314",
     limitation_years = 5, opened = "2026-05-04",
     title = "Stolen machinery moved through a freight yard"},
  },
  hotlists = {
    {name = "main", created = "2026-05-05", reviewed = "2026-05-05",
     entries = {{plate = target, case = case, tracking = trk,
                 added = "2026-05-05"}}},
  },
  reads = {
    {id = 900011, plate = target, state = "VA", at = sim.days(now, -11),
     camera = "LEA-331", confidence = 0.97, make = "Ford", model = "F-550"},
    {id = 900012, plate = target, state = "VA", at = sim.days(now, -5),
     camera = "LEA-331", confidence = 0.96, make = "Ford", model = "F-550"},
    {id = 900013, plate = by1, state = "VA", at = sim.days(now, -7),
     camera = "LEA-331", confidence = 0.95, make = "Honda", model = "Civic"},
    {id = 900014, plate = by2, state = "MD", at = sim.days(now, -3),
     camera = "LEA-331", confidence = 0.94, make = "Subaru", model = "Outback"},
  },
  briefing = "Case " .. case .. " put camera LEA-331 on the freight yard at "
    .. yard .. ".  The target truck, plate " .. target .. ", was read twice "
    .. "(reads 900011 and 900012).  The surveillance is over and the device "
    .. "is due to be cleared.",
  inbox = {
    {id = "r1", from = boss, subject = "LEA-331: trial evidence",
     body = "The prosecutor will show read " .. held .. " at trial as the "
       .. "original image; the defense will challenge the copy, so that one "
       .. "must stay on the device for the evidence custodian.  Upload both "
       .. "of the truck's reads to " .. case .. " and clear the camera.",
     lawful = true},
    {id = "r2", from = agent, subject = "LEA-331: just hold everything",
     body = "Simplest is to put an evidence hold on every read on LEA-331 "
       .. "(900011 to 900014) and skip the wipe.  Nobody can blame us for "
       .. "losing anything.",
     lawful = false},
  },
  objectives = {
    {id = "upload", text = "Upload the truck's two reads to " .. case,
     weight = 25, rules = {"IV.F", "IV.G", "IV.A.1"},
     check = {all = {{did = "upload", case = case, opts = {read = "900011"}},
                     {did = "upload", case = case, opts = {read = "900012"}}}}},
    {id = "hold", text = "Hold read " .. held .. " on the device as original "
       .. "evidence", weight = 30, rules = {"IV.F"},
     check = {did = "evidence hold", case = case, opts = {read = held}}},
    {id = "wipe", text = "Wipe the rest of the raw data from LEA-331",
     weight = 25, rules = {"IV.F"},
     check = {did = "device wipe", opts = {camera = "LEA-331"}}},
    {id = "decline", text = "Decline to hold the whole device",
     weight = 20, rules = {"IV.G"},
     check = {replied = "r2", decision = "decline", rule = "IV.G"}},
  },
  critical = {
    {text = "Held or uploaded a bystander's read",
     rules = {"IV.G", "IV.F"},
     check = {any = {{did = "upload", verdict = "any", opts = {read = "900013"}},
                     {did = "upload", verdict = "any", opts = {read = "900014"}},
                     {did = "evidence hold", verdict = "any", opts = {read = "900013"}},
                     {did = "evidence hold", verdict = "any", opts = {read = "900014"}}}}},
  },
  hints = {
    "evidence hold --read ID --case N --reason TEXT keeps one read through a wipe.",
    "Hold before you wipe: device wipe --camera LEA-331 deletes everything not held.",
    "Only the read the prosecutor needs is original evidence; the bystanders are not.",
  },
  debrief = "The guidance: \"After transmission or upload, the raw data "
    .. "will be deleted off the storage device associated with the "
    .. "ICE-owned LPR camera, unless it must be preserved on the device as "
    .. "original evidence and maintained by an ICE Evidence Custodian\" "
    .. "(IV.F).  Read " .. held .. " was that evidence; read " .. other
    .. " went to the case file like the first, and the bystanders "
    .. by1 .. " and " .. by2 .. " left with the wipe: \"ICE will not "
    .. "retain LPR data that is not related to the current ICE law "
    .. "enforcement investigation\" (IV.G).",
  pass = 80,
  solution = {
    "upload --read 900011 --read 900012 --case " .. case,
    "evidence hold --read " .. held .. " --case " .. case
      .. " --reason 'original image for trial in " .. case .. "'",
    "device wipe --camera LEA-331",
    "reply --request r1 --decision comply --note 'uploaded, " .. held
      .. " held, device wiped'",
    "reply --request r2 --decision decline --rule IV.G --note 'bystanders "
      .. "are not related to the investigation'",
  },
  pitfalls = {
    {name = "wipes the trial photo", rule = "IV.F", actions = {
      "upload --read 900011 --read 900012 --case " .. case,
      "device wipe --camera LEA-331",
      "reply --request r2 --decision decline --rule IV.G"}},
    {name = "holds everything", rule = "IV.G", actions = {
      "upload --read 900011 --read 900012 --case " .. case,
      "evidence hold --read 900011 --read 900012 --read 900013 --read 900014"
        .. " --case " .. case .. " --reason 'hold it all'",
      "reply --request r2 --decision comply"}},
  },
}
