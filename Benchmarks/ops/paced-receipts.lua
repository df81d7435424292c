-- wrk script: counter receipts (Benchmarks/create-dossiers.lua) paced to RATE per second in total over
-- CONNECTIONS connections: each connection waits CONNECTIONS / RATE seconds before each request, so the rate
-- stays at RATE as long as a receipt answers within that time.
dofile("Benchmarks/create-dossiers.lua")
local rate = tonumber(os.getenv("RATE") or "200")
local connections = tonumber(os.getenv("CONNECTIONS") or "20")
local pause = connections * 1000 / rate

function delay()
    return pause
end
