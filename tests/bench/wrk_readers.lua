-- Readers for run.py's "a change is cheap": wrk's connections read the pages named
-- after "--" in turn, each waiting 1 to 3 s before its next page as a person does
-- (load.py's residents wait as long). The summary is wrk_report.lua's.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "wrk_report.lua")

local paths = {}
local turn = 0

init = function(args)
  paths = args
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16))
  turn = math.random(#paths)
end

request = function()
  turn = turn % #paths + 1
  return wrk.format("GET", paths[turn])
end

delay = function()
  return math.random(1000, 3000)
end
