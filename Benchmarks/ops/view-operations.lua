-- wrk script: wall screens polling the operations centre, as the page does (/dieu-hanh fetches the panel
-- fragment every few seconds), by the provincial operations monitor; one request in four is the JSON snapshot.
-- IDENTITIES names the Lua module printed by `motcua bench load-identities` (its `listing` token is a
-- provincial operations monitor's).
local identities = dofile(os.getenv("IDENTITIES"))
failures = 0
local thread_failures = {}

function setup(thread)
    table.insert(thread_failures, thread)
end

function init(args)
    math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

request = function()
    local path = math.random() < 0.75 and "/api/v1/operations/panel" or "/api/v1/operations"
    return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. identities.listing })
end

response = function(status, headers, body)
    if status ~= 200 then
        failures = failures + 1
        if failures <= 3 then io.stderr:write("unexpected " .. status .. ": " .. body .. "\n") end
    end
end

function done(summary, latency, requests)
    local failed = 0
    for _, thread in ipairs(thread_failures) do failed = failed + (thread:get("failures") or 0) end
    io.write(string.format("operations page: %d requests, non-200 responses: %d\n", summary.requests, failed))
    io.write(string.format("p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms\n",
        latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
