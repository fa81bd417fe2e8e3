-- GET (or a fixed POST) with a browser's headers, cycling through bench.paths.
-- With bench.stride (the number of wrk threads) the threads take turns through the list, so no path
-- is requested twice until the whole list has been used (the distinct-query search measure).

local n = 0

function request()
  n = n + 1
  local i = n + tid
  if bench.stride then
    i = (n - 1) * bench.stride + tid - 1
  end
  local path = bench.paths[i % #bench.paths + 1]
  return wrk.format(bench.method, path, bench.headers, bench.body)
end
