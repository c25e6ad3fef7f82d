"""Sub-event type rules from the codebook's definitions, one sentence of ours per rule.

Each case names the rule it checks. The sentences were written for this test (no corpus or
news text); they exercise the general cue or precedence rule, not one report.
"""

from __future__ import annotations

import pytest

from services.classify import classify
from shared.models import Article

TYPES: list[tuple[str, str, str | None]] = [
    # Cue precision: words that only look like a cue.
    (
        "a Protestant church is no protest",
        "Gunmen killed five worshippers at a Protestant church in the north of the country on"
        " Sunday, a local official said.",
        "Attack",
    ),
    (
        "a police picket is a post, not a picket line",
        "Militants attacked a police picket near the highway on Monday; two policemen were"
        " wounded in the exchange of fire.",
        "Armed clash",
    ),
    (
        "the occupied West Bank is an adjective, not a capture",
        "Soldiers detained 14 Palestinians in overnight raids across the occupied West Bank,"
        " the army said.",
        "Arrests",
    ),
    (
        "people captured and detained are arrests, not a place taken",
        "About forty villagers were captured and detained by government troops in the hills"
        " on Friday.",
        "Arrests",
    ),
    # Protests: intervention, excessive force, violent demonstrators (codebook).
    (
        "police detaining protesters is an intervention",
        "Police detain students during a rally against tuition fees in the capital on Saturday.",
        "Protest with intervention",
    ),
    (
        "a suppressed march is an intervention",
        "Police suppressed a march of opposition supporters in the provincial capital; the"
        " marchers were protesting against the election results.",
        "Protest with intervention",
    ),
    (
        "police chasing demonstrators is an intervention",
        "Riot police chase demonstrators through the old town during protests over fuel prices.",
        "Protest with intervention",
    ),
    (
        "protesters blocking roads is their protest, not a police block",
        "Farmers blocked roads across the region on Monday to protest against the new seed law.",
        "Peaceful protest",
    ),
    (
        "violently dispersed with injuries is excessive force",
        "Several people were injured when security forces violently dispersed a protest by"
        " fishermen in the port city on Tuesday.",
        "Excessive force against protesters",
    ),
    (
        "tortured demonstrators is excessive force",
        "Police arrested 80 people at the rally for demonstrating and tortured 12 of them.",
        "Excessive force against protesters",
    ),
    (
        "a police officer beating a demonstrator is excessive force",
        "An officer hits a demonstrator with his baton during a protest against price rises"
        " outside parliament.",
        "Excessive force against protesters",
    ),
    (
        "live fire on largely peaceful protesters outweighs a day of clashes",
        "Police were accused of using live ammunition against largely peaceful protesters"
        " after a day of clashes left four people dead in the capital.",
        "Excessive force against protesters",
    ),
    (
        "stones thrown at police make the demonstration violent",
        "Demonstrators threw stones and other projectiles at police outside the ministry"
        " during a protest over unpaid wages.",
        "Violent demonstration",
    ),
    (
        "projectiles thrown at police are no shelling",
        "Twenty people were arrested at a demonstration in the city centre after projectiles"
        " were thrown at officers.",
        "Violent demonstration",
    ),
    (
        "protests that turned violent",
        "Protests against the fuel price rise turned violent in the capital on Friday.",
        "Violent demonstration",
    ),
    (
        "violent protests",
        "Violent protests broke out in three cities on Tuesday ahead of a general strike.",
        "Violent demonstration",
    ),
    (
        "non-violent protesters are not violent protests",
        "Thousands of non-violent protesters marched through the capital on Sunday.",
        "Peaceful protest",
    ),
    (
        "protesters pulling down walls",
        "Protesters pull down the concrete walls around the parliament during a demonstration"
        " on Friday.",
        "Violent demonstration",
    ),
    (
        "scuffles at a march",
        "Thousands of pensioners marched in the capital on Saturday. There were scuffles near"
        " the finance ministry.",
        "Violent demonstration",
    ),
    (
        "the police's barricade is no riot",
        "Police baton-charged teachers protesting outside the press club when some of them"
        " tried to cross the barricade.",
        "Protest with intervention",
    ),
    (
        "rioters' crude bombs are a riot, not an IED",
        "Rioters exploded crude bombs and blocked a road by burning tires in the market area"
        " during the opposition's blockade.",
        "Violent demonstration",
    ),
]


@pytest.mark.parametrize(("why", "text", "sub"), TYPES, ids=[c[0] for c in TYPES])
def test_sub_event_type_rules(why: str, text: str, sub: str | None) -> None:
    c = classify(Article(id="t", text=text))
    assert c.sub_event_type == sub, why
