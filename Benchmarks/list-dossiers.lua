-- wrk script: workqueue listings filtered by agency and status, at random depths of the keyset
-- pagination (a cursor built at a random receipt time), by an operations-centre monitor.
local identities = dofile(os.getenv("IDENTITIES"))
local agencies = {}
for _, officer in ipairs(identities.officers) do table.insert(agencies, officer.agency) end
local statuses = { "in_process", "received", "returned", "done", "supplement_requested" }
local b64chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

local function base64url(data)
    return ((data:gsub(".", function(x)
        local r, b = "", x:byte()
        for i = 8, 1, -1 do r = r .. (b % 2 ^ i - b % 2 ^ (i - 1) > 0 and "1" or "0") end
        return r
    end) .. "0000"):gsub("%d%d%d?%d?%d?%d?", function(x)
        if #x < 6 then return "" end
        local c = 0
        for i = 1, 6 do c = c + (x:sub(i, i) == "1" and 2 ^ (6 - i) or 0) end
        return b64chars:sub(c + 1, c + 1)
    end))
end

function init(args)
    math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

request = function()
    local agency = agencies[math.random(#agencies)]
    local status = statuses[math.random(#statuses)]
    local path = "/api/v1/dossiers?agency=" .. agency .. "&status=" .. status .. "&limit=50"
    if math.random() < 0.75 then
        -- a position somewhere in the past year of receipts
        local ms = (os.time() - math.random(0, 365 * 86400)) * 1000
        path = path .. "&cursor=" .. base64url(string.format("%d|00000000-0000-0000-0000-000000000000", ms))
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
    io.write(string.format("p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms\n",
        latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
