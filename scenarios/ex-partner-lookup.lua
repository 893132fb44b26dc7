-- ex-partner-lookup.lua - an officer looks up his former partner's car
-- under an open case number and asks you to run it again.  Officers
-- tracking ex-partners through plate and records databases is among the
-- most often documented misuses.  Teaches IV.A.1, IV.M.1 and IV.M.2.

local now    = sim.date("2026-03-23T10:00:00Z", -20, 20)
local case   = sim.code("HSI-2026-#####")
local hiscase = sim.code("HSI-2025-#####")
local mine   = sim.plate("@@@####")
local ex     = sim.plate("###-@@@")
local officer = sim.person()
local boss   = sim.person()
local from   = sim.days(now, -21):sub(1, 10)
local to     = now:sub(1, 10)

return {
  id = "ex-partner-lookup",
  title = "His ex-partner's car",
  summary = "Serve your case, refuse a personal look-up and report it.",
  tracks = {"initial"},
  rules = {"IV.A.1", "IV.M.1", "IV.M.2"},
  now = now,
  world = {seed = 191, vehicles = 300, days = 60},
  people = {{id = "officer", name = officer, role = "trainee"}},
  cases = {
    {number = case, type = "criminal", violation = "18USC371",
     limitation_years = 5, opened = "2026-01-05",
     title = "Conspiracy to defraud through shell companies"},
    {number = hiscase, type = "criminal", violation = "18USC1344",
     limitation_years = 10, opened = "2025-06-01", owner = "officer",
     title = "Bank fraud"},
  },
  reads = {
    {id = 900001, plate = mine, state = "VA", at = sim.days(now, -5),
     camera = "LEA-102", confidence = 0.96, make = "BMW", model = "X5"},
    {id = 900002, plate = ex, state = "VA", at = sim.days(now, -2),
     camera = "LEA-101", confidence = 0.97, make = "Mazda", model = "CX-5"},
  },
  setup_actions = {
    {user = "officer", at = sim.days(now, -9), line = "query --plate " .. ex
       .. " --from " .. sim.days(now, -40):sub(1, 10) .. " --to "
       .. sim.days(now, -9):sub(1, 10) .. " --case " .. hiscase
       .. " --reason 'Case " .. hiscase .. ": vehicle of an associate'"},
    {user = "officer", at = sim.days(now, -4), line = "query --plate " .. ex
       .. " --from " .. sim.days(now, -14):sub(1, 10) .. " --to "
       .. sim.days(now, -4):sub(1, 10) .. " --case " .. hiscase
       .. " --reason 'Case " .. hiscase .. ": possible courier vehicle'"},
  },
  briefing = "You work case " .. case .. ".  " .. officer .. " (user "
    .. "'officer') works bank fraud case " .. hiscase .. ".  Two messages "
    .. "wait.",
  inbox = {
    {id = "r1", from = boss, subject = "Shell company director",
     body = "Run " .. mine .. " for " .. case .. " over the last three "
       .. "weeks: does the director visit the registered-agent office?",
     lawful = true},
    {id = "r2", from = officer, subject = "one more run",
     body = "Run " .. ex .. " again under " .. hiscase .. " for me, last "
       .. "week.  Between us, it's my ex's car: I want to know where she's "
       .. "been staying.  My last two runs went through fine.",
     lawful = false},
  },
  objectives = {
    {id = "query", text = "Run the director's plate for your case",
     weight = 30, rules = {"IV.A.1"},
     check = {did = "query", plate = mine, case = case}},
    {id = "reason", text = "Leave an audit entry whose reason names the "
       .. "case", weight = 20, rules = {"IV.M.1"},
     check = {audit_has = {plate = mine, case = case, verdict = "allow",
                           reason_has = case}}},
    {id = "report", text = "Report the personal look-ups", weight = 50,
     rules = {"IV.M.2", "IV.A.1"},
     check = {replied = "r2", decision = "report", about = "officer"}},
  },
  critical = {
    {text = "Ran the ex-partner's plate", rules = {"IV.A.1"},
     check = {did = "query", plate = ex, verdict = "any"}},
  },
  hints = {
    "A case number on a query does not make a personal look-up lawful.",
    "reply --request r2 --decision report --about officer --rule IV.A.1",
  },
  debrief = "The guidance: use \"must be associated with an ongoing "
    .. "investigation, target of investigation, and/or targeted enforcement "
    .. "activity\" (IV.A.1), and \"Non-compliance, including inappropriate "
    .. "access and use, may be referred to the ICE Office of Professional "
    .. "Responsibility (OPR), when appropriate\" (IV.M.2).  The officer's "
    .. "two runs of " .. ex .. " under " .. hiscase .. " passed the engine "
    .. "because the case is real; only people notice a false purpose.",
  pass = 80,
  solution = {
    "query --plate " .. mine .. " --from " .. from .. " --to " .. to
      .. " --case " .. case .. " --reason 'Case " .. case .. ": visits of "
      .. "the director to the registered-agent office'",
    "reply --request r1 --decision comply",
    "reply --request r2 --decision report --about officer --rule IV.A.1 "
      .. "--note 'personal look-ups of a former partner under " .. hiscase
      .. "'",
  },
  pitfalls = {
    {name = "runs it for him", rule = "IV.A.1", actions = {
      "query --plate " .. mine .. " --from " .. from .. " --to " .. to
        .. " --case " .. case .. " --reason 'Case " .. case .. ": visits "
        .. "of the director'",
      "query --plate " .. ex .. " --from " .. sim.days(now, -7):sub(1, 10)
        .. " --to " .. to .. " --case " .. hiscase .. " --reason 'Case "
        .. hiscase .. ": possible courier vehicle'",
      "reply --request r2 --decision comply"}},
    {name = "declines but stays quiet", rule = "IV.M.2", actions = {
      "query --plate " .. mine .. " --from " .. from .. " --to " .. to
        .. " --case " .. case .. " --reason 'Case " .. case .. ": visits "
        .. "of the director'",
      "reply --request r2 --decision decline --rule IV.A.1"}},
  },
}
