-- wrk script: population look-ups by citizen ID against `motcua registry serve`, with X-Road metadata.
-- IDS names a file of citizen IDs, one per line (e.g. the first column of `motcua registry export`).
local ids = {}
for line in io.lines(os.getenv("IDS")) do table.insert(ids, line) end

function init(args)
    math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

request = function()
    local id = ids[math.random(#ids)]
    return wrk.format("GET", "/v1/population/" .. id, {
        ["X-Road-Client"] = "000.60.99.H10", ["X-Road-UserId"] = "bench", ["X-Road-Issue"] = "benchmark",
        ["X-Road-Id"] = tostring(math.random(1, 2147483647)) })
end

local failures = 0
response = function(status, headers, body)
    if status ~= 200 then
        failures = failures + 1
        if failures <= 3 then io.stderr:write("unexpected " .. status .. ": " .. body .. "\n") end
    end
end

function done(summary, latency, requests)
    io.write(string.format("p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms\n",
        latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
