-- wrk script: a trainer saves one meeting's attendance again and again, as the attendance screen does.
-- Each save is a pair: GET the screen (its antiforgery token, the meeting's version token and the member
-- list), then POST the form with them. The version changes with every save (a stale version answers 409),
-- so the next POST always carries the version the last GET read. Each thread works on its own meeting
-- (MEETINGS: comma-separated ids) with ONE connection, so saves never race each other; the first member's
-- mark toggles between present and excused, so every save changes one row (and writes its audit row).
-- Requests per second = screens + saves: saves per second is half of it.

local group = os.getenv("GROUP")
local meetings = {}
for id in string.gmatch(os.getenv("MEETINGS") or "", "[^,]+") do
  table.insert(meetings, id)
end
local cookie = os.getenv("COOKIE")

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("meeting", meetings[((counter - 1) % #meetings) + 1])
  table.insert(threads, thread)
end

local path
local state = "get"
local form = nil
local toggle = 0
saves, conflicts, failures = 0, 0, 0 -- globals: done() reads them with thread:get

function init(args)
  path = "/groups/" .. group .. "/meetings/" .. meeting .. "/attendance"
end

local function urlencode(s)
  return (string.gsub(s, "[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function request()
  local headers = { ["Cookie"] = cookie }
  if state == "post" and form ~= nil then
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    return wrk.format("POST", path, headers, form)
  end
  return wrk.format("GET", path, headers)
end

function response(status, headers, body)
  if state == "get" then
    local token = string.match(body, 'name="__RequestVerificationToken" type="hidden" value="([^"]+)"')
      or string.match(body, 'value="([^"]+)" name="__RequestVerificationToken"')
      or string.match(body, '__RequestVerificationToken"[^>]-value="([^"]+)"')
    local version = string.match(body, 'name="Version" value="([^"]+)"')
    if status ~= 200 or token == nil or version == nil then
      failures = failures + 1
      form = nil
      return
    end
    local parts = { "__RequestVerificationToken=" .. urlencode(token), "Version=" .. urlencode(version) }
    local i = 0
    for person in string.gmatch(body, 'name="Rows%[%d+%]%.PersonId" value="([^"]+)"') do
      local mark = "Present"
      if i == 0 and toggle % 2 == 1 then mark = "Excused" end
      table.insert(parts, "Rows[" .. i .. "].PersonId=" .. urlencode(person))
      table.insert(parts, "Rows[" .. i .. "].Mark=" .. mark)
      i = i + 1
    end
    toggle = toggle + 1
    form = table.concat(parts, "&")
    state = "post"
  else
    if status == 302 then saves = saves + 1
    elseif status == 409 then conflicts = conflicts + 1
    else failures = failures + 1 end
    state = "get"
  end
end

function done(summary, latency, requests)
  local s, c, f = 0, 0, 0
  for _, thread in ipairs(threads) do
    s = s + (thread:get("saves") or 0)
    c = c + (thread:get("conflicts") or 0)
    f = f + (thread:get("failures") or 0)
  end
  io.write(string.format("attendance saves: %d saved (302), %d conflicts (409), %d failed\n", s, c, f))
end
