"""The spot a lead names (village, town) and series markers: what keeps look-alikes apart and
lets a province-only or dateline-placed report join its town-level twin."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest

from services.dedup.batch import block_country
from services.dedup.fingerprint import series, site
from services.dedup.fold import Tracked, make_report, track
from services.dedup.memory import MemoryFoldStore
from shared.models import Incident
from tests.unit.dedup.reports import DAY, article, classification


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Rebels killed at least 20 civilians in a night raid on the village of Kabasa in "
            "eastern Congo's Beni territory, an administrator said on Saturday.",
            "kabasa",
        ),
        (
            "The toll of an attack on a village in the east has risen to 31, the army said. The "
            "raid on Kabasa, in North Kivu province's Beni territory, was blamed on the ADF.",
            "kabasa",
        ),
        (
            "The bombings on Saturday in Gwoza, a town in Borno state, targeted a market.",
            "gwoza",
        ),
        ("Warplanes struck the town of Maarat Tahtaya in Idlib on Tuesday.", "maarat tahtaya"),
        ("Troops clashed with rebels in Maungdaw Township, in northern Rakhine.", "maungdaw"),
        ("Two bombers struck a market in Dikwa in Nigeria's Borno state on Saturday.", "dikwa"),
        ("Fighting raged in Andar district in Ghazni province overnight.", "andar"),
        ("Gunmen struck a market in Borno in northeastern Nigeria on Saturday.", ""),
        ("Rockets hit the towns of Kilis province, officials said.", ""),
        ("Rebels killed 20 civilians in a village in eastern Congo, officials said.", ""),
        (
            "Two officers were hurt when a drone dropped charges on the police station of "
            "Puerto Lleras, in Meta, on Friday.",
            "puerto lleras",
        ),
        ("The president of Freedonia, in a speech on Monday, condemned the attack.", ""),
        (
            # A third sentence names a neighbouring place, not this report's spot.
            "Nine people were killed overnight. Officials gave no details. The same night the "
            "village of Kabasa, 30 km away, was also attacked.",
            "",
        ),
    ],
    ids=[
        "village of",
        "apposition in the second sentence",
        "a town in",
        "two words",
        "admin word dropped",
        "in a town in a state",
        "in a district in a province",
        "a province in a country",
        "towns of a province",
        "none",
        "a target's town in its department",
        "an office of a country is no site",
        "late",
    ],
)
def test_the_site_is_the_spot_the_lead_names(body: str, expected: str) -> None:
    assert site(body) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Gunmen attacked a checkpoint. This was one of three coordinated attacks that night.",
            True,
        ),
        ("Gunmen attacked a checkpoint. In a separate attack, two guards were wounded.", True),
        (
            # GTD dates its own series: the marker still speaks of this incident.
            "A car bomb exploded in Baiji. This was one of 17 coordinated attacks across Iraq on "
            "June 16, 2013.",
            True,
        ),
        (
            # A dated background sentence about older strikes says nothing about this report.
            "Warplanes bombed the market on Tuesday. In July 2019 a series of strikes on the town "
            "killed 12 people.",
            False,
        ),
        ("Warplanes bombed the market on Tuesday, killing 15 people.", False),
        (
            # A wire round-up's other item: says nothing about this report's own incident.
            "Militants seized the town of Northvale on Thursday. In a separate incident on "
            "Thursday, a roadside bomb hit a convoy near Eastbrook, wounding four soldiers.",
            False,
        ),
    ],
    ids=["one of three", "separate attack", "gtd dated", "background", "none", "round-up"],
)
def test_series_markers_outside_dated_background(text: str, expected: bool) -> None:
    assert series(text) is expected


CONGO = "Congo, The Democratic Republic of the"


@dataclass(frozen=True)
class Pair:
    sentence: str
    first: tuple[str, dict[str, Any]]
    later: tuple[str, dict[str, Any]]
    same: bool
    later_hours: int = 10


RAID = dict(sub_event_type="Attack", event_type="Violence against civilians", actors=["ADF"])
STRIKE = dict(sub_event_type="Air/drone strike", event_type="Explosions/Remote violence")
BOMBING = dict(sub_event_type="Suicide bomb", event_type="Explosions/Remote violence")
MISSILE = dict(
    sub_event_type="Shelling/artillery/missile attack", event_type="Explosions/Remote violence"
)
RETAKE = dict(sub_event_type="Government regains territory", event_type="Battles")
KABASA_RAID = (
    "Suspected rebels killed at least 20 civilians in an overnight raid on the village of "
    "Kabasa in eastern Congo's Beni territory, a local administrator said on Saturday."
)

PAIRS = [
    Pair(
        "two raids the same night in different villages both placed in Beni stay apart",
        (
            "Suspected rebels killed at least 20 civilians in an overnight raid on the village of "
            "Kabasa in eastern Congo's Beni territory, a local administrator said on Saturday. "
            "The attackers came with machetes and guns.",
            {**RAID, "country": CONGO, "location": "Beni", "killed": 20},
        ),
        (
            "At least eight civilians were killed on Friday night in an attack attributed to ADF "
            "rebels in the village of Tinga, in the Beni-Mbau sector of Beni territory, local "
            "sources said. The attack came the same night as the massacre of Kabasa.",
            {**RAID, "country": CONGO, "location": "Beni", "killed": 20},
        ),
        False,
    ),
    Pair(
        "a province-only report whose background mentions an old series joins the town report",
        (
            "Russian air strikes on a market in the town of Kafr Batikh in Syria's Idlib killed "
            "11 civilians on Tuesday, a war monitor said. Rescuers pulled bodies from the stalls.",
            {**STRIKE, "country": "Syria", "location": "Kafr Batikh, Idlib", "killed": 11},
        ),
        (
            "The people of Kafr Batikh in the countryside of Idlib buried their dead on Wednesday, "
            "a day after warplanes bombed the town's market, killing 14 civilians. In July 2019 a "
            "series of strikes on the town killed 12 people in a residential building.",
            {**STRIKE, "country": "Syria", "location": "Idlib", "killed": 14},
        ),
        True,
    ),
    Pair(
        "a report placed by its dateline joins the report whose lead names the same town",
        (
            "At least 18 people were killed on Saturday when three suicide bombers blew "
            "themselves up at a wedding and a hospital in the town of Gwoza in Borno state, "
            "emergency officials said.",
            {**BOMBING, "country": "Nigeria", "location": "Maiduguri, Borno", "killed": 18},
        ),
        (
            "ABUJA, Nigeria (AP) - The death toll from suicide bombings by women in northeastern "
            "Nigeria rose to 30 on Sunday. The attacks on Saturday in Gwoza, a town in Borno "
            "state, targeted a wedding and a hospital.",
            {**BOMBING, "country": "Nigeria", "location": "Abuja", "killed": 30},
        ),
        True,
    ),
    Pair(
        "a village and the town it belongs to, named by two outlets, are one spot",
        (
            "Gunmen killed 12 villagers in the village of Dogo, in Tillia commune of Tahoua "
            "region, on Monday night, a local official said.",
            {**RAID, "country": "Niger", "location": "Tillia, Tahoua", "killed": 12},
        ),
        (
            "At least 14 civilians died when armed men attacked the town of Tillia on Monday "
            "night, residents said.",
            {**RAID, "country": "Niger", "location": "Tillia, Tahoua", "killed": 14},
        ),
        True,
    ),
    Pair(
        "the same town bombed again a week later is a new event, whatever the lead names",
        (
            "Three suicide bombers struck a wedding in the town of Gwoza in Borno state on "
            "Saturday, killing 18 people, officials said.",
            {**BOMBING, "country": "Nigeria", "location": "Gwoza, Borno", "killed": 18},
        ),
        (
            "A suicide bomber blew herself up at a checkpoint in the town of Gwoza in Borno state "
            "on Sunday, killing two vigilantes, police said.",
            {**BOMBING, "country": "Nigeria", "location": "Gwoza, Borno", "killed": 2},
        ),
        False,
        later_hours=24 * 8,
    ),
    Pair(
        "a headline country read from the attacker's nationality yields to the placed incidents",
        (
            "A missile hit an apartment block in the Kyivskyi district of Kharkiv on Friday, "
            "killing five people, the regional governor said.",
            {**MISSILE, "country": "Ukraine", "location": "Kharkiv", "killed": 5},
        ),
        (
            "A Russian missile strike on a residential area of Ukraine's second city Kharkiv on "
            "Friday killed three people and wounded 20, officials said.",
            {
                **MISSILE,
                "country": "Russian Federation",
                "location": None,
                "killed": 3,
                "incidents": [
                    Incident(severity="high", **MISSILE, country="Ukraine", location="Kharkiv"),
                    Incident(severity="high", **MISSILE, country="Russian Federation", killed=3),
                ],
            },
        ),
        True,
    ),
    Pair(
        "a person's name read as a town abroad does not move the report's country",
        (KABASA_RAID, {**RAID, "country": CONGO, "location": "Beni", "killed": 20}),
        (
            "Army spokesman Antony Kasereka said 29 civilians had been killed in the raid on the "
            "village of Kabasa, in Beni territory, and that troops were pursuing the attackers.",
            {
                **RAID,
                "country": CONGO,
                "location": None,
                "killed": 29,
                "incidents": [
                    Incident(severity="medium", **RAID, country=CONGO, killed=29),
                    Incident(severity="medium", **RAID, country="France", location="Antony"),
                ],
            },
        ),
        True,
    ),
    Pair(
        "a report placing incidents in two countries keeps its headline country",
        (
            "A missile hit an apartment block in the Kyivskyi district of Kharkiv on Friday, "
            "killing five people, the regional governor said.",
            {**MISSILE, "country": "Ukraine", "location": "Kharkiv", "killed": 5},
        ),
        (
            "Drones struck an oil depot in Belgorod on Friday after a missile hit Kharkiv, "
            "officials on both sides said.",
            {
                **MISSILE,
                "country": "Russian Federation",
                "location": "Belgorod",
                "killed": 3,
                "incidents": [
                    Incident(severity="high", **MISSILE, country="Ukraine", location="Kharkiv"),
                    Incident(
                        severity="high",
                        **MISSILE,
                        country="Russian Federation",
                        location="Belgorod",
                    ),
                ],
            },
        ),
        False,
    ),
    Pair(
        "a headline date taken from a background paragraph yields to the recent incident's date",
        (
            "The army said on Saturday it had retaken Sinja, the capital of Sennar state, from "
            "the paramilitary force that seized it five months ago.",
            {**RETAKE, "country": "Sudan", "location": "Sinja, Sennar"},
        ),
        (
            "The army on Saturday announced it had regained control of Singa. The paramilitary "
            "force took over Singa on June 29.",
            {
                **RETAKE,
                "country": "Sudan",
                "location": "Singa, Sennar",
                "event_date": DAY - timedelta(days=140),
                "incidents": [
                    Incident(severity="high", **RETAKE, location="Singa, Sennar", event_date=DAY),
                    Incident(
                        severity="critical",
                        sub_event_type="Non-state actor overtakes territory",
                        location="Sennar",
                        event_date=DAY - timedelta(days=140),
                    ),
                ],
            },
        ),
        True,
    ),
    Pair(
        "AP's 'Congo' folds with the Democratic Republic when both leads name one village",
        (KABASA_RAID, {**RAID, "country": CONGO, "location": "Beni", "killed": 20}),
        (
            "KINSHASA, Congo (AP) - The number of people killed in a rebel attack on a village in "
            "eastern Congo has risen to 29. The attack late Friday on Kabasa, in North Kivu "
            "province's Beni territory, was blamed on the ADF.",
            {**RAID, "country": "Congo", "location": None, "killed": 29},
        ),
        True,
    ),
    Pair(
        "'Congo' and the Democratic Republic stay apart without a village both leads name",
        (KABASA_RAID, {**RAID, "country": CONGO, "location": "Beni", "killed": 20}),
        (
            "KINSHASA, Congo (AP) - The number of people killed in a rebel attack on a village in "
            "eastern Congo has risen to 29, the army said on Saturday.",
            {**RAID, "country": "Congo", "location": None, "killed": 29},
        ),
        False,
    ),
]


@pytest.mark.parametrize("pair", PAIRS, ids=[p.sentence for p in PAIRS])
def test_sites_decide_pairs(pair: Pair) -> None:
    store = MemoryFoldStore(min_severity="info")
    later_at = DAY + timedelta(hours=pair.later_hours)
    outcomes = []
    for n, ((text, fields), when) in enumerate(((pair.first, DAY), (pair.later, later_at))):
        a = article(f"a-{n}", text, published_at=when)
        c = classification(f"a-{n}", **{"event_date": when, **fields})
        outcomes.append(store.fold_many([(a, c)], when)[0])
    assert (outcomes[0].alert_id == outcomes[1].alert_id) is pair.same
    if pair.same:
        assert outcomes[1].reasons[0] == "same_event"


def test_sites_survive_the_tracked_wire_form_and_read_old_summaries() -> None:
    text, fields = PAIRS[0].first
    tracked = track(None, make_report(article("a", text), classification("a", **fields), DAY), "x")
    assert tracked.sites == frozenset({"kabasa"})
    assert Tracked.from_json(tracked.to_json()) == tracked
    old = tracked.to_json().replace(',"w":["kabasa"]', "")
    assert Tracked.from_json(old).sites == frozenset()


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Congo", "Congo, The Democratic Republic of the"),
        ("Republic of the Congo", "Congo"),
        ("Korea, Republic of", "Korea, Democratic People's Republic of"),
    ],
)
def test_country_spellings_share_blocking_keys(left: str, right: str) -> None:
    assert block_country(left) == block_country(right)


@pytest.mark.parametrize(("left", "right"), [("Sudan", "South Sudan"), ("Niger", "Nigeria")])
def test_other_countries_keep_their_blocking_keys(left: str, right: str) -> None:
    assert block_country(left) != block_country(right)
