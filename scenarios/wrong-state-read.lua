-- wrong-state-read.lua - a hotlist alert on the right characters but the
-- wrong state: another state's car with the same plate.  Stops made on
-- a plate that matched in characters but not in state are a documented
-- LPR failure.  Teaches IV.A.2 (weigh the read) and IV.A.3 (corroborate).

local now    = sim.date("2026-10-19T21:00:00Z", -20, 20)
local case   = sim.code("HSI-2026-#####")
local target = sim.state_plate("KS")
local wrong_first = sim.pick({true, false})
local bad    = wrong_first and 900001 or 900002
local good   = wrong_first and 900002 or 900001
local patrol = sim.person()
local from   = sim.days(now, -7):sub(1, 10)
local to     = now:sub(1, 10)

return {
  id = "wrong-state-read",
  title = "Right characters, wrong state",
  summary = "Check the state of a hit before anyone acts on it.",
  tracks = {"initial"},
  rules = {"IV.A.2", "IV.A.3", "IV.A.1"},
  now = now,
  world = {seed = 241, vehicles = 300, days = 14},
  cases = {
    {number = case, type = "criminal", violation = "18USC1951",
     limitation_years = 5, opened = "2026-06-01",
     title = "Robbery of cargo trucks"},
  },
  hotlists = {
    {name = "main", created = "2026-06-02", reviewed = "2026-06-02",
     entries = {{plate = target, state = "KS", case = case,
                 tracking = sim.code("TRK-####"), added = "2026-06-02"}}},
  },
  reads = {
    {id = bad, plate = target, state = "OK", at = sim.hours(now, -1),
     camera = "LEA-205", confidence = 0.96, make = "Chevrolet",
     model = "Malibu", fault = "state"},
    {id = good, plate = target, state = "KS", at = sim.hours(now, -30),
     camera = "LEA-101", confidence = 0.97, make = "Ford",
     model = "F-250"},
  },
  briefing = "The robbery crew of case " .. case .. " drives a white Ford "
    .. "F-250 with Kansas plate " .. target .. ", on the hotlist.",
  inbox = {
    {id = "r1", from = patrol, subject = "HIT " .. target,
     body = "Hotlist hit on " .. target .. " at LEA-205 an hour ago (read "
       .. bad .. ").  It's a blue Malibu with Oklahoma plates.  Stop it?",
     lawful = false},
    {id = "r2", from = patrol, subject = "F-250",
     body = "Update: a unit has eyes on a white Ford F-250, Kansas plate "
       .. target .. ", registration confirmed to the crew's front company.  "
       .. "LEA-101 read it yesterday (read " .. good .. ").  Go ahead?",
     lawful = true},
  },
  objectives = {
    {id = "look", text = "Look at the reads of " .. target .. " before "
       .. "deciding", weight = 20, rules = {"IV.A.2", "IV.A.1"},
     check = {did = "query", plate = target, case = case}},
    {id = "hold", text = "Hold patrol off the Oklahoma Malibu",
     weight = 40, rules = {"IV.A.2"},
     check = {replied = "r1", decision = "decline", rule = "IV.A.2"}},
    {id = "act", text = "Act on the verified F-250 with a non-LPR "
       .. "corroboration", weight = 40, rules = {"IV.A.3"},
     check = {did = "enforce", read = good, case = case,
              has = {"corroboration"}}},
  },
  critical = {
    {text = "Enforcement on the wrong-state read", rules = {"IV.A.2"},
     check = {did = "enforce", read = bad, verdict = "any"}},
  },
  hints = {
    "Compare the state, make and model of each read with the target.",
    "enforce --read ID --case N --corroboration 'visual: what the unit "
      .. "saw'",
  },
  debrief = "The guidance: \"ICE will consider the quality, integrity, and "
    .. "age of a given license plate reading before using the LPR data in "
    .. "any case or investigation\" (IV.A.2), and \"LPR data will be "
    .. "supplemented with other investigative information before "
    .. "enforcement action is taken\" (IV.A.3).  Read " .. bad .. " matched "
    .. "the characters of " .. target .. " on an Oklahoma Malibu: another "
    .. "car.",
  pass = 80,
  solution = {
    "query --plate " .. target .. " --from " .. from .. " --to " .. to
      .. " --case " .. case .. " --reason 'Case " .. case .. ": checking "
      .. "the hotlist alert on the crew truck'",
    "reply --request r1 --decision decline --rule IV.A.2 --note 'Oklahoma "
      .. "plate on a Malibu: not the target'",
    "enforce --read " .. good .. " --case " .. case .. " --corroboration "
      .. "'visual: unit has eyes on the white F-250' --corroboration "
      .. "'records: registration confirmed to the target'",
    "reply --request r2 --decision comply",
  },
  pitfalls = {
    {name = "stops the Malibu", rule = "IV.A.2", actions = {
      "enforce --read " .. bad .. " --case " .. case .. " --corroboration "
        .. "'visual: patrol saw a car near the camera'",
      "reply --request r1 --decision comply"}},
    {name = "acts on LPR alone", rule = "IV.A.3", actions = {
      "query --plate " .. target .. " --from " .. from .. " --to " .. to
        .. " --case " .. case .. " --reason 'Case " .. case .. ": checking "
        .. "the hotlist alert on the crew truck'",
      "reply --request r1 --decision decline --rule IV.A.2",
      "enforce --read " .. good .. " --case " .. case .. " --corroboration "
        .. "'hit: hotlist alert on the crew truck'"}},
  },
}
