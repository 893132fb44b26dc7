-- who-parked-near.lua - "who parked near the scene?" without a plate.
-- Area sweeps and partial-plate fishing are the over-collection the
-- guidance forbids; a full plate from a patrol stop is the lawful way in.
-- Teaches IV.B, IV.I and IV.A.1.

local now   = sim.date("2026-04-20T08:00:00Z", -20, 20)
local plate = sim.state_plate("KS")
local case  = sim.code("HSI-2026-#####")
local night = sim.days(now, -3):sub(1, 10)
local place = sim.place()
local det   = sim.person()

-- A wildcard or partial plate: any query whose plate holds * % ? _ or is
-- shorter than five characters.
local function fishing(t)
  for _, a in ipairs(t.actions) do
    local p = a.opts.plate
    if a.action == "query" and type(p) == "string"
       and (p:find("[%*%%%?_]") or #p:gsub("[^%w]", "") < 5) then
      return true, "a wildcard or partial plate was run: " .. p
    end
  end
  return false
end

return {
  id = "who-parked-near",
  title = "Who parked near the scene?",
  summary = "No area sweeps, no partial plates: a known plate only.",
  tracks = {"initial"},
  rules = {"IV.B", "IV.I", "IV.A.1"},
  now = now,
  world = {seed = 51, vehicles = 600, days = 30},
  places = {
    {slug = "scene", name = place .. " warehouse", category = "business",
     lat = 38.6012, lon = -97.3301, radius = 150},
  },
  cases = {
    {number = case, type = "criminal", violation = "18USC2314",
     limitation_years = 5, opened = sim.days(now, -2):sub(1, 10),
     title = "Theft of goods from " .. place},
  },
  reads = {
    {id = 900001, plate = plate, state = "KS", at = night .. "T02:40:00Z",
     camera = "LEA-101", confidence = 0.95, make = "Ford", model = "Transit"},
  },
  briefing = "A break-in at the " .. place .. " warehouse on " .. night
    .. " between 02:00 and 04:00 is now case " .. case .. ".  Camera "
    .. "LEA-101 watches the street in front.",
  inbox = {
    {id = "r1", from = det, subject = "Everyone near the warehouse",
     body = "Pull every plate LEA-101 and the cameras around the "
       .. "warehouse saw between 02:00 and 04:00 on " .. night .. ", we'll "
       .. "work the list.", lawful = false},
    {id = "r2", from = det, subject = "Partial plate",
     body = "A witness remembers '" .. plate:sub(1, 2) .. "' and maybe a 4.  "
       .. "Run " .. plate:sub(1, 2) .. "* and see what comes back.",
     lawful = false},
    {id = "r3", from = det, subject = "Van stopped",
     body = "Patrol stopped a van with tools from the warehouse: plate "
       .. plate .. ".  Run it for the night of the break-in.",
     lawful = true},
  },
  objectives = {
    {id = "area", text = "Refuse the area sweep", weight = 30,
     rules = {"IV.B"},
     check = {replied = "r1", decision = "decline", rule = "IV.B"}},
    {id = "partial", text = "Refuse the partial-plate search", weight = 30,
     rules = {"IV.B"},
     check = {replied = "r2", decision = "decline", rule = "IV.B"}},
    {id = "known", text = "Run the van's full plate for the night only",
     weight = 40, rules = {"IV.I", "IV.A.1"},
     check = {did = "query", plate = plate, case = case, max_days = 2}},
  },
  critical = {
    {text = "Ran an area (geographic) query", rules = {"IV.B"},
     check = {did = "geoquery", verdict = "any"}},
    {text = "Ran a wildcard or partial plate", rules = {"IV.B"},
     check = fishing},
  },
  hints = {
    "No plate, no query: IV.B forbids area queries and mass collection.",
  },
  debrief = "A sweep of every car near " .. place .. " collects data on "
    .. "people with no tie to the case; the van's full plate, known from "
    .. "the stop, is what a query may start from.",
  pass = 80,
  solution = {
    "reply --request r1 --decision decline --rule IV.B",
    "reply --request r2 --decision decline --rule IV.B --note 'no "
      .. "partial plates'",
    "query --plate " .. plate .. " --from " .. night .. " --to "
      .. sim.days(night, 1) .. " --case " .. case .. " --reason 'Case "
      .. case .. ": the van stopped with stolen tools, night of the break-in'",
    "reply --request r3 --decision comply",
  },
  pitfalls = {
    {name = "sweeps the area", rule = "IV.B", actions = {
      "geoquery --lat 38.6012 --lon -97.3301 --radius 300 --from " .. night
        .. "T02:00:00Z --to " .. night .. "T04:00:00Z --case " .. case
        .. " --reason 'Case " .. case .. ": vehicles near the warehouse'"}},
    {name = "fishes with a partial plate", rule = "IV.B", actions = {
      "query --plate '" .. plate:sub(1, 2) .. "*' --from " .. night
        .. " --to " .. sim.days(night, 1) .. " --case " .. case
        .. " --reason 'Case " .. case .. ": the witness partial plate'",
      "reply --request r1 --decision decline --rule IV.B"}},
  },
}
