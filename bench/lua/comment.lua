-- Comment submissions: each POST carries one of the pre-fetched visitor sessions (cookie and CSRF
-- token), a comment text from the generator, and a submission key never used before.

local n = 0

function request()
  n = n + 1
  local form = bench.forms[((tid - 1) * 7919 + n) % #bench.forms + 1]
  local fields = bench.bodies[(n * 31 + tid) % #bench.bodies + 1]
  local key = bench.run_id .. "-" .. tid .. "-" .. n
  local headers = {}
  for name, value in pairs(bench.headers) do
    headers[name] = value
  end
  headers["Cookie"] = form.cookie
  headers["Content-Type"] = "application/x-www-form-urlencoded"
  local body = "csrf_token=" .. form.token .. "&submission_key=" .. key .. "&" .. fields
  return wrk.format("POST", bench.path, headers, body)
end
