"""Batch 3 of whole news items (issue 3, session 2), written before running them.

Every sentence was written for this file. Each case: the toll ACLED would code for the main
event (conservative, attackers counted, the latest toll, officials over claims), the country
and the start of the location.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from services.classify import classify
from shared.models import Article

PUBLISHED = datetime(2025, 3, 17, 12, 0, tzinfo=UTC)

# (why, headline, body, killed, wounded or None, country, location start or None)
CASES: list[tuple[str, str, str, int, int | None, str, str | None]] = [
    (
        "Reuters: a mosque bombing, the toll in the bomber's sentence",
        "Suicide bomber kills 46 at mosque in Afghanistan's Kunduz",
        "KABUL, March 14 (Reuters) - A suicide bomber blew himself up at a mosque in the northern"
        " city of Kunduz during Friday prayers, killing at least 46 worshippers and wounding 143,"
        " officials said.\n\nThe Taliban denied involvement. Islamic State's regional affiliate"
        " claimed responsibility.",
        46,
        143,
        "Afghanistan",
        "Kunduz",
    ),
    (
        "AFP: local sources' toll, a security source's higher one",
        "Jihadists kill 15 civilians in Burkina Faso",
        "Ouagadougou (AFP) - At least 15 civilians were killed on Sunday when suspected jihadists"
        " attacked a village market in northern Burkina Faso, local sources told AFP on Monday."
        "\n\nA security source gave a toll of around 20 dead.",
        15,
        None,
        "Burkina Faso",
        None,
    ),
    (
        "Xinhua: dead and others injured in the capital",
        "8 killed in car bomb blast in Somali capital",
        "MOGADISHU, March 15 (Xinhua) -- At least eight people were killed and 15 others injured"
        " when a car bomb exploded near a busy restaurant in Somalia's capital Mogadishu on"
        " Saturday, police said.\n\nEnditem",
        8,
        15,
        "Somalia",
        "Mogadishu",
    ),
    (
        "Punch: persons killed in a local government area",
        "Bandits kill 12 in Kaduna community",
        "Gunmen suspected to be bandits have killed 12 persons in Kauru Local Government Area of"
        " Kaduna State.\n\nThe state Commissioner for Internal Security confirmed the attack in a"
        " statement on Sunday.",
        12,
        None,
        "Nigeria",
        "Kauru",
    ),
    (
        "OCHA: an armed group attacked a town, a region",
        "Niger: attack on Tillia",
        "On 16 March, non-state armed group elements attacked Tillia town, Tahoua region, killing"
        " 7 civilians and injuring 4 others, according to local authorities.",
        7,
        4,
        "Niger",
        "Tillia",
    ),
    (
        "a government release: terrorists eliminated",
        "Three terrorists eliminated in Kulgam",
        "In a joint operation, security forces eliminated three terrorists in the Kulgam district"
        " of Jammu and Kashmir in India on Tuesday, officials said.",
        3,
        None,
        "India",
        "Kulgam",
    ),
    (
        "BBC: killed and injured in a city strike",
        "Russian missile strike on Dnipro kills five",
        "Five people have been killed and 20 injured in a Russian missile strike on the city of"
        " Dnipro, Ukrainian officials say.",
        5,
        20,
        "Ukraine",
        "Dnipro",
    ),
    (
        "a toll that rose, the initial one given after",
        "Death toll in Nigeria mosque attack rises to 30",
        "The death toll from Friday's attack on a mosque in Nigeria's Katsina State has risen to"
        " 30, police said on Monday.\n\nPolice had initially put the toll at 18.",
        30,
        None,
        "Nigeria",
        "Katsina",
    ),
    (
        "two officers among four killed",
        "Four killed in attack on police post",
        "Two police officers were among four people killed when gunmen attacked a police post in"
        " the town of Garbahaarey in Somalia on Sunday, a police officer said.",
        4,
        None,
        "Somalia",
        "Garbahaarey",
    ),
    (
        "a claim in the perpetrators' words, the officials' figure",
        "Gunmen kill nine at church in Burkina Faso",
        "At least nine worshippers were killed when gunmen attacked a church in the town of Dori"
        " in Burkina Faso on Sunday, officials said.\n\nThe Islamic State group said its fighters"
        " had killed 30 Christians in the attack.",
        9,
        None,
        "Burkina Faso",
        "Dori",
    ),
]


# Batch 4: longer items (quotes, background, later updates), written before running them.
CASES += [
    (
        "a witness's count and an older event in the background",
        "Gunmen kill 11 at wedding in northwest Nigeria",
        "KANO, Nigeria (AP) — Gunmen killed 11 people at a wedding celebration in the village of"
        ' Kurfi in Katsina state late Saturday, police said Sunday.\n\n"They came on'
        ' motorcycles and started shooting. I counted 15 bodies," said a resident who gave only'
        " his first name, Musa.\n\nPolice spokesman Gambo Isah said officers had been deployed"
        " to the area.\n\nIn 2020, bandits abducted more than 300 schoolboys from a school in"
        " the same state.",
        11,
        None,
        "Nigeria",
        "Kurfi",
    ),
    (
        "a toll that rose later the same day",
        "Shelling of Omdurman market kills 15",
        "KHARTOUM (Reuters) - Shelling of a market in Omdurman killed at least 15 people on"
        " Sunday, a medical source said.\n\nLater on Sunday, a doctors' group said the toll had"
        " risen to 21.",
        21,
        None,
        "Sudan",
        "Omdurman",
    ),
    (
        "'dozens' in the lead, activists' count after",
        "Dozens killed in Sudan village attack",
        "Paramilitary fighters killed dozens of people in an attack on a village in Sudan's El"
        " Gezira state, activists said on Thursday.\n\nA local resistance committee said 104"
        " people were killed, including 35 children.",
        104,
        None,
        "Sudan",
        None,
    ),
    (
        "the bomber died in the next sentence",
        "Suicide bomber kills three policemen in Pakistan",
        "BANNU: A suicide bomber struck a police checkpoint in Bannu on Monday, killing three"
        " policemen. The attacker also died in the blast, police said.",
        4,
        None,
        "Pakistan",
        "Bannu",
    ),
    (
        "two of the wounded died overnight",
        "Gunmen kill six in attack on bus in Kenya",
        "NAIROBI (Reuters) - Suspected militants killed six passengers when they attacked a bus"
        " near Mandera on Tuesday, police said.\n\nTwo of the wounded died overnight in"
        " hospital, a police officer said on Wednesday.",
        8,
        None,
        "Kenya",
        "Mandera",
    ),
    (
        "the army's figure in the lead, a claim after",
        "Two soldiers killed in ambush in Niger",
        "NIAMEY (Reuters) - Two soldiers were killed in an ambush near the town of Ayorou in"
        " western Niger on Friday, the army said.\n\nThe Islamic State group claimed the attack,"
        " saying it had killed 15 soldiers.",
        2,
        None,
        "Niger",
        "Ayorou",
    ),
]


@pytest.mark.parametrize(
    ("why", "title", "body", "killed", "wounded", "country", "place"),
    CASES,
    ids=[c[0] for c in CASES],
)
def test_news_batch_3(
    why: str,
    title: str,
    body: str,
    killed: int,
    wounded: int | None,
    country: str,
    place: str | None,
) -> None:
    c = classify(Article(id="t", title=title, text=body, published_at=PUBLISHED))
    assert c.killed == killed, why
    if wounded is not None:
        assert c.wounded == wounded, why
    assert c.country is not None and country in c.country, (why, c.country)
    if place is not None:
        assert c.location is not None and c.location.startswith(place), (why, c.location)


def test_the_wounded_who_died_are_in_a_toll_that_rose() -> None:
    c = classify(
        Article(
            id="t",
            title="Cafe bombing toll rises to 11",
            text="The number of people killed in Friday's bombing at a cafe in the town of"
            " Baidoa in Somalia has risen to 11, officials said on Saturday.\n\nThree of the"
            " wounded died overnight in hospital, a doctor said.",
            published_at=PUBLISHED,
        )
    )
    assert c.killed == 11
