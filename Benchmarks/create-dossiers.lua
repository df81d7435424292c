-- wrk script: counter receipt of birth-registration dossiers, spread over the communes' reception
-- officers. IDENTITIES names the Lua module printed by `motcua bench load-identities`.
local identities = dofile(os.getenv("IDENTITIES"))
local officers = identities.officers
failures = 0 -- global, so done() can read each thread's count
local thread_failures = {}

function setup(thread)
    table.insert(thread_failures, thread)
end

function init(args)
    math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

request = function()
    local officer = officers[math.random(#officers)]
    -- 12-digit IDs with birth-registration code 027, a male born in 20YY, random tail.
    local citizen = string.format("0272%02d%06d", math.random(0, 25), math.random(0, 999999))
    local body = string.format(
        '{"procedureCode":"%s","agencyId":"%s","applicant":{"citizenId":"%s","fullName":"Nguyễn Văn Thử"},"channel":"counter","formData":{"tenTre":"Nguyễn Minh Khôi"},"components":%s}',
        identities.procedure, officer.agency, citizen, identities.components)
    return wrk.format("POST", "/api/v1/dossiers",
        { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. officer.token }, body)
end

response = function(status, headers, body)
    if status ~= 201 then
        failures = failures + 1
        if failures <= 3 then io.stderr:write("unexpected " .. status .. ": " .. body .. "\n") end
    end
end

function done(summary, latency, requests)
    local failed = 0
    for _, thread in ipairs(thread_failures) do failed = failed + (thread:get("failures") or 0) end
    io.write(string.format("non-201 responses: %d\n", failed))
    io.write(string.format("p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms\n",
        latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
