-- GET (or a fixed POST) with a browser's headers, cycling through bench.paths.

local n = 0

function request()
  n = n + 1
  local path = bench.paths[(n + tid) % #bench.paths + 1]
  return wrk.format(bench.method, path, bench.headers, bench.body)
end
