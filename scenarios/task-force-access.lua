-- task-force-access.lua - a newly assigned task-force officer, not yet
-- trained, was refused by the system and asks to use your logged-in
-- terminal.  Shared sessions and untrained users behind someone else's
-- account are a recurring finding of LPR audits.  Teaches IV.H, IV.A.1
-- and IV.M.1.

local now    = sim.date("2026-01-26T13:00:00Z", -20, 20)
local case   = sim.code("HSI-2026-#####")
local a, b   = sim.plate("@@@####"), sim.plate("@@#-####")
local target = sim.pick({a, b})
local other  = target == a and b or a
local tfo    = sim.person()
local boss   = sim.person()
local from   = sim.days(now, -14):sub(1, 10)
local to     = now:sub(1, 10)

return {
  id = "task-force-access",
  title = "The terminal left logged in",
  summary = "Access is for trained people only: no shared session; run "
    .. "the case's plate yourself.",
  tracks = {"initial"},
  rules = {"IV.H", "IV.A.1", "IV.M.1"},
  now = now,
  world = {seed = 211, vehicles = 300, days = 30},
  people = {{id = "tfo", name = tfo, role = "trainee", trained = false}},
  cases = {
    {number = case, type = "criminal", violation = "21USC846",
     limitation_years = 5, opened = "2025-11-17",
     title = "Joint task force: fentanyl distribution"},
  },
  reads = {
    {id = 900001, plate = target, state = "PA", at = sim.days(now, -4),
     camera = "LEA-205", confidence = 0.96, make = "Jeep",
     model = "Cherokee"},
    {id = 900002, plate = other, state = "PA", at = sim.days(now, -2),
     camera = "LEA-101", confidence = 0.97, make = "Audi", model = "A4"},
  },
  setup_actions = {
    {user = "tfo", at = sim.hours(now, -2), line = "query --plate " .. target
       .. " --from " .. from .. " --to " .. to .. " --case " .. case
       .. " --reason 'Case " .. case .. ": trips of the stash-house Jeep'"},
  },
  briefing = "You are on joint task force case " .. case .. ".  "
    .. tfo .. " (user 'tfo') joined the task force this week and has not "
    .. "done the LPR training yet; the system refused the first query.  "
    .. "The case's vehicle is the stash-house Jeep, plate " .. target .. ".",
  inbox = {
    {id = "r1", from = tfo, subject = "your terminal",
     body = "The system locked me out.  You're logged in on the squad-room "
       .. "terminal: go get a coffee and let me run my plates for ten "
       .. "minutes.",
     lawful = false},
    {id = "r2", from = boss, subject = "Jeep",
     body = "Run the stash-house Jeep for " .. case .. ", last two weeks, "
       .. "and brief the task force.",
     lawful = true},
    {id = "r3", from = tfo, subject = "one more",
     body = "While you're at it, run " .. other .. " too.  Nice Audi I keep "
       .. "seeing at my gym, I'm curious who can afford it.",
     lawful = false},
  },
  objectives = {
    {id = "terminal", text = "Refuse the shared session: the officer is "
       .. "not trained", weight = 40, rules = {"IV.H"},
     check = {replied = "r1", decision = "decline", rule = "IV.H"}},
    {id = "query", text = "Run the Jeep for the case yourself", weight = 25,
     rules = {"IV.A.1"},
     check = {did = "query", plate = target, case = case}},
    {id = "audit", text = "Your audit entry names the case in its reason",
     weight = 15, rules = {"IV.M.1"},
     check = {audit_has = {plate = target, case = case, verdict = "allow",
                           reason_has = case}}},
    {id = "curious", text = "Decline the curiosity look-up", weight = 20,
     rules = {"IV.A.1"},
     check = {replied = "r3", decision = "decline", rule = "IV.A.1"}},
  },
  critical = {
    {text = "Ran a plate out of curiosity", rules = {"IV.A.1"},
     check = {did = "query", plate = other, verdict = "any"}},
  },
  hints = {
    "Whoever sits at the keyboard, the audit log says it was you.",
    "reply --request r1 --decision decline --rule IV.H --note '...'",
  },
  debrief = "The guidance: \"Before accessing commercial or other LEA LPR "
    .. "databases, ICE personnel will first be trained on the requirements "
    .. "for use to ensure compliance with this guidance\" (IV.H).  Letting "
    .. tfo .. " use your session would have put an untrained user's "
    .. "queries in the audit log under your name (IV.M.1).",
  pass = 80,
  solution = {
    "query --plate " .. target .. " --from " .. from .. " --to " .. to
      .. " --case " .. case .. " --reason 'Case " .. case .. ": trips of "
      .. "the stash-house Jeep, last two weeks'",
    "reply --request r2 --decision comply",
    "reply --request r1 --decision decline --rule IV.H --note 'no access "
      .. "before the training'",
    "reply --request r3 --decision decline --rule IV.A.1 --note 'no "
      .. "investigation behind it'",
  },
  pitfalls = {
    {name = "lends the terminal", rule = "IV.H", actions = {
      "query --plate " .. target .. " --from " .. from .. " --to " .. to
        .. " --case " .. case .. " --reason 'Case " .. case .. ": trips "
        .. "of the stash-house Jeep'",
      "reply --request r1 --decision comply",
      "reply --request r3 --decision decline --rule IV.A.1"}},
    {name = "runs the Audi", rule = "IV.A.1", actions = {
      "query --plate " .. other .. " --from " .. from .. " --to " .. to
        .. " --case " .. case .. " --reason 'Case " .. case .. ": vehicle "
        .. "seen near a task force member'",
      "reply --request r1 --decision decline --rule IV.H"}},
  },
}
