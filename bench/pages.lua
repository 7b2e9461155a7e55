-- A read-heavy mix of pages and API reads, taken in turn by every
-- connection (wrk -s bench/pages.lua).
local paths = {
  "/",
  "/persons",
  "/persons/erlan-baltabay",
  "/organisations/knprk",
  "/events",
  "/events?type=sentence",
  "/cases",
  "/sources",
  "/api/v1/persons?q=baltabai",
  "/api/v1/persons/erlan-baltabay/events",
  "/api/v1/events?from=2019-01-01&to=2019-12-31",
  "/api/v1/status?as_of=2019-11-07",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
