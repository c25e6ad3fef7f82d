"""Trigger-word index: try a regex alternation only at words where one of its branches can start.

Python's `re` tries every branch of an alternation at every character, so a table of 80 cue
patterns over a 3,500-character article costs about 10 ms. Every branch here starts at a word
boundary, so a branch can only match where a word begins with one of its literal head prefixes
("protest\\w*" starts with "protest", "(?:a\\s+)?mine" with "a" or "mine"). The heads are read
from the parsed pattern itself, so the tables stay plain regexes and cannot drift from them.
An article's distinct words (one `str.translate` and `split`) are looked up once in a cached
word -> branches map shared by every table; each branch is tried only at the words that can
start it, in the original order, so the matches are the ones the full alternation would find.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any

# The parser `re` itself uses (the public `sre_parse` alias is deprecated and typeshed has no
# stubs for the private names), read only at build time to find each branch's head words.
sre: Any = importlib.import_module("re._constants")
sre_parse: Any = importlib.import_module("re._parser")

_MAX_HEADS = 512
_CLASS_EXPAND = 12  # a character class up to this size becomes literal alternatives


class _WordChars(dict[int, int]):
    """A `str.translate` table: word characters lower-cased (one for one), others a space."""

    def __missing__(self, code: int) -> int:
        char = chr(code)
        low = char.lower()
        value = 32  # not a word character
        if char.isalnum() or char == "_":
            value = ord(low) if len(low) == 1 else code
        self[code] = value
        return value


_TABLE = _WordChars()


class _Lexicon:
    """Every alternation's head table, and a cache: word -> (alternation, branch ids) pairs.

    Shared by all alternations so an article's words are looked up once, not once per table.
    """

    MAX_WORDS = 50_000  # bounded: a new word costs ~12 us to learn, so refilling is cheap

    def __init__(self) -> None:
        self.tables: list[list[frozenset[tuple[str, bool]]]] = []
        self.words: dict[str, tuple[tuple[int, tuple[int, ...]], ...]] = {}
        # (table, branch, head, whole) by the head's first character ("" for an empty head)
        self.by_first: dict[str, list[tuple[int, int, str, bool]]] = {}

    def register(self, heads: list[frozenset[tuple[str, bool]]]) -> int:
        self.tables.append(heads)
        k = len(self.tables) - 1
        for i, hs in enumerate(heads):
            for h, whole in hs:
                self.by_first.setdefault(h[:1], []).append((k, i, h, whole))
        self.words.clear()
        return k

    def learn(self, new: set[str]) -> None:
        always = self.by_first.get("", [])
        for word in new:
            # Only heads that start with the word's first letter can match it.
            hits = {
                (k, i)
                for k, i, h, whole in (*self.by_first.get(word[:1], ()), *always)
                if (word == h if whole else word.startswith(h))
            }
            entry: dict[int, list[int]] = {}
            for k, i in sorted(hits):
                entry.setdefault(k, []).append(i)
            self.words[word] = tuple((k, tuple(ids)) for k, ids in entry.items())


_LEXICON = _Lexicon()


class Words:
    """One article's text prepared once: its words, lower-cased, and where the cue words start."""

    __slots__ = ("by_table", "low", "text")

    low: str | None

    def __init__(self, text: str) -> None:
        self.text = text
        # Same length as `text`, so an offset in one is the offset in the other.
        folded = text.translate(_TABLE)
        parts = folded.split(" ")
        # The text lower-cased, for `TriggeredAlternation.folded`: only when every word
        # character is ASCII (other characters, as "’" or "—", have no case), where a
        # case-insensitive match is exactly a case-sensitive one in the lower-cased copy.
        low = text.lower() if folded.isascii() else None
        self.low = low if low is not None and len(low) == len(text) else None
        vocab = set(parts)
        vocab.discard("")
        known = _LEXICON.words
        if len(known) > _LEXICON.MAX_WORDS:
            # Emptied before this article's words are sorted into known and new: emptied while
            # learning the new ones, it lost this article's known words, whose cues then went
            # unseen (in the article that crossed the bound).
            known.clear()
        # set.difference(dict) checks the article's few hundred words against the dict; the
        # `vocab - known.keys()` it replaces walked every learnt word (up to 50,000) per article.
        new = vocab.difference(known)
        if new:
            _LEXICON.learn(new)
        # Part k starts at the summed lengths of the parts before it plus k separators; every
        # part (empty ones too, between two separators) is a learnt word or "", which is not.
        by_table: list[list[tuple[int, tuple[int, ...]]]] = [[] for _ in _LEXICON.tables]
        at = 0
        for part in parts:
            entry = known.get(part)
            if entry:
                for table, ids in entry:
                    by_table[table].append((at, ids))
            at += len(part) + 1
        self.by_table = by_table

    def offsets(self, table: int) -> list[int]:
        """Where any branch of alternation `table` can start, in order."""
        return [at for at, _ in self.by_table[table]]

    def starts(self, table: int) -> list[tuple[int, tuple[int, ...]]]:
        """(offset, branch ids) where a branch of alternation `table` can start, in order."""
        return self.by_table[table]


