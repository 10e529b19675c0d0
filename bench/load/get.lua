-- wrk script: GET /api/v1/complaints/{id} for random ids in 1..MAX_ID; TOKEN from the env.
local token = os.getenv("TOKEN")
local max_id = tonumber(os.getenv("MAX_ID") or "1000")
request = function()
  local id = math.random(1, max_id)
  return wrk.format("GET", "/api/v1/complaints/" .. id, { ["Authorization"] = "Bearer " .. token })
end
