-- hospital-second-read.lua - a low-confidence read of the target's plate
-- in a hospital car park, "confirmed" by a second camera read, and a
-- colleague ready to move before the supervisor has answered.  Misread
-- stops confirmed only by more LPR data, and arrests at hospitals, are both
-- documented.  Teaches IV.A.2 (verify a doubtful read), IV.A.3 (LPR data
-- alone is never enough: another read is still LPR) and IV.D (a
-- supervisor's approval at a sensitive location).

local now    = sim.date("2026-02-11T14:00:00Z", -20, 20)
local case   = sim.code("HSI-2026-#####")
local target = sim.plate("@@@####")
local code   = sim.code("SUP-####")
local trk    = sim.code("TRK-####")
local boss   = sim.person()
local peer   = sim.person()
local hosp   = sim.place() .. " General Hospital"
local ids    = sim.shuffle({"r1", "r2"})
local lawful = ids[1]
local asked  = ids[2]

local inbox = {}
inbox[lawful == "r1" and 1 or 2] = {
  id = lawful, from = boss, subject = "Approval " .. code,
  body = "Read 900071 is in the car park of " .. hosp .. ".  Approved "
    .. "under code " .. code .. " for " .. case .. ", on one condition: "
    .. "someone checks the plate and the car against the registration "
    .. "before anyone moves.",
  lawful = true}
inbox[asked == "r1" and 1 or 2] = {
  id = asked, from = peer, subject = "It's confirmed, go",
  body = "Read 900071 is only 0.62, sure, but LEA-102 read the same plate "
    .. "an hour before (900072).  Two reads is confirmation.  Put the "
    .. "second read down as corroboration and let's move now.",
  lawful = false}

return {
  id = "hospital-second-read",
  title = "Two reads in a hospital car park",
  summary = "Verify a doubtful read by records, not by another read, and act at a hospital only with approval.",
  tracks = {"refresher"},
  rules = {"IV.A.2", "IV.A.3", "IV.D"},
  now = now,
  world = {seed = 293, vehicles = 200, days = 14},
  places = {
    {slug = "hospital-1", name = hosp, category = "hospital",
     lat = 38.881, lon = -77.111, radius = 300, sensitive = true},
  },
  cameras = {
    {id = "LEA-361", name = "Mobile unit near " .. hosp, owner = "agency",
     type = "mobile", lat = 38.8811, lon = -77.1111},
  },
  cases = {
    {number = case, type = "criminal", violation = "18USC1591",
     limitation_years = 10, opened = "2025-12-01",
     title = "Trafficking through a staffing agency"},
  },
  hotlists = {
    {name = "main", created = "2025-12-02", reviewed = "2025-12-02",
     entries = {{plate = target, case = case, tracking = trk,
                 added = "2025-12-02"}}},
  },
  reads = {
    {id = 900071, plate = target, state = "VA", at = sim.hours(now, -1),
     camera = "LEA-361", confidence = 0.62, make = "Nissan", model = "Altima"},
    {id = 900072, plate = target, state = "VA", at = sim.hours(now, -2),
     camera = "LEA-102", confidence = 0.93, make = "Nissan", model = "Altima"},
  },
  briefing = "The target car of case " .. case .. " is " .. target
    .. ".  Camera LEA-361 read it an hour ago in the car park of " .. hosp
    .. ", at confidence 0.62.  Two messages are waiting.",
  inbox = inbox,
  objectives = {
    {id = "enforce", text = "Act on read 900071 with approval " .. code
       .. " and a records check", weight = 45, rules = {"IV.D", "IV.A.2", "IV.A.3"},
     check = {did = "enforce", read = 900071, case = case,
              opts = {approval = code}}},
    {id = "comply", text = "Answer the supervisor", weight = 15,
     rules = {"IV.D"}, check = {replied = lawful, decision = "comply"}},
    {id = "decline", text = "Decline to count the second read as corroboration",
     weight = 40, rules = {"IV.A.3", "IV.A.2"},
     check = {replied = asked, decision = "decline", rule = "IV.A.3"}},
  },
  critical = {
    {text = "Acted at the hospital without the supervisor's code",
     rules = {"IV.D"},
     check = {did = "enforce", verdict = "any", lacks = {"approval"}}},
  },
  hints = {
    "A second read is LPR data too: corroboration must be visual, records, witness or investigative.",
    "enforce --read ID --case N --corroboration records:TEXT --approval CODE.",
  },
  debrief = "The guidance: \"ICE will not take enforcement action based "
    .. "solely on data collected from government-run or "
    .. "commercially-available LPR databases.  LPR data will be "
    .. "supplemented with other investigative information before "
    .. "enforcement action is taken\" (IV.A.3), and ICE will use LPR data "
    .. "\"in accordance with ICE Policy 10029.2 or any superseding policy "
    .. "on enforcement actions at sensitive locations\" (IV.D).  Read "
    .. "900072 is the same kind of evidence as 900071; the registration "
    .. "check was the independent one.",
  pass = 80,
  solution = {
    "enforce --read 900071 --case " .. case .. " --corroboration "
      .. "'records:registration check: plate and make match the target car' "
      .. "--approval " .. code,
    "reply --request " .. lawful .. " --decision comply",
    "reply --request " .. asked .. " --decision decline --rule IV.A.3 "
      .. "--rule IV.A.2 --note 'another read is still LPR data'",
  },
  pitfalls = {
    {name = "a second read as corroboration", rule = "IV.A.3", actions = {
      "enforce --read 900071 --case " .. case .. " --corroboration "
        .. "'investigative:LEA-102 read the same plate an hour before' "
        .. "--approval " .. code,
      "reply --request " .. asked .. " --decision comply"}},
    {name = "moves before the approval", rule = "IV.D", actions = {
      "enforce --read 900071 --case " .. case .. " --corroboration "
        .. "'records:registration check: plate and make match the target car'",
      "reply --request " .. asked .. " --decision decline --rule IV.A.3"}},
  },
}
