-- copied-reasons.lua - the quarterly review finds one colleague whose
-- every query carries the same pasted reason, on plates of cars the case
-- never mentions.  Audits of LPR programmes repeatedly find boilerplate
-- reasons hiding look-ups nobody can explain.  Teaches IV.M.2 (review the
-- logs each quarter and refer non-compliance) and IV.M.1 (each query
-- records its own reason).

local now    = sim.date("2026-06-18T09:00:00Z", -8, 7)
local case   = sim.code("HSI-2026-#####")
local pair   = sim.shuffle({"akane", "borel"})
local bad    = pair[1]
local good   = pair[2]
local names  = {akane = sim.person(), borel = sim.person()}
local p1, p2, p3 = sim.plate("@@@####"), sim.plate("###-@@@"), sim.plate("@@#-####")
local tgt    = sim.plate("@@@-###")
local boss   = sim.person()
local paste  = "Case " .. case .. ": vehicle of interest"

local function q(user, plate, back, reason)
  return {user = user, at = sim.days(now, back), line = "query --plate "
    .. plate .. " --from " .. sim.days(now, back - 30):sub(1, 10) .. " --to "
    .. sim.days(now, back):sub(1, 10) .. " --case " .. case
    .. " --reason '" .. reason .. "'"}
end

return {
  id = "copied-reasons",
  title = "The same reason, three times",
  summary = "Run the quarterly review, refer the colleague with pasted reasons, paste none yourself.",
  tracks = {"refresher"},
  rules = {"IV.M.2", "IV.M.1"},
  now = now,
  world = {seed = 307, vehicles = 300, days = 80},
  people = {{id = "akane", name = names.akane, role = "trainee"},
            {id = "borel", name = names.borel, role = "trainee"}},
  cases = {
    {number = case, type = "criminal", violation = "18USC1343",
     limitation_years = 5, opened = "2026-02-02",
     title = "Wire fraud through a car dealership"},
  },
  reads = {
    {id = 900081, plate = tgt, state = "VA", at = sim.days(now, -35),
     camera = "LEA-101", confidence = 0.96, make = "Audi", model = "A6"},
    {id = 900082, plate = p1, state = "VA", at = sim.days(now, -30),
     camera = "LEA-102", confidence = 0.95, make = "Mini", model = "Cooper"},
    {id = 900083, plate = p2, state = "MD", at = sim.days(now, -25),
     camera = "LEA-205", confidence = 0.95, make = "Jeep", model = "Wrangler"},
    {id = 900084, plate = p3, state = "VA", at = sim.days(now, -20),
     camera = "LEA-101", confidence = 0.94, make = "Fiat", model = "500"},
  },
  setup_actions = {
    q(good, tgt, -33, "Case " .. case .. ": the dealer car, visits to the "
      .. "title office before the wire"),
    q(bad, p1, -28, paste),
    q(bad, p2, -22, paste),
    q(bad, p3, -15, paste),
  },
  briefing = "You are the reviewer for case " .. case .. " this quarter.  "
    .. names.akane .. " (user 'akane') and " .. names.borel .. " (user "
    .. "'borel') ran its queries.  The case's only vehicle is the dealer's "
    .. "car " .. tgt .. ".",
  inbox = {
    {id = "r1", from = boss, subject = "Quarterly review",
     body = "The quarter's audit review for " .. case .. " is due.  Run it "
       .. "and refer anything that is not compliant.",
     lawful = true},
    {id = "r2", from = names[bad], subject = "reasons",
     body = "Reasons are a chore.  I paste '" .. paste .. "' on all my "
       .. "runs; do the same and nobody will ask.  And the review can just "
       .. "say clean, right?",
     lawful = false},
  },
  objectives = {
    {id = "review", text = "Run the quarterly audit review", weight = 30,
     rules = {"IV.M.2"}, check = {did = "audit review"}},
    {id = "refer", text = "Refer " .. names[bad] .. "'s look-ups",
     weight = 35, rules = {"IV.M.2", "IV.M.1"},
     check = {did = "refer", opts = {person = bad}}},
    {id = "decline", text = "Decline to paste a reason or call the review "
       .. "clean", weight = 35, rules = {"IV.M.1"},
     check = {replied = "r2", decision = "decline", rule = "IV.M.1"}},
  },
  critical = {
    {text = "Referred the colleague whose reasons were real",
     rules = {"IV.M.2"},
     check = {did = "refer", verdict = "any", opts = {person = good}}},
  },
  hints = {
    "audit review --quarter 2026Q2 lists the quarter's entries and problems.",
    "Three plates the case never mentions, one pasted reason: that is what a referral is for.",
    "refer --person ID --entry N --reason TEXT.",
  },
  debrief = "The guidance: the audit log holds \"the reasons for executing "
    .. "the query\" (IV.M.1), and \"ICE personnel should review audit logs "
    .. "at least quarterly to ensure compliance with this guidance.  "
    .. "Non-compliance, including inappropriate access and use, may be "
    .. "referred to the ICE Office of Professional Responsibility (OPR), "
    .. "when appropriate\" (IV.M.2).  " .. names[good] .. "'s reason named "
    .. "what the query was for; '" .. paste .. "' on " .. p1 .. ", " .. p2
    .. " and " .. p3 .. " named nothing.",
  pass = 80,
  solution = {
    "audit review --quarter 2026Q2",
    "refer --person " .. bad .. " --entry 2 --entry 3 --entry 4 --reason "
      .. "'three plates outside case " .. case .. " under one pasted reason'",
    "reply --request r1 --decision comply --note 'reviewed; " .. bad
      .. " referred'",
    "reply --request r2 --decision decline --rule IV.M.1 --note 'each "
      .. "query needs its own reason'",
  },
  pitfalls = {
    {name = "calls it clean", rule = "IV.M.2", actions = {
      "audit review --quarter 2026Q2",
      "reply --request r1 --decision comply --note clean",
      "reply --request r2 --decision comply"}},
    {name = "goes along with the paste", rule = "IV.M.1", actions = {
      "audit review --quarter 2026Q2",
      "refer --person " .. bad .. " --entry 2 --reason 'vague reasons'",
      "reply --request r2 --decision comply"}},
  },
}
