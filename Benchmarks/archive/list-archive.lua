-- wrk script: GET /api/v1/citizen/archive as many citizens (tokens.txt, one per line), round robin, first page of 50.
local tokens = {}
for line in io.lines(os.getenv("MOTCUA_TOKENS") or "tokens.txt") do tokens[#tokens + 1] = line end
local index = 0
request = function()
  index = index % #tokens + 1
  return wrk.format("GET", "/api/v1/citizen/archive?limit=50", { ["Authorization"] = "Bearer " .. tokens[index] })
end
