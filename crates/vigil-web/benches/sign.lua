local counter = 0
local thread_id = 0
local threads = {}
setup = function(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end
request = function()
  counter = counter + 1
  local body = string.format('{"name":"Signer","email":"s%d_%d@example.org","country":"KZ","language":"en"}', tid, counter)
  return wrk.format("POST", os.getenv("SIGN_PATH") or "/api/v1/campaigns/load/signatures", {["Content-Type"] = "application/json"}, body)
end