def _expand(items: Any) -> list[tuple[str, bool]]:
    """Literal prefixes a parsed sequence can start with, and whether each is complete."""
    acc: list[tuple[str, bool]] = [("", True)]
    for op, av in items:
        if all(not done for _, done in acc):
            break
        options = _options(op, av)
        nxt: list[tuple[str, bool]] = []
        for prefix, done in acc:
            if not done:
                nxt.append((prefix, False))
                continue
            nxt.extend((prefix + s, d) for s, d in options)
        if len(nxt) > _MAX_HEADS:
            nxt = [(p, False) for p, _ in acc]
        acc = nxt
    return acc


def _options(op: Any, av: Any) -> list[tuple[str, bool]]:
    if op is sre.LITERAL:
        return [(chr(av).lower(), True)]
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return [("", True)]  # zero width
    if op is sre.SUBPATTERN:
        return _expand(av[-1])
    if op is sre.BRANCH:
        return [o for alt in av[1] for o in _expand(alt)]
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        low, _high, sub = av
        once = [(s, False) for s, _ in _expand(sub)]
        return [("", True), *once] if low == 0 else once
    if op is sre.IN:
        chars = _class_chars(av)
        if chars is not None:
            return [(c, True) for c in chars]
    return [("", False)]


_NON_WORD_CATEGORIES = (sre.CATEGORY_SPACE, sre.CATEGORY_NOT_WORD)


def _class_chars(items: Any) -> list[str] | None:
    # A class of only non-word characters ("\s", "[\s-]") ends the head word: one space
    # stands for all of them, so "a\s+market" has the exact head word "a".
    if all(
        (op is sre.CATEGORY and av in _NON_WORD_CATEGORIES)
        or (op is sre.LITERAL and not (chr(av).isalnum() or chr(av) == "_"))
        for op, av in items
    ):
        return [" "]
    chars: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            chars.add(chr(av).lower())
        elif op is sre.RANGE and av[1] - av[0] < _CLASS_EXPAND:
            chars.update(chr(c).lower() for c in range(av[0], av[1] + 1))
        elif op is sre.CATEGORY and av is sre.CATEGORY_DIGIT:
            chars.update("0123456789")
        else:
            return None
    return sorted(chars) if len(chars) <= _CLASS_EXPAND else None


def heads(pattern: str, flags: int = 0) -> frozenset[tuple[str, bool]]:
    """(word prefix, whole word?) pairs a match of `pattern` can start with.

    "protest\\w*" gives ("protest", False): any word starting so; "a\\s+market" gives
    ("a", True): the word "a" itself.
    """
    out = set()
    for prefix, _ in _expand(sre_parse.parse(pattern, flags)):
        parts = re.split(r"\W", prefix, maxsplit=1)
        out.add((parts[0], len(parts) > 1))
    return frozenset(out)


def required_keys(pattern: str, flags: int = 0) -> tuple[str, ...]:
    """Lower-cased strings one of which every match of `pattern` holds ((): none found).

    A gate for a pattern searched in a short window of lower-cased ASCII text: a window that
    holds none of them cannot hold a match, so the search (which tries the pattern at every
    character) is skipped. Read from the parsed pattern, so it cannot drift from it: a literal
    run ("killed"), or one such set per branch of an alternation, whichever has the longest
    shortest key; optional parts, classes and look-arounds give none.
    """
    found = _required(sre_parse.parse(pattern, flags))
    if found is None or not all(k.isascii() for k in found):
        return ()
    return tuple(sorted(found))


