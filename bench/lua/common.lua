-- Shared by every benchmark script: counts responses by status in each thread and, when the run
-- ends, prints one line "BENCH_JSON {...}" with the totals, the errors and the latency percentiles.
-- bench/load.py puts a table `bench` (paths, headers, form sessions …) in front of this file.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

function init(args)
  statuses = {}
  caches = {}
end

function response(status, headers, body)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
  -- How the page cache answered (X-Cache: hit, miss, stale, bypass), to tell cached figures apart.
  local cache = headers["x-cache"] or headers["X-Cache"]
  if cache then
    caches[cache] = (caches[cache] or 0) + 1
  end
end

local function object(fields)
  local parts = {}
  for key, value in pairs(fields) do
    table.insert(parts, string.format("%q:%s", tostring(key), tostring(value)))
  end
  return "{" .. table.concat(parts, ",") .. "}"
end

function done(summary, latency, requests)
  local merged = {}
  local cached = {}
  for _, thread in ipairs(threads) do
    local counted = thread:get("statuses")
    if counted then
      for status, n in pairs(counted) do
        merged[status] = (merged[status] or 0) + n
      end
    end
    local answered = thread:get("caches")
    if answered then
      for how, n in pairs(answered) do
        cached[how] = (cached[how] or 0) + n
      end
    end
  end
  local percentiles = {}
  for _, p in ipairs({50, 75, 90, 95, 99, 99.9}) do
    percentiles[tostring(p)] = latency:percentile(p)
  end
  io.write("BENCH_JSON " .. object({
    requests = summary.requests,
    duration_us = summary.duration,
    bytes = summary.bytes,
    errors = object(summary.errors),
    statuses = object(merged),
    cache = object(cached),
    latency_us = object(percentiles),
    latency_mean_us = latency.mean,
    latency_max_us = latency.max,
  }) .. "\n")
end
