-- wrk script: the Decision 766 index for the last twelve months over the seeded dossiers, by a provincial
-- monitor: the whole province, all communes, all departments, or one agency at random (mode from MODE).
local identities = dofile(os.getenv("IDENTITIES"))
local mode = os.getenv("MODE") or "province"
local from, to = os.getenv("FROM"), os.getenv("TO")
local agencies = {}
for _, officer in ipairs(identities.officers) do table.insert(agencies, officer.agency) end

function init(args)
    math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

request = function()
    local path = "/api/v1/index?from=" .. from .. "&to=" .. to
    if mode == "communes" then
        path = path .. "&unit=communes"
    elseif mode == "agency" then
        path = path .. "&agency=" .. agencies[math.random(#agencies)]
    end
    return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. identities.listing })
end

local failures = 0
response = function(status, headers, body)
    if status ~= 200 then
        failures = failures + 1
        if failures <= 3 then io.stderr:write("unexpected " .. status .. ": " .. body .. "\n") end
    end
end

function done(summary, latency, requests)
    io.write(string.format("%s: %d requests, p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms\n", mode, summary.requests,
        latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
