-- wrk script: POST /api/v1/intake/bench with pre-signed deliveries ("signature<TAB>body" a line
-- in $PAYLOADS); each wrk thread sends its own slice, so every delivery is new.
local counter = 0
setup = function(thread)
  thread:set("tid", counter)
  counter = counter + 1
end

init = function(args)
  lines = {}
  for line in io.lines(os.getenv("PAYLOADS")) do lines[#lines + 1] = line end
  local threads = tonumber(os.getenv("WRK_THREADS") or "2")
  local slice = math.floor(#lines / threads)
  first = tid * slice
  idx = 0
  size = slice
end

request = function()
  idx = idx % size + 1
  local sig, body = lines[first + idx]:match("([^\t]+)\t(.*)")
  return wrk.format("POST", "/api/v1/intake/bench",
    { ["X-Closeloop-Signature"] = sig, ["Content-Type"] = "application/json" }, body)
end
