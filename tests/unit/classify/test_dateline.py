"""Wire datelines are found, parsed and cut off; sentences that only look like them are not."""

from __future__ import annotations

import pytest

from services.classify.dateline import find_dateline, strip_dateline

CASES = [
    # (text, city, region, date, credit, body starts with)
    ("HERAT, May 3 (Xinhua) -- At least four guards died.", "HERAT", None, "May 3", "Xinhua", "At"),
    (
        "TIKRIT, Iraq, Jan. 7 (Reuters) - Gunmen shot two men.",
        "TIKRIT",
        "Iraq",
        "Jan. 7",
        "Reuters",
        "Gunmen",
    ),
    ("GOMA, Congo (AP) — Rebels shelled a camp.", "GOMA", "Congo", None, "AP", "Rebels"),
    ("Gao (Mali) (AFP) - Soldiers were ambushed.", "Gao", "Mali", None, "AFP", "Soldiers"),
    ("Kidal (AFP) - A convoy hit a mine.", "Kidal", None, None, "AFP", "A convoy"),
    ("SWAT CITY (Dawn): Two men were hurt.", "SWAT CITY", None, None, "Dawn", "Two"),
    ("QUETTA: Three policemen were martyred.", "QUETTA", None, None, None, "Three"),
    ("Homs - The town was shelled overnight.", "Homs", None, None, None, "The town"),
    (
        "Ciudad de Mexico (EFE).- Students marched.",
        "Ciudad de Mexico",
        None,
        None,
        "EFE",
        "Students",
    ),
]


@pytest.mark.parametrize(("text", "city", "region", "date", "credit", "body"), CASES)
def test_a_dateline_is_parsed_and_cut_off(
    text: str, city: str, region: str | None, date: str | None, credit: str | None, body: str
) -> None:
    found = find_dateline(text)
    assert found is not None
    assert (found.city, found.region, found.date, found.credit) == (city, region, date, credit)
    stripped, _ = strip_dateline(text)
    assert stripped.startswith(body)


@pytest.mark.parametrize(
    "text",
    [
        "At least nine civilians were killed on Friday night in a raid.",
        "Police, residents and officials said: the market burned.",
        "The Borno State Police Command said 12 people died.",
        "Armed men on motorbikes - witnesses said about 40 - raided the village.",
    ],
)
def test_a_sentence_is_not_a_dateline(text: str) -> None:
    assert find_dateline(text) is None
    assert strip_dateline(text) == (text, None)


def test_the_day_in_a_dateline_is_gone_from_the_body() -> None:
    body, found = strip_dateline("KARACHI, March 14 (Xinhua) -- Six policemen were killed.")
    assert found is not None and found.date == "March 14"
    assert "14" not in body
