-- one-word-reason.lua - "reason: investigation": the one-word reason.
-- Audits of LPR systems keep finding reasons like "investigation" or
-- "case": an audit log that cannot say why a plate was run is no audit.
-- Teaches IV.A.1 (a case), IV.J.1 (a window within the statute) and
-- IV.M.1 (the six fields, a real reason).

local now   = sim.date("2026-03-02T09:00:00Z", -20, 20)
local plate = sim.state_plate("KS")
local case  = sim.code("HSI-2026-#####")
local boss  = sim.person()
local where = sim.place()

return {
  id = "one-word-reason",
  title = "The one-word reason",
  summary = "Run a lawful query and give the audit log a reason it can use.",
  tracks = {"initial", "refresher"},
  rules = {"IV.A.1", "IV.J.1", "IV.M.1"},
  now = now,
  world = {seed = 11, vehicles = 400, days = 60},
  cases = {
    {number = case, type = "criminal", violation = "18USC1343",
     limitation_years = 5, opened = "2025-11-03",
     title = "Wire fraud ring, " .. where},
  },
  reads = {
    {id = 900001, plate = plate, state = "KS", at = sim.days(now, -12),
     camera = "LEA-101", confidence = 0.97, make = "Toyota", model = "Camry"},
    {id = 900002, plate = plate, state = "KS", at = sim.days(now, -5),
     camera = "LEA-102", confidence = 0.95, make = "Toyota", model = "Camry"},
  },
  briefing = "You work case " .. case .. " (wire fraud, opened November "
    .. "2025).  Your supervisor " .. boss .. " sends a request.  Every "
    .. "query you run is audited with who, plate, when, results, case and "
    .. "reason: the reason must tell a reviewer why this plate was run.",
  inbox = {
    {id = "r1", from = boss, subject = "Plate from the " .. where .. " stake-out",
     body = "The suspect left " .. where .. " in a car with plate " .. plate
       .. ".  Run it for " .. case .. " for the last 30 days, please.",
     lawful = true},
  },
  objectives = {
    {id = "query", text = "Run " .. plate .. " for case " .. case
       .. " within the statute of limitations",
     weight = 50, rules = {"IV.A.1", "IV.J.1"},
     check = {did = "query", plate = plate, case = case,
              from_min = sim.years(now, -5)}},
    {id = "reason", text = "Give a reason that names the case and what the "
       .. "query is for",
     weight = 30, rules = {"IV.M.1"},
     check = {audit_has = {plate = plate, case = case, verdict = "allow",
                           reason_has = case}}},
    {id = "answer", text = "Tell " .. boss .. " the request is done",
     weight = 20, rules = {"IV.A.1"},
     check = {replied = "r1", decision = "comply"}},
  },
  hints = {
    "A reason like 'investigation' says nothing: name the case and what "
      .. "you expect the reads to show.",
    "query --plate P --from DATE --to DATE --case N --reason \"...\"",
  },
  debrief = "A reviewer reading the audit log a year from now must see why "
    .. plate .. " was run: the case number and the purpose (here: where the "
    .. "suspect's car went after the stake-out).  One word is not a reason.",
  pass = 80,
  solution = {
    "query --plate " .. plate .. " --from " .. sim.days(now, -30):sub(1, 10)
      .. " --to " .. now:sub(1, 10) .. " --case " .. case
      .. " --reason 'Case " .. case .. ": movements of the suspect vehicle "
      .. "seen at the stake-out'",
    "reply --request r1 --decision comply --note 'ran it, two reads'",
  },
  pitfalls = {
    {name = "one-word reason", rule = "IV.M.1", actions = {
      "query --plate " .. plate .. " --from " .. sim.days(now, -30):sub(1, 10)
        .. " --to " .. now:sub(1, 10) .. " --case " .. case
        .. " --reason investigation",
      "reply --request r1 --decision comply"}},
    {name = "no case cited", rule = "IV.A.1", actions = {
      "query --plate " .. plate .. " --from " .. sim.days(now, -30):sub(1, 10)
        .. " --to " .. now:sub(1, 10)
        .. " --reason 'suspect vehicle seen at the stake-out'",
      "reply --request r1 --decision comply"}},
  },
}
