-- Fold commit: apply a batch's writes only if the state it was decided on is unchanged.
-- ARGV[1] is JSON {"e": [[kind, key, field, expected], ...], "o": [[command, key, args...], ...]}.
-- kind "h" compares HGET key field (a bucket's generation), "g" compares GET key; a missing
-- value compares as "". Any difference returns 0 and writes nothing: the caller re-reads and
-- decides again (optimistic concurrency, like WATCH/MULTI but in one round trip).
local spec = cjson.decode(ARGV[1])
for _, e in ipairs(spec.e) do
  local current
  if e[1] == "h" then
    current = redis.call("HGET", e[2], e[3])
  else
    current = redis.call("GET", e[2])
  end
  if current == false then current = "" end
  if current ~= e[4] then return 0 end
end
for _, op in ipairs(spec.o) do
  redis.call(unpack(op))
end
return 1
