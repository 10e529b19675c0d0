-- wrk script: POST /api/v1/complaints with a realistic Chinese complaint; TOKEN from the env.
local token = os.getenv("TOKEN")
local n = 0
local thread_tag = tostring(math.random(1, 1000000))
request = function()
  n = n + 1
  local phone = string.format("139%08d", n % 200000)
  local body = '{"description":"上周在上海万达店买的鲜肉无谷全价猫粮，打开发现结块发霉，猫吃了以后上吐下泻，要求退款并给个说法。订单号PO'
      .. thread_tag .. '-' .. n .. '","channel":"api","amount_claimed":199.5,'
      .. '"customer":{"name":"王小明","phone":"' .. phone .. '"}}'
  return wrk.format("POST", "/api/v1/complaints",
    { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, body)
end
