-- bench-query.lua - the scenario of the TUI bench (tests/bench/tui.sh):
-- a large background world and one known plate, so that the time from
-- Enter on the query form to the drawn results can be measured.
local now = "2026-03-02T09:00:00Z"
return {
  id = "bench-query",
  title = "Bench query",
  rules = {"IV.A.1", "IV.J.1", "IV.M.1"},
  now = now,
  world = {seed = 5, vehicles = 20000, days = 365, reads_per_vehicle = 50},
  cases = {
    {number = "HSI-2026-00001", type = "criminal", violation = "18USC1343",
     limitation_years = 5, opened = "2025-11-03", title = "Bench case"},
  },
  reads = {
    {id = 990001, plate = "BNCH001", state = "VA", at = sim.days(now, -12),
     camera = "LEA-101", confidence = 0.97},
    {id = 990002, plate = "BNCH001", state = "VA", at = sim.days(now, -5),
     camera = "LEA-102", confidence = 0.55},
  },
  briefing = "Bench: query BNCH001 for case HSI-2026-00001.",
  objectives = {
    {id = "query", text = "Run BNCH001", weight = 100,
     rules = {"IV.A.1"}, check = {did = "query", plate = "BNCH001",
                                  case = "HSI-2026-00001"}},
  },
  solution = {
    "query --plate BNCH001 --from 2026-01-01 --to 2026-03-02 --case "
      .. "HSI-2026-00001 --reason 'bench query of the target vehicle'",
  },
}
