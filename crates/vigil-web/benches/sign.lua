-- One new signer per request: the address carries the run (SIGN_RUN), the
-- wrk thread and a counter, so no address repeats within a run or across
-- the runs of one benchmark (a repeated address is a duplicate: it writes
-- nothing and queues no mail, and would flatter the figure).
local counter = 0
local threads = {}
local run = os.getenv("SIGN_RUN") or tostring(os.time())
setup = function(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end
request = function()
  counter = counter + 1
  local body = string.format('{"name":"Signer","email":"s%s_%d_%d@example.org","country":"KZ","language":"en"}', run, tid, counter)
  return wrk.format("POST", os.getenv("SIGN_PATH") or "/api/v1/campaigns/load/signatures", {["Content-Type"] = "application/json"}, body)
end
