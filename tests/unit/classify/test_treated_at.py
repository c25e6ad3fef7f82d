"""Where the wounded or the dead were taken is not where the event happened."""

from __future__ import annotations

import pytest

from services.classify import classify
from shared.models import Article


@pytest.mark.parametrize(
    ("text", "location", "country"),
    [
        (
            "Three militants were killed in a gunfight with security forces in a forest area of"
            " Kupwara district, officials said on Tuesday. An injured soldier was shifted to the"
            " Army's Base Hospital in Srinagar, where his condition is stated to be stable.",
            "Kupwara",
            "India",
        ),
        (
            "A roadside bomb killed four soldiers in Kandahar province on Monday, officials said."
            " Two wounded soldiers were airlifted to Kabul.",
            "Kandahar",
            "Afghanistan",
        ),
        (
            "Gunmen killed six people in the town of Bama on Sunday. Nine wounded were being"
            " treated in Maiduguri.",
            "Bama",
            "Nigeria",
        ),
    ],
    ids=["hospital in a city", "airlifted to the capital", "treated in a city"],
)
def test_the_hospitals_city_is_no_second_incident(text: str, location: str, country: str) -> None:
    found = classify(Article(id="treated", text=text))
    assert [i.location for i in found.incidents] == [location]
    assert found.country == country


def test_an_attack_on_a_hospital_stays_where_the_hospital_is() -> None:
    text = (
        "Three suicide bombers blew themselves up at a wedding, a hospital and a funeral in the"
        " town of Bama in northeastern Borno state on Saturday, killing 18 people."
    )
    found = classify(Article(id="hospital-attack", text=text))
    assert found.location is not None and found.location.startswith("Bama")