def _required(items: Any) -> frozenset[str] | None:
    best: frozenset[str] | None = None

    def consider(keys: frozenset[str] | None) -> None:
        nonlocal best
        if not keys:
            return
        if best is None or (min(map(len, keys)), -len(keys)) > (min(map(len, best)), -len(best)):
            best = keys

    run = ""
    for op, av in items:
        char = _one_char(op, av)
        if char is not None:
            run += char
            continue
        consider(frozenset([run]) if run else None)
        run = ""
        if op is sre.SUBPATTERN:
            consider(_required(av[-1]))
        elif op is sre.ATOMIC_GROUP:
            consider(_required(av))
        elif op is sre.BRANCH:
            alternatives = [_required(alt) for alt in av[1]]
            if all(alternatives):
                consider(frozenset().union(*(a for a in alternatives if a)))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
            consider(_required(av[2]))
    consider(frozenset([run]) if run else None)
    return best


def _one_char(op: Any, av: Any) -> str | None:
    """The lower-cased character a literal ("k") or a class of one letter's cases ("[Nn]")
    matches, else None."""
    if op is sre.LITERAL:
        low = chr(av).lower()
        return low if len(low) == 1 else None
    if op is sre.IN and av and all(cop is sre.LITERAL for cop, _ in av):
        lows = {chr(cav).lower() for _, cav in av}
        if len(lows) == 1:
            low = lows.pop()
            return low if len(low) == 1 else None
    return None


# Alternations compiled for the combinations of branches articles need, kept per table: the
# common ones recur, so a bound only costs a recompile after a rare clear, while an unbounded
# dict grows with every new combination over millions of articles.
_COMPILED_MAX = 4096


def _foldable(items: Any) -> bool:
    """True when `re.I` on ASCII text matches as the pattern without it on the text lower-cased.

    So it is when no literal or class names an upper-case letter or a non-ASCII cased one.
    Anything not understood here (a new opcode) says no, and the `re.I` regex is kept.
    """
    for op, av in items:
        if op in (sre.LITERAL, sre.NOT_LITERAL):
            if not _fold_char(av):
                return False
        elif op is sre.IN:
            for cop, cav in av:
                if cop in (sre.LITERAL, sre.NOT_LITERAL):
                    if not _fold_char(cav):
                        return False
                elif cop is sre.RANGE:
                    if cav[1] > 127 or any(chr(c).isupper() for c in range(cav[0], cav[1] + 1)):
                        return False
                elif cop not in (sre.CATEGORY, sre.NEGATE):
                    return False
        elif op is sre.SUBPATTERN:
            # "(?-i:league)": case-sensitive inside, which the lower-cased text cannot keep.
            if av[2] & re.I or not _foldable(av[-1]):
                return False
        elif op is sre.BRANCH:
            if not all(_foldable(alt) for alt in av[1]):
                return False
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            if not _foldable(av[2]):
                return False
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            if not _foldable(av[1]):
                return False
        elif op is sre.ATOMIC_GROUP:
            if not _foldable(av):
                return False
        elif op not in (sre.AT, sre.ANY, sre.CATEGORY, sre.GROUPREF):
            return False
    return True


def _fold_char(code: int) -> bool:
    char = chr(code)
    if code < 128:
        return not char.isupper()
    # "é" in "coup d'état" matches no ASCII character, with or without `re.I`; "ſ" or the
    # Kelvin sign would (as "s", "k"), so they keep the `re.I` regex.
    rx = re.compile(re.escape(char), re.I)
    return not any(rx.fullmatch(chr(a)) for a in range(128))


