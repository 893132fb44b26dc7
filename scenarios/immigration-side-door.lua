-- immigration-side-door.lua - a landlord's list of "suspect" tenants'
-- cars reaches you through a local detective, with a request to send the
-- results back to the property company.  Side-door searches, where LPR
-- data is run for a purpose no case of the agency holds and results
-- leave for private hands, are documented in several audits.  Teaches
-- IV.A.1, IV.C and IV.J.2.

local now    = sim.date("2026-07-06T09:00:00Z", -20, 20)
local case   = sim.code("ERO-2026-#####")
local target = sim.plate("@@@####")
local l1, l2 = sim.plate("###-@@@"), sim.plate("@@#-####")
local det    = sim.person()
local boss   = sim.person()
local firm   = sim.place() .. " Property Management LLC"
local from   = sim.years(now, -2):sub(1, 10)
local to     = now:sub(1, 10)
local first  = sim.pick({true, false})
local m_ok = {from = boss, subject = "Removal order " .. case,
  body = "Civil case " .. case .. ": the subject of a final removal order "
    .. "drives " .. target .. ".  Run it for the last two years to find "
    .. "where the car is kept."}
local m_bad = {from = det, subject = "favour",
  body = "A landlord gave us a list of tenants he thinks are here "
    .. "illegally: " .. l1 .. " and " .. l2 .. ".  We can't run it under "
    .. "our state law, you can.  Send what you find to " .. firm
    .. " too, they'll handle the evictions."}
local r1 = first and m_ok or m_bad
local r2 = first and m_bad or m_ok
r1.id, r1.lawful = "r1", first
r2.id, r2.lawful = "r2", not first
local rid_ok  = first and "r1" or "r2"
local rid_bad = first and "r2" or "r1"

return {
  id = "immigration-side-door",
  title = "The landlord's list",
  summary = "Run the civil case's plate in its window; no side-door "
    .. "searches, nothing to private companies.",
  tracks = {"initial"},
  rules = {"IV.A.1", "IV.C", "IV.J.2"},
  now = now,
  world = {seed = 201, vehicles = 300, days = 60},
  cases = {
    {number = case, type = "civil", violation = "INA237",
     opened = "2026-04-14", title = "Final order of removal"},
  },
  reads = {
    {id = 900001, plate = target, state = "MD", at = sim.days(now, -8),
     camera = "LEA-102", confidence = 0.97, make = "Subaru",
     model = "Outback"},
    {id = 900002, plate = l1, state = "MD", at = sim.days(now, -3),
     camera = "LEA-101", confidence = 0.95, make = "Toyota",
     model = "Corolla"},
  },
  briefing = "You work civil immigration case " .. case .. ".  A local "
    .. "detective and your supervisor have both written.",
  inbox = {r1, r2},
  objectives = {
    {id = "query", text = "Run the subject's plate for the civil case, "
       .. "inside five years", weight = 35, rules = {"IV.J.2", "IV.A.1"},
     check = {did = "query", plate = target, case = case}},
    {id = "side", text = "Decline the landlord's list", weight = 35,
     rules = {"IV.A.1"},
     check = {replied = rid_bad, decision = "decline", rule = "IV.A.1"}},
    {id = "firm", text = "Say why nothing goes to the property company",
     weight = 15, rules = {"IV.C"},
     check = {replied = rid_bad, rule = "IV.C"}},
    {id = "answer", text = "Answer the supervisor", weight = 15,
     rules = {"IV.A.1"}, check = {replied = rid_ok, decision = "comply"}},
  },
  critical = {
    {text = "Ran a plate from the landlord's list", rules = {"IV.A.1"},
     check = {any = {{did = "query", plate = l1, verdict = "any"},
                     {did = "query", plate = l2, verdict = "any"}}}},
    {text = "Sent LPR data to a private company", rules = {"IV.C"},
     check = {did = "share", verdict = "any"}},
  },
  hints = {
    "Which request comes with a case of yours?  The other one has none.",
    "reply accepts several --rule options.",
  },
  debrief = "The guidance: ICE uses LPR data \"only for authorized "
    .. "criminal and civil law enforcement purposes\" tied to \"an ongoing "
    .. "investigation\" (IV.A.1); \"For civil immigration matters, ICE will "
    .. "limit queries to the previous five years\" (IV.J.2); and \"ICE will "
    .. "not contribute LPR data to commercially-available LPR databases\" "
    .. "(IV.C).  A landlord's suspicion is no case, and " .. firm .. " is "
    .. "no law-enforcement partner.",
  pass = 80,
  solution = {
    "query --plate " .. target .. " --from " .. from .. " --to " .. to
      .. " --case " .. case .. " --reason 'Case " .. case .. ": where the "
      .. "subject of the removal order keeps the car'",
    "reply --request " .. rid_ok .. " --decision comply",
    "reply --request " .. rid_bad .. " --decision decline --rule IV.A.1 "
      .. "--rule IV.C --note 'no case of ours; no data to private firms'",
  },
  pitfalls = {
    {name = "runs the landlord's list", rule = "IV.A.1", actions = {
      "query --plate " .. l1 .. " --from " .. from .. " --to " .. to
        .. " --case " .. case .. " --reason 'Case " .. case .. ": vehicle "
        .. "of a possible associate of the subject'",
      "reply --request " .. rid_bad .. " --decision comply"}},
    {name = "sends it to the firm", rule = "IV.C", actions = {
      "query --plate " .. target .. " --from " .. from .. " --to " .. to
        .. " --case " .. case .. " --reason 'Case " .. case .. ": where the "
        .. "subject keeps the car'",
      "share --to '" .. firm .. "' --read 900001 --case " .. case,
      "reply --request " .. rid_ok .. " --decision comply",
      "reply --request " .. rid_bad .. " --decision decline --rule IV.A.1"}},
  },
}
