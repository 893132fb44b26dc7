-- lapsed-training.lua - a colleague's annual privacy training has lapsed,
-- the system now refuses her, and she asks you to run seven years of her
-- civil case's plate and send her the results.  Training audits find
-- lapsed users getting results through colleagues.  Teaches IV.H (trained
-- before access, every year), IV.J.2 (five years for a civil matter) and
-- IV.A.1.

local now    = sim.date("2026-09-02T09:00:00Z", -20, 20)
local plate  = sim.state_plate("NM")
local case   = sim.code("ERO-2026-####")
local start5 = sim.days(sim.years(now, -5), 1):sub(1, 10)
local limit  = sim.years(now, -5):sub(1, 10)
local seven  = sim.years(now, -7):sub(1, 10)
local boss   = sim.person()
local lapsed = sim.person()
local ids    = sim.shuffle({"r1", "r2"})
local lawful = ids[1]
local asked  = ids[2]

local inbox = {}
inbox[lawful == "r1" and 1 or 2] = {
  id = lawful, from = boss, subject = "Take over " .. case,
  body = "Until " .. lapsed .. " has renewed her annual training, " .. case
    .. " is yours.  Run " .. plate .. " for the hearing, as far back as a "
    .. "civil matter allows, and keep the results in the case file.",
  lawful = true}
inbox[asked == "r1" and 1 or 2] = {
  id = asked, from = lapsed, subject = "blocked",
  body = "My annual privacy training lapsed and the system refuses me.  "
    .. "It's only paperwork.  Run " .. plate .. " back to " .. seven
    .. " (he came in then) and mail me the results so I can keep working.",
  lawful = false}

return {
  id = "lapsed-training",
  title = "The training that lapsed",
  summary = "Results only for the trained; a civil look-back of five years.",
  tracks = {"refresher"},
  rules = {"IV.H", "IV.J.2", "IV.A.1"},
  now = now,
  world = {seed = 317, vehicles = 300, days = 60},
  people = {{id = "dmoss", name = lapsed, role = "trainee", trained = false}},
  cases = {
    {number = case, type = "civil", opened = "2026-03-16",
     title = "Removal proceedings: residence history"},
  },
  reads = {
    {id = 900101, plate = plate, state = "NM", at = sim.days(now, -2300),
     camera = "LEA-101", confidence = 0.95, make = "Chevrolet", model = "Malibu"},
    {id = 900102, plate = plate, state = "NM", at = sim.days(now, -700),
     camera = "TOLL-7", confidence = 0.96, make = "Chevrolet", model = "Malibu"},
    {id = 900103, plate = plate, state = "NM", at = sim.days(now, -30),
     camera = "LEA-102", confidence = 0.97, make = "Chevrolet", model = "Malibu"},
  },
  setup_actions = {
    {user = "dmoss", at = sim.days(now, -1), line = "query --plate " .. plate
       .. " --from " .. start5 .. " --to " .. sim.days(now, -1):sub(1, 10)
       .. " --case " .. case .. " --reason 'Case " .. case
       .. ": residence history of the respondent vehicle'"},
  },
  briefing = "Case " .. case .. " is a civil immigration matter.  "
    .. lapsed .. " (user 'dmoss') worked it until yesterday, when the "
    .. "system refused her query: her annual training has lapsed.",
  inbox = inbox,
  objectives = {
    {id = "query", text = "Run " .. plate .. " for " .. case
       .. " within the previous five years", weight = 35,
     rules = {"IV.J.2", "IV.A.1"},
     check = {did = "query", plate = plate, case = case,
              from_min = sim.years(now, -5)}},
    {id = "comply", text = "Take the case over as asked", weight = 20,
     rules = {"IV.A.1"}, check = {replied = lawful, decision = "comply"}},
    {id = "decline", text = "Decline to pass results to an untrained user",
     weight = 45, rules = {"IV.H"},
     check = {replied = asked, decision = "decline", rule = "IV.H"}},
  },
  critical = {
    {text = "Queried beyond five years for a civil matter", rules = {"IV.J.2"},
     check = function(t)
       for _, a in ipairs(t.actions) do
         if a.action == "query" and type(a.opts.from) == "string"
            and a.opts.from:sub(1, 10) < limit then
           return true, "a query reached back to " .. a.opts.from
         end
       end
       return false
     end},
  },
  hints = {
    "Training comes before access, and it is renewed every year: IV.H.",
    "A civil matter looks back five years from today, whatever the entry date.",
  },
  debrief = "The guidance: \"Before accessing commercial or other LEA LPR "
    .. "databases, ICE personnel will first be trained on the requirements "
    .. "for use to ensure compliance with this guidance.  ICE personnel "
    .. "will also complete mandatory annual privacy and records training\" "
    .. "(IV.H), and \"For civil immigration matters, ICE will limit queries "
    .. "to the previous five years\" (IV.J.2).  Five years back from "
    .. now:sub(1, 10) .. " is " .. start5 .. ", not " .. seven .. ".",
  pass = 80,
  solution = {
    "query --plate " .. plate .. " --from " .. start5 .. " --to "
      .. now:sub(1, 10) .. " --case " .. case .. " --reason 'Case " .. case
      .. ": residence history of the respondent vehicle for the hearing'",
    "reply --request " .. lawful .. " --decision comply --rule IV.J.2",
    "reply --request " .. asked .. " --decision decline --rule IV.H "
      .. "--note 'renew the training first'",
  },
  pitfalls = {
    {name = "seven years as asked", rule = "IV.J.2", actions = {
      "query --plate " .. plate .. " --from " .. seven .. " --to "
        .. now:sub(1, 10) .. " --case " .. case .. " --reason 'Case " .. case
        .. ": residence history of the respondent vehicle'",
      "reply --request " .. asked .. " --decision decline --rule IV.H"}},
    {name = "mails her the results", rule = "IV.H", actions = {
      "query --plate " .. plate .. " --from " .. start5 .. " --to "
        .. now:sub(1, 10) .. " --case " .. case .. " --reason 'Case " .. case
        .. ": residence history of the respondent vehicle for the hearing'",
      "reply --request " .. lawful .. " --decision comply",
      "reply --request " .. asked .. " --decision comply"}},
  },
}
