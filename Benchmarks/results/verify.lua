-- wrk script: GET /verify/{id} over the signed results listed in ids.txt (one per line), round robin.
local ids = {}
for line in io.lines(os.getenv("MOTCUA_IDS") or "ids.txt") do ids[#ids + 1] = line end
local index = 0
request = function()
  index = index % #ids + 1
  return wrk.format("GET", "/verify/" .. ids[index])
end
