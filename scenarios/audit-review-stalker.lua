-- audit-review-stalker.lua - the quarterly audit review that must find one
-- user's repeated look-ups of the same plate under changing reasons: the
-- pattern of an officer tracking an ex-partner, found in real audits of
-- LPR and records systems.  Teaches IV.M.2 and IV.M.1.

local now     = "2026-04-06T09:00:00Z"
local victim  = sim.plate("@@@####")
local c1      = sim.code("HSI-2026-#####")
local c2      = sim.code("HSI-2025-#####")
-- the variant decides who tracked the plate: the right referral differs
-- from seed to seed, so knowing the file is not enough to pass
local pair    = sim.shuffle({"rhale", "tmoss"})
local officer = pair[1]
local honest  = pair[2]
local privacy = sim.person()

-- The quarter's queries are run by the real engine before the trainee
-- starts (sim.act): the audit log under review holds the verdicts, rules
-- and results the policy engine gave them.
local function query(user, at, plate, case, reason)
  sim.act(user, at, "query --plate " .. plate .. " --from "
    .. sim.days(at, -30):sub(1, 10) .. " --to " .. at:sub(1, 10)
    .. " --case " .. case .. ' --reason "' .. reason .. '"')
end
local reasons = {
  "Case " .. c1 .. ": vehicle of interest near the port",
  "BOLO check from a partner agency",
  "Informant tip about a stolen vehicle",
  "Possible witness vehicle, fraud case",
  "Traffic safety follow-up requested by patrol",
  "Vehicle seen near a suspect's address",
}
local runs = {}
local days = {8, 19, 33, 47, 61, 77}
for i = 1, #days do
  runs[#runs + 1] = {officer, sim.days("2026-01-01T21:00:00Z", days[i]),
                     victim, (i % 2 == 1) and c1 or c2, reasons[i]}
end
for i = 1, 6 do
  runs[#runs + 1] = {honest, sim.days("2026-01-05T10:00:00Z", i * 12),
                     sim.plate("@@@####"), c1,
                     "Case " .. c1 .. ": trips of a courier vehicle to the port"}
end
table.sort(runs, function(a, b) return a[2] < b[2] end)
for _, r in ipairs(runs) do query(r[1], r[2], r[3], r[4], r[5]) end

return {
  id = "audit-review-stalker",
  title = "The quarterly audit review",
  summary = "Review a quarter of the audit log and refer what you find.",
  tracks = {"initial", "refresher"},
  rules = {"IV.M.2", "IV.M.1"},
  now = now,
  world = {seed = 81, vehicles = 200, days = 120},
  people = {
    {id = officer, name = sim.person(), role = "trainee"},
    {id = honest, name = sim.person(), role = "trainee"},
  },
  cases = {
    {number = c1, type = "criminal", violation = "18USC545",
     limitation_years = 5, opened = "2025-12-01", title = "Port smuggling"},
    {number = c2, type = "criminal", violation = "18USC1343",
     limitation_years = 5, opened = "2025-02-01", status = "closed",
     closed = "2025-11-30", title = "Wire fraud (closed)"},
  },
  briefing = "You are the reviewer for the first quarter of 2026.  The "
    .. "audit log holds the six fields of every query; your review must "
    .. "find what does not comply and refer it.",
  inbox = {
    {id = "r1", from = privacy, subject = "Q1 review",
     body = "The 2026Q1 audit review is due.  Review the log and report any "
       .. "person whose queries need a referral (name them with --about).",
     lawful = true, culprits = {officer}},
  },
  objectives = {
    {id = "review", text = "Run the audit review of 2026Q1", weight = 30,
     rules = {"IV.M.2"},
     check = {did = "audit review", opts = {quarter = "2026Q1"}}},
    {id = "refer", text = "Report the user who ran one plate again and "
       .. "again under changing reasons", weight = 50,
     rules = {"IV.M.2", "IV.M.1"},
     check = {replied = "r1", decision = "report", about = officer}},
    {id = "fair", text = "Do not refer the colleague whose queries comply",
     weight = 20, rules = {"IV.M.2"},
     check = {none = {{replied = "r1", decision = "report",
                       about = honest}}}},
  },
  hints = {
    "audit review --quarter 2026Q1",
    "Look for one person, one plate, many different reasons.",
  },
  debrief = officer .. " ran " .. victim .. " six times in one quarter, "
    .. "under two cases and six different reasons, one of them a closed "
    .. "case: no investigation explains that.  The review exists to find "
    .. "exactly this.",
  pass = 80,
  solution = {
    "audit review --quarter 2026Q1",
    "reply --request r1 --decision report --about " .. officer .. " --rule "
      .. "IV.M.2 --note 'six look-ups of " .. victim .. " under changing "
      .. "reasons'",
  },
  pitfalls = {
    {name = "refers without reviewing", rule = "IV.M.2", actions = {
      "reply --request r1 --decision report --about " .. officer}},
    {name = "blames the wrong person", rule = "IV.M.2", actions = {
      "audit review --quarter 2026Q1",
      "reply --request r1 --decision report --about " .. honest}},
  },
}
