-- run-for-a-colleague.lua - "can you run this plate for me?"  Misuse
-- cases keep the same shape: a colleague asks for a quick look-up under
-- someone else's case, or to borrow a login.  Teaches IV.A.1 (a use tied
-- to your investigation), IV.H (access only for trained people) and IV.I.

local now     = sim.date("2026-05-11T14:00:00Z", -20, 20)
local mine    = sim.state_plate("KS")
local theirs  = sim.state_plate("MO")
local case    = sim.code("HSI-2026-#####")
local boss    = sim.person()
local pal     = sim.person()
local from    = sim.days(now, -14):sub(1, 10)
local to      = now:sub(1, 10)

return {
  id = "run-for-a-colleague",
  title = "Can you run this plate for me?",
  summary = "Serve your own case; refuse look-ups and logins for others.",
  tracks = {"initial", "refresher"},
  rules = {"IV.A.1", "IV.H", "IV.I"},
  now = now,
  world = {seed = 21, vehicles = 400, days = 30},
  people = {{id = "colleague", name = pal, trained = false}},
  cases = {
    {number = case, type = "criminal", violation = "18USC1956",
     limitation_years = 5, opened = "2026-02-02",
     title = "Money laundering through used-car lots"},
  },
  reads = {
    {id = 900001, plate = mine, state = "KS", at = sim.days(now, -3),
     camera = "LEA-102", confidence = 0.96, make = "Ford", model = "F-150"},
    {id = 900002, plate = theirs, state = "MO", at = sim.days(now, -2),
     camera = "LEA-101", confidence = 0.98, make = "Kia", model = "Soul"},
  },
  briefing = "You are on case " .. case .. " (money laundering).  Three "
    .. "messages wait in your inbox.  Access to LPR data is for your "
    .. "investigation only, and only for people who completed the "
    .. "training.",
  inbox = {
    {id = "r1", from = boss, subject = "Lot manager's truck",
     body = "Run " .. mine .. " for " .. case .. ", last two weeks: does "
       .. "the lot manager drive to the bank on deposit days?",
     lawful = true},
    {id = "r2", from = pal, subject = "quick favour",
     body = "Can you run " .. theirs .. " for me?  Just put it under your "
       .. "case number, nobody checks.  It's the car that keeps blocking my "
       .. "driveway, I want to know whose it is.",
     lawful = false},
    {id = "r3", from = pal, subject = "your login",
     body = "My LPR account isn't set up until after the training next "
       .. "month.  Can I use your login this afternoon?",
     lawful = false},
  },
  objectives = {
    {id = "query", text = "Run " .. mine .. " for your case " .. case,
     weight = 30, rules = {"IV.A.1", "IV.I"},
     check = {did = "query", plate = mine, case = case}},
    {id = "favour", text = "Refuse the driveway look-up: it serves no "
       .. "investigation", weight = 40, rules = {"IV.A.1"},
     check = {replied = "r2", decision = "decline", rule = "IV.A.1"}},
    {id = "login", text = "Refuse to share your login with someone not yet "
       .. "trained", weight = 30, rules = {"IV.H"},
     check = {replied = "r3", decision = "decline", rule = "IV.H"}},
  },
  critical = {
    {text = "Ran a plate that belongs to no investigation of yours",
     rules = {"IV.A.1"},
     check = {did = "query", plate = theirs, verdict = "any"}},
  },
  hints = {
    "A case number does not make a look-up lawful: the plate must belong "
      .. "to that investigation.",
    "Answer a request with: reply --request r2 --decision decline --rule "
      .. "IV.A.1 --note '...'",
  },
  debrief = "Running " .. theirs .. " under " .. case .. " would have put a "
    .. "false purpose in the audit log; lending a login lets an untrained "
    .. "person in under your name.  Both are the misuse audits find most.",
  pass = 80,
  solution = {
    "query --plate " .. mine .. " --from " .. from .. " --to " .. to
      .. " --case " .. case .. " --reason 'Case " .. case
      .. ": trips of the lot manager truck to the bank on deposit days'",
    "reply --request r1 --decision comply --note 'one read, at LEA-102'",
    "reply --request r2 --decision decline --rule IV.A.1 --note 'not "
      .. "part of any case; call the parking office'",
    "reply --request r3 --decision decline --rule IV.H --note 'no access "
      .. "before your training'",
  },
  pitfalls = {
    {name = "runs the neighbour's plate", rule = "IV.A.1", actions = {
      "query --plate " .. mine .. " --from " .. from .. " --to " .. to
        .. " --case " .. case .. " --reason 'Case " .. case
        .. ": trips of the lot manager truck to the bank'",
      "query --plate " .. theirs .. " --from " .. from .. " --to " .. to
        .. " --case " .. case .. " --reason 'Case " .. case
        .. ": vehicle seen near the lot'",
      "reply --request r2 --decision decline --rule IV.A.1",
      "reply --request r3 --decision decline --rule IV.H"}},
    {name = "lends the login", rule = "IV.H", actions = {
      "query --plate " .. mine .. " --from " .. from .. " --to " .. to
        .. " --case " .. case .. " --reason 'Case " .. case
        .. ": trips of the lot manager truck to the bank'",
      "reply --request r2 --decision decline --rule IV.A.1",
      "reply --request r3 --decision comply"}},
  },
}
