-- wrk script: counter receipts (Benchmarks/create-dossiers.lua) paced to RATE per second in total (one wrk
-- thread). Each request claims the next slot of a fixed schedule, 1/RATE s apart, and waits for it, so the rate
-- stays at RATE whatever the answers' latency, as long as CONNECTIONS can keep that many requests in flight.
-- (The first version waited CONNECTIONS / RATE s after each answer and ran about 8 % slow.)
dofile("Benchmarks/create-dossiers.lua")
local ffi = require("ffi")
ffi.cdef [[
    typedef struct { long tv_sec; long tv_nsec; } motcua_timespec;
    int clock_gettime(int clock, motcua_timespec *time);
]]
local timespec = ffi.new("motcua_timespec")
local function now_ms()
    ffi.C.clock_gettime(1, timespec) -- CLOCK_MONOTONIC
    return tonumber(timespec.tv_sec) * 1000 + tonumber(timespec.tv_nsec) / 1e6
end
local interval = 1000 / tonumber(os.getenv("RATE") or "200")
local next_slot = nil

function delay()
    local now = now_ms()
    next_slot = math.max(next_slot and next_slot + interval or now, now - 1000) -- never catch up more than 1 s
    return math.max(0, math.floor(next_slot - now))
end
