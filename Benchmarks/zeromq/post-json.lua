-- wrk: POST the JSON body in $BODY (the benchmark's noop request over HTTP).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open(os.getenv("BODY")); wrk.body = f:read("*a"); f:close()
