-- vendor-share.lua - who may receive a read.  A parking vendor asks for
-- the agency's reads "to improve coverage"; a detective of the partner
-- police department needs one read for a shared case.  Teaches IV.C (no
-- contribution to commercial databases: share only with a partner of the
-- registry, anyone else is refused) and IV.A.1 (a share cites an open
-- case).  The instructor's partner registry is set up before the start.

local now    = sim.date("2026-03-02T09:00:00Z", -20, 20)
local plate  = sim.state_plate("KS")
local case   = sim.code("HSI-2026-#####")
local boss   = sim.person()
local det    = sim.person()
local pd     = "Port Calder Police Department"
local vendor = "Calder Crossing Parking LLC"

return {
  id = "vendor-share",
  title = "Who may receive a read",
  summary = "Share a read with a registered partner agency for the case; "
    .. "refuse the vendor.",
  tracks = {"initial", "refresher"},
  rules = {"IV.A.1", "IV.C"},
  now = now,
  world = {seed = 13, vehicles = 300, days = 60},
  people = {
    {id = "ivy.instructor", name = "Ivy Marsh", role = "instructor"},
  },
  cases = {
    {number = case, type = "criminal", violation = "18USC1343",
     limitation_years = 5, opened = "2025-11-03",
     title = "Wire fraud ring, joint with Port Calder PD"},
  },
  reads = {
    {id = 900001, plate = plate, state = "KS", at = sim.days(now, -3),
     camera = "LEA-101", confidence = 0.97, make = "Ford", model = "F-150"},
  },
  setup_actions = {
    {user = "ivy.instructor", at = sim.days(now, -30),
     line = "partner add --name '" .. pd .. "' --kind local "
       .. "--jurisdiction 'Port Calder, KS'"},
  },
  briefing = "You work case " .. case .. " (wire fraud) jointly with the "
    .. pd .. ".  Two requests are waiting.  LPR data goes only to partners "
    .. "in the registry ('partner list'), for an open case; a company never "
    .. "receives any.",
  inbox = {
    {id = "r1", from = vendor, subject = "Data partnership",
     body = "We run the mall garages.  Send us your agency's reads from "
       .. "last month and we will give you free access to our plate "
       .. "search.",
     lawful = false},
    {id = "r2", from = det, subject = "Read for " .. case,
     body = "Detective " .. det .. ", " .. pd .. ".  Please send me read "
       .. "900001 of " .. plate .. " for our joint case " .. case .. ".",
     lawful = true},
  },
  objectives = {
    {id = "share", text = "Share read 900001 with the " .. pd .. " for case "
       .. case, weight = 50, rules = {"IV.C", "IV.A.1"},
     check = {did = "share", read = 900001, case = case, opts = {to = pd}}},
    {id = "vendor", text = "Decline the vendor, citing IV.C", weight = 30,
     rules = {"IV.C"},
     check = {replied = "r1", decision = "decline", rule = "IV.C"}},
    {id = "answer", text = "Tell the detective it is done", weight = 20,
     rules = {"IV.C"},
     check = {replied = "r2", decision = "comply"}},
  },
  critical = {
    {text = "Agreed to send reads to a commercial company",
     rules = {"IV.C"},
     check = {replied = "r1", decision = "comply"}},
  },
  hints = {
    "partner list shows who may receive LPR data.",
    "share --to NAME --read ID --case N",
  },
  debrief = vendor .. " is a commercial database: IV.C forbids contributing "
    .. "LPR data to it, whatever it offers in return.  The " .. pd .. " is a "
    .. "registered law-enforcement partner; the share names the case and is "
    .. "audited.",
  pass = 80,
  solution = {
    "partner list",
    "share --to '" .. pd .. "' --read 900001 --case " .. case,
    "reply --request r1 --decision decline --rule IV.C --note 'no LPR data "
      .. "to commercial databases'",
    "reply --request r2 --decision comply",
  },
  pitfalls = {
    {name = "shares without a case", rule = "IV.A.1", actions = {
      "share --to '" .. pd .. "' --read 900001",
      "reply --request r1 --decision decline --rule IV.C",
      "reply --request r2 --decision comply"}},
    {name = "deals with the vendor", rule = "IV.C", actions = {
      "share --to '" .. vendor .. "' --read 900001 --case " .. case,
      "reply --request r1 --decision comply",
      "reply --request r2 --decision comply"}},
  },
}
