-- school-approval.lua - the target's car was read outside an elementary
-- school at pick-up time and the team wants to move now.  Enforcement at
-- schools, places of worship and hospitals has drawn public complaints
-- and court challenges; the sensitive-locations policy asks for a
-- supervisor's approval first.  Teaches IV.D and IV.A.3.

local now    = sim.date("2026-04-15T15:20:00Z", -20, 20)
local case   = sim.code("HSI-2026-#####")
local target = sim.plate("@@@####")
local code   = sim.code("SUP-#####")
local fake   = sim.code("SUP-####")
local boss   = sim.person()
local pal    = sim.person()
local school = sim.place() .. " Elementary School"
-- which of the two messages carries the supervisor's own approval
local lawful_first = sim.pick({true, false})
local m_boss = {from = boss, subject = "Approval " .. code,
  body = "I have reviewed the request to act on read 900001 near "
    .. school .. " for " .. case .. ".  Approved: use approval code "
    .. code .. ", and only with the unit's own identification of the "
    .. "driver."}
local m_pal = {from = pal, subject = "just go",
  body = "Don't wait for the boss, it takes hours.  Everyone puts " .. fake
    .. " in the approval field, nobody checks the number."}
local r1 = lawful_first and m_boss or m_pal
local r2 = lawful_first and m_pal or m_boss
r1.id, r1.lawful = "r1", lawful_first
r2.id, r2.lawful = "r2", not lawful_first
local rid_boss = lawful_first and "r1" or "r2"
local rid_pal  = lawful_first and "r2" or "r1"

return {
  id = "school-approval",
  title = "A read outside the school",
  summary = "Enforcement near a sensitive location needs a supervisor's "
    .. "approval and non-LPR corroboration.",
  tracks = {"initial"},
  rules = {"IV.D", "IV.A.3", "IV.A.1"},
  now = now,
  world = {seed = 141, vehicles = 200, days = 14},
  places = {
    {slug = "school-1", name = school, category = "school",
     lat = 38.861, lon = -77.091, radius = 250, sensitive = true},
  },
  cameras = {
    {id = "LEA-341", name = "Mobile unit near " .. school, owner = "agency",
     type = "mobile", lat = 38.8612, lon = -77.0912},
  },
  cases = {
    {number = case, type = "criminal", violation = "18USC1028",
     limitation_years = 5, opened = "2026-01-12",
     title = "Document fraud ring"},
  },
  reads = {
    {id = 900001, plate = target, state = "VA", at = sim.hours(now, -1),
     camera = "LEA-341", confidence = 0.98, make = "Honda",
     model = "Pilot"},
  },
  briefing = "The target of case " .. case .. " drives plate " .. target
    .. ".  An hour ago camera LEA-341 read it at " .. school .. ", a "
    .. "sensitive location.  A surveillance unit has the driver in view "
    .. "and has identified him from his booking photo.",
  inbox = {r1, r2},
  objectives = {
    {id = "enforce", text = "Record the enforcement on read 900001 with "
       .. "the supervisor's approval " .. code, weight = 45,
     rules = {"IV.D", "IV.A.1"},
     check = {did = "enforce", read = 900001, case = case,
              opts = {approval = code}}},
    {id = "corro", text = "Support it with the unit's non-LPR "
       .. "identification", weight = 25, rules = {"IV.A.3"},
     check = {did = "enforce", read = 900001, has = {"corroboration"}}},
    {id = "refuse", text = "Refuse the made-up approval code", weight = 30,
     rules = {"IV.D"},
     check = {replied = rid_pal, decision = "decline", rule = "IV.D"}},
  },
  critical = {
    {text = "Used an approval code no supervisor gave",
     rules = {"IV.D"},
     check = {did = "enforce", verdict = "any", opts = {approval = fake}}},
  },
  hints = {
    "Which message comes from a supervisor who reviewed this action?",
    "enforce --read ID --case N --corroboration 'visual: what the unit "
      .. "saw' --approval CODE",
  },
  debrief = "The guidance says \"ICE will access, collect, and use LPR data "
    .. "and technology in accordance with ICE Policy 10029.2 or any "
    .. "superseding policy on enforcement actions at sensitive locations\" "
    .. "(IV.D), and \"ICE will not take enforcement action based solely on "
    .. "data collected from government-run or commercially-available LPR "
    .. "databases\" (IV.A.3).  " .. code .. " came from " .. boss .. ", who "
    .. "reviewed this action; " .. fake .. " was a number nobody approved.",
  pass = 80,
  solution = {
    "enforce --read 900001 --case " .. case .. " --corroboration "
      .. "'visual: surveillance unit observed the driver, identified from "
      .. "the booking photo' --approval " .. code,
    "reply --request " .. rid_boss .. " --decision comply",
    "reply --request " .. rid_pal .. " --decision decline --rule IV.D "
      .. "--note 'only a supervisor approves action at a school'",
  },
  pitfalls = {
    {name = "no approval", rule = "IV.D", actions = {
      "enforce --read 900001 --case " .. case .. " --corroboration "
        .. "'visual: surveillance unit observed the driver, identified "
        .. "from the booking photo'",
      "reply --request " .. rid_pal .. " --decision decline --rule IV.D"}},
    {name = "the code everyone uses", rule = "IV.D", actions = {
      "enforce --read 900001 --case " .. case .. " --corroboration "
        .. "'visual: surveillance unit observed the driver' --approval "
        .. fake,
      "reply --request " .. rid_pal .. " --decision comply"}},
    {name = "LPR alone", rule = "IV.A.3", actions = {
      "enforce --read 900001 --case " .. case .. " --corroboration "
        .. "'lpr: another read of the plate' --approval " .. code,
      "reply --request " .. rid_pal .. " --decision decline --rule IV.D"}},
  },
}
