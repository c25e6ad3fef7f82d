"""Context in news stories: attacks named as a pattern or a state of affairs, a war's total, and
arms brought under control, are not the story's incident."""

from __future__ import annotations

from datetime import UTC, datetime

from services.classify import classify
from shared.models import Article

PUBLISHED = datetime(2025, 11, 4, 12, 0, tzinfo=UTC)
QUIET = ("none", "info", "low")


def _classify(title: str, text: str) -> object:
    return classify(Article(id="ctx", title=title, text=text, published_at=PUBLISHED))


def test_an_economic_story_citing_regular_attacks_stays_quiet() -> None:
    found = _classify(
        "Sunflower oil exports from southern ports climb despite attacks",
        "Exports of sunflower oil through the southern ports rose 9% in October, the trade"
        " ministry said on Monday.\n\nShipping has continued despite regular missile and drone"
        " attacks on the port infrastructure of the region, and insurers have raised premiums."
        "\n\nTraders expect the harvest to be smaller this year because of a dry summer.",
    )
    assert found.severity in QUIET, found


def test_a_health_story_naming_strikes_in_the_perfect_stays_quiet() -> None:
    found = _classify(
        "Measles outbreak kills 30 children in northern camps",
        "A measles outbreak has killed at least 30 children in displacement camps in the north"
        " in the past month, health officials say.\n\nOfficials blamed the outbreak on"
        " overcrowding and low vaccination rates. Drone strikes on power stations have also"
        " disrupted the cold chain for vaccines in several towns.",
    )
    assert found.severity in QUIET, found


def test_weapons_brought_under_state_control_are_no_territory() -> None:
    found = _classify(
        "Envoy urges timetable for disarming militias",
        "A UN envoy on Monday urged the government to adopt a timetable for its plan to bring"
        " all weapons under state control, after meeting the president in the capital.",
    )
    assert found.sub_event_type != "Government regains territory"
    assert found.severity in QUIET, found


def test_a_wars_total_in_the_past_tense_is_not_the_events_toll() -> None:
    found = _classify(
        "Drone strike on a car kills two near the border",
        "A drone strike on a car near the border town of Marjayoun in Lebanon on Tuesday killed"
        " two people, the health ministry said.\n\nThe 14-month war between the two sides"
        " killed more than 4,000 people.",
    )
    assert found.sub_event_type == "Air/drone strike"
    assert found.killed == 2


def test_repeated_strikes_on_the_storys_day_are_the_event() -> None:
    found = _classify(
        "Air strikes hit market town",
        "Repeated air strikes hit the market town of Northvale on Monday, killing four people,"
        " residents said.",
    )
    assert found.sub_event_type == "Air/drone strike"
    assert found.killed == 4


def test_an_army_that_continued_its_raids_reports_the_raids() -> None:
    found = classify(
        Article(
            id="ctx-continued",
            text="On 11 October, the army continued its air raids on rebel positions near two"
            " posts in the north, dropping bombs on both posts.",
        )
    )
    assert found.sub_event_type == "Air/drone strike"