class TriggeredAlternation:
    """`re.compile("|".join(f"(?P<name>branch)"))`.finditer, tried only where a branch can start.

    Each branch must begin at a word start and have non-empty heads (checked at build time).
    """

    def __init__(self, branches: Sequence[tuple[str, str]], flags: int = 0) -> None:
        self.flags = flags
        self.branches = [(name, rf"(?P<{name}>{p})") for name, p in branches]
        self.heads: list[frozenset[tuple[str, bool]]] = []
        for name, p in branches:
            hs = heads(p, flags)
            if any(h == "" for h, _ in hs):
                raise ValueError(f"branch {name!r} can start anywhere: {p!r}")
            self.heads.append(hs)
        self._table = _LEXICON.register(self.heads)
        self.table = self._table
        self._compiled: dict[tuple[int, ...], re.Pattern[str]] = {}
        # Case-insensitive tables whose branches allow it are matched in the lower-cased ASCII
        # text without `re.I` (see `folded`): `re` then skips a failing branch on its first
        # letter and compares characters without folding them, about twice as fast.
        self._foldable = [
            bool(flags & re.I) and _foldable(sre_parse.parse(p, flags & ~re.I))
            for _, p in self.branches
        ]
        # ids -> runs of (regex, whether it reads the lower-cased text), tried in order
        self._compiled_low: dict[tuple[int, ...], list[tuple[re.Pattern[str], bool]]] = {}

    def _regex(self, ids: tuple[int, ...]) -> re.Pattern[str]:
        rx = self._compiled.get(ids)
        if rx is None:
            rx = re.compile("|".join(self.branches[i][1] for i in ids), self.flags)
            if len(self._compiled) >= _COMPILED_MAX:
                self._compiled.clear()  # bounded: a long-running worker meets new combinations
            self._compiled[ids] = rx
        return rx

    def _regex_low(self, ids: tuple[int, ...]) -> list[tuple[re.Pattern[str], bool]]:
        """An alternation tries its branches in order and the first that matches wins, so it
        is the same as trying in turn each run of consecutive branches that fold alike."""
        found = self._compiled_low.get(ids)
        if found is None:
            found = []
            run: list[int] = []
            for n, i in enumerate(ids):
                run.append(i)
                if n + 1 == len(ids) or self._foldable[ids[n + 1]] != self._foldable[i]:
                    if self._foldable[i]:
                        pattern = "|".join(self.branches[k][1] for k in run)
                        found.append((re.compile(pattern, self.flags & ~re.I), True))
                    else:
                        found.append((self._regex(tuple(run)), False))
                    run = []
            if len(self._compiled_low) >= _COMPILED_MAX:
                self._compiled_low.clear()
            self._compiled_low[ids] = found
        return found

    def folded(self, words: Words) -> Iterator[re.Match[str]]:
        """`finditer(words)`'s matches, but possibly found in the lower-cased text.

        Their offsets and group names are the same; their strings may be lower-cased, so a
        caller reads the text itself (`words.text[m.start() : m.end()]`).
        """
        low = words.low
        if low is None:
            yield from self.finditer(words)
            return
        text = words.text
        compiled = self._compiled_low
        end = 0
        for at, ids in words.by_table[self._table]:
            if at < end:
                continue
            m = None
            for rx, lowered in compiled.get(ids) or self._regex_low(ids):
                m = rx.match(low if lowered else text, at)
                if m is not None:
                    break
            if m is not None and (e := m.end()) > at:
                end = e
                yield m

    def finditer(
        self, words: Words, keep: Callable[[int], bool] | None = None
    ) -> Iterator[re.Match[str]]:
        """Non-overlapping matches in reading order, as the full alternation would find them.

        `keep(offset)`: try only the starts it accepts (a caller that needs matches in some
        sentences only skips the regex work for the others).
        """
        text = words.text
        compiled = self._compiled
        end = 0
        if keep is None:
            # The common call, without a per-offset filter call.
            for at, ids in words.by_table[self._table]:
                if at < end:
                    continue
                m = (compiled.get(ids) or self._regex(ids)).match(text, at)
                if m is not None and (e := m.end()) > at:
                    end = e
                    yield m
            return
        for at, ids in words.by_table[self._table]:
            if at < end or not keep(at):
                continue
            m = (compiled.get(ids) or self._regex(ids)).match(text, at)
            if m is not None and (e := m.end()) > at:
                end = e
                yield m
