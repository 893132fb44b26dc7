-- misread-hit.lua - a hotlist hit from a one-character misread: a 7 read
-- as a 2, on a car of a different make, at night with low confidence.
-- Stops on misread plates are a documented failure of LPR systems.
-- Teaches IV.A.2 (weigh the read) and IV.A.3 (corroborate before acting).

local now    = sim.date("2026-07-14T23:30:00Z", -20, 20)
local target = sim.plate("@@@2###")
local other  = sim.confuse(target, "2", "7")
local case   = sim.code("HSI-2026-#####")
local patrol = sim.person()

return {
  id = "misread-hit",
  title = "A hit on a misread",
  summary = "Weigh a hotlist hit before anyone acts on it.",
  tracks = {"initial", "refresher"},
  rules = {"IV.A.2", "IV.A.3", "IV.A.1"},
  now = now,
  world = {seed = 71, vehicles = 500, days = 14},
  cases = {
    {number = case, type = "criminal", violation = "21USC841",
     limitation_years = 5, opened = "2026-05-02",
     title = "Narcotics distribution"},
  },
  hotlists = {
    {name = "main", created = "2026-05-03", reviewed = "2026-05-03",
     entries = {{plate = target, case = case,
                 tracking = sim.code("TRK-####"), added = "2026-05-03"}}},
  },
  reads = {
    {id = 900001, plate = target, state = "VA", at = sim.hours(now, -1),
     camera = "LEA-205", confidence = 0.71, make = "Ford",
     model = "Explorer", fault = "ocr", true_plate = other},
    {id = 900002, plate = target, state = "VA", at = sim.hours(now, -26),
     camera = "LEA-101", confidence = 0.97, make = "Honda", model = "Civic"},
  },
  briefing = "The target vehicle of case " .. case .. " is a grey Honda "
    .. "Civic, plate " .. target .. ", on the hotlist.  Patrol is on the "
    .. "radio.",
  inbox = {
    {id = "r1", from = patrol, subject = "HIT " .. target,
     body = "Hotlist hit on " .. target .. " at LEA-205 an hour ago (read "
       .. "900001).  We can see a Ford Explorer near there.  Pull it over?",
     lawful = false},
    {id = "r2", from = patrol, subject = "Civic spotted",
     body = "Update: our unit has eyes on a grey Honda Civic, plate "
       .. target .. ", registration checks out to the target.  LEA-101 read "
       .. "it yesterday (read 900002).  Go ahead?",
     lawful = true},
  },
  objectives = {
    {id = "look", text = "Look at the reads of " .. target .. " before "
       .. "deciding", weight = 20, rules = {"IV.A.2", "IV.A.1"},
     check = {did = "query", plate = target, case = case}},
    {id = "hold", text = "Hold patrol off the Ford: the read is a likely "
       .. "misread", weight = 40, rules = {"IV.A.2"},
     check = {replied = "r1", decision = "decline", rule = "IV.A.2"}},
    {id = "act", text = "Act on the verified Civic with a non-LPR "
       .. "corroboration", weight = 40, rules = {"IV.A.3"},
     check = {did = "enforce", read = 900002, case = case,
              has = {"corroboration"}}},
  },
  critical = {
    {text = "Enforcement on the misread (read 900001)",
     rules = {"IV.A.2", "IV.A.3"},
     check = {did = "enforce", read = 900001}},
  },
  hints = {
    "Compare make and model with the target, and check the confidence "
      .. "and flags of read 900001.",
    "enforce --read ID --case N --corroboration 'KIND:what it shows' "
      .. "(KIND: visual, records, witness or investigative)",
  },
  debrief = "Read 900001 said " .. target .. " but showed a Ford at 0.71 "
    .. "confidence: the plate was almost certainly " .. other .. " with its "
    .. "7 read as a 2.  The Civic, seen by the unit and matching the "
    .. "registration, is corroborated.",
  pass = 80,
  solution = {
    "query --plate " .. target .. " --from " .. sim.days(now, -7):sub(1, 10)
      .. " --to " .. now:sub(1, 10) .. " --case " .. case .. " --reason "
      .. "'Case " .. case .. ": checking the hotlist hit on the target Civic'",
    "reply --request r1 --decision decline --rule IV.A.2 --note 'low "
      .. "confidence, wrong make: likely misread'",
    "enforce --read 900002 --case " .. case .. " --corroboration 'visual: "
      .. "Unit has eyes on the grey Civic' --corroboration 'records: "
      .. "registration confirmed to the target'",
    "reply --request r2 --decision comply",
  },
  pitfalls = {
    {name = "stops the Ford", rule = "IV.A.2", actions = {
      "enforce --read 900001 --case " .. case .. " --corroboration 'visual: "
        .. "Ford seen near the camera by patrol'",
      "reply --request r1 --decision comply"}},
    {name = "acts on LPR alone", rule = "IV.A.3", actions = {
      "query --plate " .. target .. " --from " .. sim.days(now, -7):sub(1, 10)
        .. " --to " .. now:sub(1, 10) .. " --case " .. case .. " --reason "
        .. "'Case " .. case .. ": checking the hotlist hit on the target'",
      "reply --request r1 --decision decline --rule IV.A.2",
      "enforce --read 900002 --case " .. case .. " --corroboration "
        .. "'lpr: another read of the plate'"}},
  },
}
