-- Fold commit: apply a batch's writes only if the state it was decided on is unchanged.
-- ARGV[1] is JSON {"e": [[kind, key, field, expected], ...], "o": [[command, key, args...], ...]}.
-- Expectations: kind "g" compares GET key; "z" compares ZSCORE key field (a blocking key's
-- generation); "v" compares the version before the first space of GET key (a tracked summary).
-- A missing value compares as "". Any difference returns 0 and writes nothing: the caller
-- re-reads and decides again (optimistic concurrency, like WATCH/MULTI but in one round trip).
-- An operation argument that is a JSON number n stands for ARGV[n + 1] (large values such as
-- alert bodies travel as plain arguments instead of being escaped inside the JSON).
-- Operation "IDX" key score member cap ttl adds an alert to a blocking key: bumps the key's
-- generation, keeps its `cap` newest members by event time, and refreshes its TTL.
-- Compound operations save a batch one JSON entry per Redis command:
--   "OUT" key value ttl processed-key   record an outcome and mark the article processed
--   "HIST" key value max ttl            append a history entry, keep the last max, refresh TTL
--   "NX" ttl value key...               SET each key to value PX ttl NX (the copy indexes)
--   "TRIM" index updated cutoff ttl     drop alerts last updated before cutoff from both
--                                       listing sets, refresh their TTLs
local spec = cjson.decode(ARGV[1])
for _, e in ipairs(spec.e) do
  local current
  if e[1] == "z" then
    current = redis.call("ZSCORE", e[2], e[3])
  else
    current = redis.call("GET", e[2])
    if e[1] == "v" and current then current = string.match(current, "^(%d+) ") end
  end
  if not current then current = "" end
  if current ~= e[4] then return 0 end
end
for _, op in ipairs(spec.o) do
  if op[1] == "IDX" then
    local k = op[2]
    redis.call("ZADD", k, op[3], op[4])
    redis.call("ZINCRBY", k, -1, "~g")
    local n = redis.call("ZCARD", k)
    local cap = tonumber(op[5])
    if n > cap + 1 then
      -- rank 0 is "~g" (the only negative score); the oldest events follow it
      redis.call("ZREMRANGEBYRANK", k, 1, n - cap - 1)
    end
    redis.call("PEXPIRE", k, op[6])
  elseif op[1] == "OUT" then
    redis.call("SET", op[2], ARGV[op[3] + 1], "PX", op[4])
    redis.call("SET", op[5], "1", "PX", op[4])
  elseif op[1] == "HIST" then
    redis.call("RPUSH", op[2], ARGV[op[3] + 1])
    redis.call("LTRIM", op[2], -tonumber(op[4]), -1)
    redis.call("PEXPIRE", op[2], op[5])
  elseif op[1] == "NX" then
    for i = 4, #op do
      redis.call("SET", op[i], op[3], "PX", op[2], "NX")
    end
  elseif op[1] == "TRIM" then
    local old = redis.call("ZRANGEBYSCORE", op[3], "-inf", op[4], "LIMIT", 0, 1000)
    for i = 1, #old, 500 do
      redis.call("ZREM", op[2], unpack(old, i, math.min(i + 499, #old)))
      redis.call("ZREM", op[3], unpack(old, i, math.min(i + 499, #old)))
    end
    redis.call("PEXPIRE", op[2], op[5])
    redis.call("PEXPIRE", op[3], op[5])
  else
    for i = 2, #op do
      if type(op[i]) == "number" then op[i] = ARGV[op[i] + 1] end
    end
    redis.call(unpack(op))
  end
end
return 1
