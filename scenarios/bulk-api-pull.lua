-- bulk-api-pull.lua - an analyst wants a script to pull every read of the
-- region through the vendor's API "to find patterns".  Bulk downloads of
-- LPR data to mine for leads are the mass collection the guidance rules
-- out.  Teaches IV.B, IV.L and IV.I.

local now    = sim.date("2026-11-09T09:00:00Z", -20, 20)
local case   = sim.code("HSI-2026-#####")
local st     = sim.pick({"TX", "AZ"})
local target = sim.state_plate(st)
local analyst = sim.person()
local boss   = sim.person()
local from   = sim.days(now, -60):sub(1, 10)
local to     = now:sub(1, 10)

local function bulk(t)
  for _, a in ipairs(t.actions) do
    if a.action == "query" or a.action == "analyze"
        or a.action == "geoquery" then
      local p = a.opts.plate
      if a.action == "geoquery" or p == nil or type(p) ~= "string"
          or p:find("[%*%%%?_]") then
        return true, "a pull without one full plate"
      end
    end
  end
  return false
end

return {
  id = "bulk-api-pull",
  title = "The bulk pull through the API",
  summary = "Analyse the one known plate; no bulk pull to find leads.",
  tracks = {"initial"},
  rules = {"IV.B", "IV.L", "IV.I", "IV.A.1"},
  now = now,
  world = {seed = 181, vehicles = 400, days = 70},
  cases = {
    {number = case, type = "criminal", violation = "18USC1956",
     limitation_years = 5, opened = "2026-08-03",
     title = "Cash couriers for a laundering network"},
  },
  reads = {
    {id = 900001, plate = target, state = st, at = sim.days(now, -20),
     camera = "LEA-205", confidence = 0.96, make = "GMC", model = "Yukon"},
    {id = 900002, plate = target, state = st, at = sim.days(now, -6),
     camera = "TOLL-7", confidence = 0.97, make = "GMC", model = "Yukon"},
  },
  briefing = "Case " .. case .. " follows cash couriers.  One courier "
    .. "vehicle is known: plate " .. target .. ".  An analyst has written "
    .. "a script against the vendor's API.",
  inbox = {
    {id = "r1", from = analyst, subject = "API pull",
     body = "My script can pull every read in the region for the last two "
       .. "months (plate '*').  Run it under " .. case .. " and I'll find "
       .. "the other couriers from the patterns.",
     lawful = false},
    {id = "r2", from = boss, subject = "Courier pattern",
     body = "Analyse " .. target .. " for the last 60 days: which days and "
       .. "routes does the courier run?",
     lawful = true},
  },
  objectives = {
    {id = "analyze", text = "Analyse the known courier plate",
     weight = 35, rules = {"IV.L", "IV.A.1"},
     check = {did = "analyze", plate = target, case = case}},
    {id = "decline", text = "Decline the bulk pull", weight = 35,
     rules = {"IV.B"},
     check = {replied = "r1", decision = "decline", rule = "IV.B"}},
    {id = "one", text = "Keep every pull to one full plate", weight = 15,
     rules = {"IV.I"}, check = function(t) return not bulk(t) end},
    {id = "answer", text = "Answer the supervisor", weight = 15,
     rules = {"IV.L"}, check = {replied = "r2", decision = "comply"}},
  },
  critical = {
    {text = "Tried a pull without a full plate", rules = {"IV.B", "IV.I"},
     check = bulk},
  },
  hints = {
    "One known plate per query or analysis; no wildcards, no areas.",
  },
  debrief = "The guidance: \"ICE will not engage in the mass collection of "
    .. "LPR data in order to identify targets or investigative leads\" "
    .. "(IV.B); \"All queries ... will be based on a license plate number "
    .. "queried by ICE law enforcement personnel\" (IV.I); analysis serves "
    .. "\"a suspect vehicle where a license plate number is known\" (IV.L).",
  pass = 80,
  solution = {
    "analyze --plate " .. target .. " --from " .. from .. " --to " .. to
      .. " --case " .. case .. " --reason 'Case " .. case .. ": days and "
      .. "routes of the courier vehicle'",
    "reply --request r2 --decision comply",
    "reply --request r1 --decision decline --rule IV.B --note 'no bulk "
      .. "pulls to find leads'",
  },
  pitfalls = {
    {name = "runs the script", rule = "IV.B", actions = {
      "query --plate '*' --from " .. from .. " --to " .. to .. " --case "
        .. case .. " --reason 'Case " .. case .. ": patterns of couriers "
        .. "in the region'",
      "reply --request r1 --decision comply"}},
    {name = "analyses everything", rule = "IV.I", actions = {
      "analyze --plate '*' --from " .. from .. " --to " .. to .. " --case "
        .. case .. " --reason 'Case " .. case .. ": patterns of couriers "
        .. "in the region'",
      "reply --request r1 --decision decline --rule IV.B",
      "reply --request r2 --decision comply"}},
  },
}
