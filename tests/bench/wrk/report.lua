-- Every wrk run of `make bench` uses this script.
--   WRK_METHOD  the method (default GET)
--   WRK_BODY    a JSON body sent with every request
--   WRK_BODIES  a file of JSON bodies, one per line, sent in turn (the login test: many accounts)
-- done() prints one machine-readable line: BENCHJSON {...} (latencies in microseconds).

local method = os.getenv("WRK_METHOD")
if method and #method > 0 then
  wrk.method = method
end

local body = os.getenv("WRK_BODY")
if body and #body > 0 then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
end

local bodies_file = os.getenv("WRK_BODIES")
local threads = 0

function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

if bodies_file and #bodies_file > 0 then
  wrk.headers["Content-Type"] = "application/json"
  local bodies = {}
  local n = 0

  function init(args)
    for line in io.lines(bodies_file) do
      if #line > 0 then
        table.insert(bodies, line)
      end
    end
    -- Threads start at different accounts.
    n = (tonumber(tid) or 0) * math.floor(#bodies / 2)
  end

  function request()
    n = n + 1
    return wrk.format(nil, nil, nil, bodies[(n % #bodies) + 1])
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCHJSON {"requests":%d,"duration_us":%d,"bytes":%d,"p50_us":%d,"p90_us":%d,' ..
    '"p99_us":%d,"mean_us":%.1f,"max_us":%d,"connect":%d,"read":%d,"write":%d,' ..
    '"status":%d,"timeout":%d}\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50),
    latency:percentile(90), latency:percentile(99), latency.mean, latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
