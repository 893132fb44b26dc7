-- hot-plate-email.lua - a "hot plate" and its reads passed around by
-- e-mail to a list that includes a towing company's spotters.  LPR data
-- forwarded outside the agency, to private recovery firms among others,
-- is a documented leak.  Teaches IV.C (no contribution to commercial
-- parties), IV.G and IV.F (a relevant commercial read goes to the case
-- file) and IV.A.1.

local now    = sim.date("2026-02-17T11:00:00Z", -20, 20)
local case   = sim.code("HSI-2026-#####")
local a, b   = sim.plate("@@@-####"), sim.plate("#@@@###")
local target = sim.pick({a, b})
local other  = target == a and b or a
local tow    = sim.place() .. " Towing and Recovery LLC"
local tf     = sim.person()
local boss   = sim.person()
local t_read = target == a and 900001 or 900002
local o_read = target == a and 900002 or 900001

return {
  id = "hot-plate-email",
  title = "The hot plate on the mailing list",
  summary = "Keep the target's reads in the case file; send nothing to a "
    .. "private company.",
  tracks = {"initial"},
  rules = {"IV.C", "IV.G", "IV.F", "IV.A.1"},
  now = now,
  world = {seed = 161, vehicles = 200, days = 30},
  cases = {
    {number = case, type = "criminal", violation = "18USC2312",
     limitation_years = 5, opened = "2025-12-01",
     title = "Interstate transport of stolen vehicles"},
  },
  hotlists = {
    {name = "main", created = "2025-12-02", reviewed = "2025-12-02",
     entries = {{plate = target, case = case,
                 tracking = sim.code("TRK-####"), added = "2025-12-02"}}},
  },
  reads = {
    {id = 900001, plate = a, state = "NJ", at = sim.days(now, -5),
     camera = "TOLL-7", confidence = 0.96, make = "Dodge", model = "Ram"},
    {id = 900002, plate = b, state = "NJ", at = sim.days(now, -4),
     camera = "TOLL-7", confidence = 0.95, make = "Dodge", model = "Ram"},
  },
  briefing = "Case " .. case .. " tracks a stolen-vehicle ring.  The "
    .. "hotlisted pickup of the case is " .. target .. ".  A toll export "
    .. "came back with two Dodge Ram reads: 900001 (" .. a .. ") and "
    .. "900002 (" .. b .. ").",
  inbox = {
    {id = "r1", from = boss, subject = "Toll reads",
     body = "Put the toll read of the case's pickup into the case file of "
       .. case .. ".  Only that one.",
     lawful = true},
    {id = "r2", from = tf, subject = "FW: hot plate",
     body = "Forward both Dodge reads to the regional hot-plate list.  "
       .. tow .. " is on it: their spotters drive all night and will call "
       .. "us when they see the truck.",
     lawful = false},
  },
  objectives = {
    {id = "upload", text = "Upload the pickup's read to the case file",
     weight = 40, rules = {"IV.G", "IV.F", "IV.A.1"},
     check = {did = "upload", case = case,
              opts = {read = tostring(t_read)}}},
    {id = "decline", text = "Refuse to send LPR data to a towing company",
     weight = 40, rules = {"IV.C"},
     check = {replied = "r2", decision = "decline", rule = "IV.C"}},
    {id = "answer", text = "Tell the supervisor it is done", weight = 20,
     rules = {"IV.G"}, check = {replied = "r1", decision = "comply"}},
  },
  critical = {
    {text = "Sent LPR data towards a private company", rules = {"IV.C"},
     check = {did = "share", verdict = "any"}},
    {text = "Put the other pickup's read in the case file",
     rules = {"IV.G"},
     check = {did = "upload", verdict = "any",
              opts = {read = tostring(o_read)}}},
  },
  hints = {
    "Which plate is on the hotlist for the case?  Only its read pertains.",
    "A towing company is a commercial party, whatever list it is on.",
  },
  debrief = "The guidance: \"LPR data collected from commercial or other "
    .. "LEA LPR databases may be uploaded to existing ICE systems (e.g., "
    .. "ICM) when it is found to be relevant to the investigation as a "
    .. "result of queries of those LPR systems\" (IV.F); \"ICE will not "
    .. "contribute LPR data to "
    .. "commercially-available LPR databases\" (IV.C), and relevant data "
    .. "\"will be retained in the case file ... to which the data pertains "
    .. "and not in an aggregated database\" (IV.G).  Read " .. t_read
    .. " belongs to case " .. case .. "; " .. other .. " is another "
    .. "owner's pickup.",
  pass = 80,
  solution = {
    "upload --read " .. t_read .. " --case " .. case,
    "reply --request r1 --decision comply",
    "reply --request r2 --decision decline --rule IV.C --note 'no LPR "
      .. "data to private companies'",
  },
  pitfalls = {
    {name = "forwards to the tow company", rule = "IV.C", actions = {
      "upload --read " .. t_read .. " --case " .. case,
      "reply --request r1 --decision comply",
      "share --to '" .. tow .. "' --read " .. t_read .. " --case " .. case,
      "reply --request r2 --decision comply"}},
    {name = "uploads both", rule = "IV.G", actions = {
      "upload --read 900001 --read 900002 --case " .. case,
      "reply --request r1 --decision comply",
      "reply --request r2 --decision decline --rule IV.C"}},
  },
}
