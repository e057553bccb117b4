-- wrk: POSTs the body in $BODY as Triton's binary tensor extension, its JSON
-- part $HEADER_LENGTH bytes long (what tritonclient sends with binary_data=True).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/octet-stream"
wrk.headers["Inference-Header-Content-Length"] = os.getenv("HEADER_LENGTH")
local f = io.open(os.getenv("BODY"), "rb"); wrk.body = f:read("*a"); f:close()
