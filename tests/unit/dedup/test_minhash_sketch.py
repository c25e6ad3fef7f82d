"""The fingerprint's MinHash, computed in one array pass, is byte for byte datasketch's.

Sketches live in Redis and are compared across workers and releases: the fast path must give
the very bytes datasketch's `MinHash.update_batch` gives for the same shingles."""

from __future__ import annotations

import random
import zlib

import numpy as np
import pytest
from datasketch import MinHash

from services.dedup import fingerprint as fp


def _datasketch(words: list[str]) -> bytes:
    if len(words) < fp.MIN_SKETCH_WORDS:
        return b""
    perms, scheme = fp._permutations()
    encoded = " ".join(words).encode().split()
    hv = np.fromiter(map(zlib.crc32, encoded), dtype=np.uint64, count=len(encoded))
    shingles = (hv[:-2] * fp._MIX1 + hv[1:-1] * fp._MIX2 + hv[2:]) & fp._MASK32
    sketch = MinHash(num_perm=fp.NUM_PERM, permutations=perms, scheme=scheme, hashfunc=int)
    sketch.update_batch(shingles.tolist())
    return np.asarray(sketch.hashvalues, dtype=np.uint64).astype("<u2").tobytes()


_PROSE = (
    "gunmen attacked a police checkpoint in the north of the province on monday killing "
    "four officers and wounding two others officials said militants claimed 12 17 2024 "
    "village district kabul ghazni strike convoy soldiers rebels army residents"
)
VOCAB = _PROSE.split()


def _texts() -> list[list[str]]:
    rng = random.Random(11)
    out = [rng.choices(VOCAB, k=rng.randint(1, 400)) for _ in range(300)]
    out.append(["x"] * 50)  # one shingle repeated
    out.append([f"w{i}" for i in range(12)])  # the shortest sketched body
    return out


def test_the_scheme_is_the_one_the_fast_path_implements() -> None:
    assert fp._affine32() is not None, "datasketch's scheme changed: the slow path is in use"


@pytest.mark.parametrize("words", _texts(), ids=lambda w: f"{len(w)}w")
def test_the_sketch_is_datasketchs(words: list[str]) -> None:
    assert fp._minhash(words) == _datasketch(words)
