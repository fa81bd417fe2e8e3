-- Comment submissions: each POST carries one of the pre-fetched visitor sessions (cookie and CSRF
-- token), a comment text from the generator, and a submission key never used before.
-- Each session's headers are put together once, so the load generator's own work per request (it
-- shares the two cores with the server) is only the body and the request line.

local n = 0
local sessions = nil

local function prepared()
  local list = {}
  for i, form in ipairs(bench.forms) do
    local headers = {}
    for name, value in pairs(bench.headers) do
      headers[name] = value
    end
    headers["Cookie"] = form.cookie
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    list[i] = { headers = headers, prefix = "csrf_token=" .. form.token .. "&submission_key=" }
  end
  return list
end

function request()
  sessions = sessions or prepared()
  n = n + 1
  local session = sessions[((tid - 1) * 7919 + n) % #sessions + 1]
  local fields = bench.bodies[(n * 31 + tid) % #bench.bodies + 1]
  local body = session.prefix .. bench.run_id .. "-" .. tid .. "-" .. n .. "&" .. fields
  return wrk.format("POST", bench.path, session.headers, body)
end
