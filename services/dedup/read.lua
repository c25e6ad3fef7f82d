-- Fold read: everything a batch decides on, in one round trip.
-- ARGV[1] is JSON {"o": [outcome keys], "q": [[key, lo, mid, hi, n], ...], "i": [index keys],
-- "p": summary key prefix}. For each blocking key (a sorted set of alert id -> event time in ms,
-- plus the member "~g" whose negative score counts the key's writes) it returns the generation
-- and up to n members at or before mid and n after it, within [lo, hi]. Then it returns the
-- summary ("version json") of every alert id found there or in the copy indexes.
-- Returns JSON {"o": [...], "q": [[gen, [id, ms, id, ms, ...]], ...], "i": [...], "s": {id: summary}}
-- with false for missing values.
local spec = cjson.decode(ARGV[1])
local out = {o = {}, q = {}, i = {}, s = {}}
local want = {}
for n, k in ipairs(spec.o) do
  out.o[n] = redis.call("GET", k)
end
for n, q in ipairs(spec.q) do
  local k, lo, mid, hi, lim = q[1], q[2], q[3], q[4], q[5]
  local gen = redis.call("ZSCORE", k, "~g")
  local rows = {}
  local before = redis.call("ZREVRANGEBYSCORE", k, mid, lo, "WITHSCORES", "LIMIT", 0, lim)
  local after = redis.call("ZRANGEBYSCORE", k, "(" .. mid, hi, "WITHSCORES", "LIMIT", 0, lim)
  for _, part in ipairs({before, after}) do
    for j = 1, #part, 2 do
      rows[#rows + 1] = part[j]
      rows[#rows + 1] = part[j + 1]
      want[part[j]] = true
    end
  end
  out.q[n] = {gen or "", rows}
end
for n, k in ipairs(spec.i) do
  local v = redis.call("GET", k)
  out.i[n] = v
  if v then want[v] = true end
end
for id in pairs(want) do
  local v = redis.call("GET", spec.p .. id)
  if v then out.s[id] = v end
end
return cjson.encode(out)
