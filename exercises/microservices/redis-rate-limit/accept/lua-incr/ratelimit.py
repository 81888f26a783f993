"""INCR and EXPIRE in one Lua script: atomic, and the TTL is set only by the first request."""
SCRIPT = """
local n = redis.call('INCR', KEYS[1])
if n == 1 then
  redis.call('EXPIRE', KEYS[1], ARGV[1])
end
return n
"""


def allow(r, client_id, limit, window, now):
    bucket = int(now) // int(window)
    used = r.eval(SCRIPT, 1, "ratelimit:%s:%d" % (client_id, bucket), int(window) + 1)
    return int(used) <= int(limit)
