-- funeral-approval.lua - the target is read arriving at a funeral at a
-- cemetery chapel, and someone wants every mourner's car too.  Arrests at
-- funerals and weddings have drawn complaints under the sensitive-locations
-- policy, and sweeping a community's gathering is what special protections
-- forbid.  Teaches IV.D (a supervisor's approval before acting at a
-- religious ceremony) and IV.E (no LPR use based on national origin or
-- religion).

local now    = sim.date("2026-03-24T11:00:00Z", -20, 20)
local case   = sim.code("HSI-2026-#####")
local target = sim.plate("@@@####")
local m1, m2 = sim.plate("###-@@@"), sim.plate("@@#-####")
local code   = sim.code("SUP-####")
local boss   = sim.person()
local peer   = sim.person()
local chapel = sim.place() .. " Cemetery Chapel"
local ids    = sim.shuffle({"r1", "r2"})
local lawful = ids[1]
local asked  = ids[2]

local inbox = {}
inbox[lawful == "r1" and 1 or 2] = {
  id = lawful, from = boss, subject = "Approval " .. code,
  body = "I reviewed acting on read 900061 at " .. chapel .. " for " .. case
    .. ".  A funeral is a religious ceremony: approved under code " .. code
    .. ", only once the team has identified the driver by sight, and "
    .. "after the service, away from the mourners.",
  lawful = true}
inbox[asked == "r1" and 1 or 2] = {
  id = asked, from = peer, subject = "The other cars",
  body = "The whole community is at that funeral, they all came over from "
    .. "the same country.  Hotlist the other cars in the lot ("
    .. m1 .. ", " .. m2 .. ") and we will see who turns up where.",
  lawful = false}

return {
  id = "funeral-approval",
  title = "A read at a funeral",
  summary = "Act at a religious ceremony only with approval and a sighting; hotlist no mourner.",
  tracks = {"refresher"},
  rules = {"IV.D", "IV.E", "IV.A.3"},
  now = now,
  world = {seed = 281, vehicles = 200, days = 14},
  places = {
    {slug = "chapel-1", name = chapel, category = "place_of_worship",
     lat = 38.871, lon = -77.101, radius = 250, sensitive = true},
  },
  cameras = {
    {id = "LEA-351", name = "Mobile unit near " .. chapel, owner = "agency",
     type = "mobile", lat = 38.8712, lon = -77.1012},
  },
  cases = {
    {number = case, type = "criminal", violation = "18USC1546",
     limitation_years = 10, opened = "2025-10-02",
     title = "Visa fraud broker"},
  },
  reads = {
    {id = 900061, plate = target, state = "VA", at = sim.hours(now, -1),
     camera = "LEA-351", confidence = 0.98, make = "Lexus", model = "RX"},
    {id = 900062, plate = m1, state = "VA", at = sim.hours(now, -1),
     camera = "LEA-351", confidence = 0.96, make = "Toyota", model = "Sienna"},
    {id = 900063, plate = m2, state = "MD", at = sim.hours(now, -1),
     camera = "LEA-351", confidence = 0.95, make = "Honda", model = "Odyssey"},
  },
  briefing = "The target of case " .. case .. " drives plate " .. target
    .. ".  An hour ago camera LEA-351 read it arriving at " .. chapel
    .. " for a funeral.  The surveillance team has the car in view.",
  inbox = inbox,
  objectives = {
    {id = "enforce", text = "Act on read 900061 with the supervisor's "
       .. "approval " .. code, weight = 40, rules = {"IV.D"},
     check = {did = "enforce", read = 900061, case = case,
              opts = {approval = code}}},
    {id = "sighting", text = "Rest the action on the team's own sighting",
     weight = 20, rules = {"IV.A.3"},
     check = {did = "enforce", read = 900061, has = {"corroboration"}}},
    {id = "decline", text = "Decline to hotlist the mourners' cars",
     weight = 40, rules = {"IV.E"},
     check = {replied = asked, decision = "decline", rule = "IV.E"}},
  },
  critical = {
    {text = "Hotlisted a mourner's car", rules = {"IV.E"},
     check = {any = {{did = "hotlist add", verdict = "any", plate = m1},
                     {did = "hotlist add", verdict = "any", plate = m2}}}},
  },
  hints = {
    "enforce --read ID --case N --corroboration visual:TEXT --approval CODE.",
    "A funeral is a sensitive location; only a supervisor's code will do.",
    "Being from one country is no lead: IV.E.",
  },
  debrief = "The guidance: \"ICE will access, collect, and use LPR data and "
    .. "technology in accordance with ICE Policy 10029.2 or any superseding "
    .. "policy on enforcement actions at sensitive locations\" (IV.D), and "
    .. "ICE will not \"add license plate numbers to hotlists; or access, "
    .. "collect, or use LPR data and technology\" \"based solely on race, "
    .. "ethnicity, gender, national origin, religion, sexual orientation, "
    .. "or gender identity\" (IV.E).  The target " .. target .. " was a "
    .. "lead of " .. case .. "; the mourners " .. m1 .. " and " .. m2
    .. " were not.",
  pass = 80,
  solution = {
    "enforce --read 900061 --case " .. case .. " --corroboration "
      .. "'visual:team identified the driver from the booking photo after "
      .. "the service' --approval " .. code,
    "reply --request " .. lawful .. " --decision comply",
    "reply --request " .. asked .. " --decision decline --rule IV.E "
      .. "--note 'national origin is no lead'",
  },
  pitfalls = {
    {name = "no approval at the funeral", rule = "IV.D", actions = {
      "enforce --read 900061 --case " .. case .. " --corroboration "
        .. "'visual:team identified the driver from the booking photo'",
      "reply --request " .. asked .. " --decision decline --rule IV.E"}},
    {name = "hotlists the mourners", rule = "IV.E", actions = {
      "enforce --read 900061 --case " .. case .. " --corroboration "
        .. "'visual:team identified the driver from the booking photo' "
        .. "--approval " .. code,
      "hotlist add --plate " .. m1 .. " --state VA --case " .. case,
      "reply --request " .. asked .. " --decision comply"}},
  },
}
