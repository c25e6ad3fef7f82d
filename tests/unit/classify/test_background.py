"""Background clauses (older events, war-wide totals) are found; today's event is left alone."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from services.classify import classify
from services.classify.background import background_span, background_starts, story_year
from services.classify.triggers import Words
from shared.models import Article

PUBLISHED = datetime(2024, 9, 20, 8, 0, tzinfo=UTC)


def _background(sentence: str, lead: bool = False) -> str | None:
    """The part of the sentence that is background, or None."""
    found = background_span(sentence, PUBLISHED, story_year(sentence, PUBLISHED), lead)
    return None if found is None else sentence[found[0] :]


@pytest.mark.parametrize(
    "sentence",
    [
        "In 2019, 48 passengers were killed when a ferry capsized on the lake.",
        "The town was overrun by the rebels in 2016 and retaken a year later.",
        "The civil war has killed more than 30,000 people, the UN says.",
        "The insurgency in the north, which began in 2010, has killed tens of thousands.",
        "The militia took over Mabanga on August 2 after a week of fighting.",
        "Three months ago gunmen stormed the same market, killing 11 traders.",
        "Last year an ambush on the road killed 17 soldiers.",
        "Earlier this month, four districts fell to the insurgents without a fight.",
        "Thousands of people have been killed in the region.",
        "The army has been fighting the group since mid-March 2021, recapturing many towns.",
        "The rebels have killed more than 900 civilians since the start of the offensive.",
    ],
)
def test_a_sentence_about_an_older_event_is_background(sentence: str) -> None:
    assert _background(sentence) == sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "Gunmen killed 14 villagers on Tuesday night in the district of Waro.",
        "The toll from Monday's bombing rose to 31, a hospital official said.",
        "At least 20 soldiers were killed in 2024's deadliest raid so far, officials said.",
        "Police said the attackers fled on motorbikes towards the border.",
        "The rebels seized the base on September 18 after hours of fighting.",
    ],
)
def test_a_sentence_about_today_is_not_background(sentence: str) -> None:
    assert _background(sentence) is None


def test_a_relative_clause_about_an_earlier_event_is_background_from_its_comma() -> None:
    sentence = (
        "The attack took place in Waro district, where a month ago the rebels overran an army"
        " post in an assault that killed 30 soldiers."
    )
    assert _background(sentence) == (
        ", where a month ago the rebels overran an army post in an assault that killed 30 soldiers."
    )


def test_a_cumulative_toll_after_a_comma_leaves_the_events_figure() -> None:
    sentence = (
        "Six soldiers were killed on Monday, the group has killed over 2,000 people since 2015."
    )
    assert _background(sentence) == ", the group has killed over 2,000 people since 2015."


def test_the_lead_keeps_its_event_before_the_marker() -> None:
    sentence = "At least 25 people were killed in the deadliest attack since 2019 on Sunday."
    assert _background(sentence, lead=True) == "since 2019 on Sunday."


def test_without_a_publication_date_the_latest_year_named_is_the_storys() -> None:
    text = "On 4 May 2023, rebels attacked the town. It had been attacked in 2021."
    assert story_year(text, None) == 2023
    found = background_span("It had been attacked in 2021.", None, 2023)
    assert found is not None and found[0] == 0
    assert background_span("On 4 May 2023, rebels attacked the town.", None, 2023) is None


@pytest.mark.parametrize(
    ("sentence", "background"),
    [
        # A month with no day, wholly some days before publication (Sept. 20).
        (
            "Soldiers killed 40 villagers in two hamlets in July, a rights group said.",
            "Soldiers killed 40 villagers in two hamlets in July, a rights group said.",
        ),
        # An event "weeks after" an older one: the older one is background.
        (
            "Shells hit a factory on Thursday, killing two, less than a week after a strike on"
            " the city killed nine.",
            ", less than a week after a strike on the city killed nine.",
        ),
        # "since <clause>": what has happened since an older event.
        (
            "The talks were the first since rebels seized the two largest cities.",
            "since rebels seized the two largest cities.",
        ),
        (
            "At least 900 people were killed in the violence that followed.",
            "At least 900 people were killed in the violence that followed.",
        ),
    ],
)
def test_more_background_markers(sentence: str, background: str) -> None:
    assert _background(sentence, lead=sentence.startswith("The talks")) == background


def test_an_older_date_in_the_lead_with_no_day_of_the_story_makes_the_whole_lead_background() -> (
    None
):
    sentence = (
        "The army executed 60 villagers in July, a rights group said in a report published on"
        " Thursday."
    )
    # "on Thursday" dates the report, not the killings.
    assert _background(sentence, lead=True) == sentence


def test_a_day_of_the_story_keeps_the_lead_before_an_older_date() -> None:
    sentence = "A court on Thursday jailed five men over an ambush in July that killed 12."
    found = _background(sentence, lead=True)
    assert found is not None and found.startswith("in July")


@pytest.mark.parametrize(
    "sentence",
    [
        # The event's own phrasing in GTD and CASE reports.
        "At least 20 assailants and 6 police officers were killed in the ensuing clash.",
        "Nine mines have been found near the town since September, and two boys have died.",
        "In the worst gas attack of the civil war at least 90 people have been killed.",
        "Strikes hit a clinic in the east last week, killing five people, the charity said.",
    ],
)
def test_the_events_own_phrasing_is_not_background(sentence: str) -> None:
    assert _background(sentence, lead=True) is None


def test_a_comparison_with_an_older_year_leaves_the_event() -> None:
    sentence = "Troops took the whole highway on Tuesday for the first time since 2012."
    assert _background(sentence) == "since 2012."


def test_a_conflicts_relative_clause_is_background_not_the_sentence_naming_it() -> None:
    sentence = (
        "The rebels began peace talks to end a 50-year conflict that has claimed 9,000 lives."
    )
    found = _background(sentence)
    assert found is not None and found.startswith("that has claimed")


def test_last_week_past_the_lead_of_a_dated_story_is_background() -> None:
    text = "Gunmen looted the depot on Thursday. A union said last week that 80 had been killed."
    words = Words(text)
    cut = text.index(" A union") + 1
    found = background_starts(words, [(0, cut - 1), (cut, len(text))], PUBLISHED, 2024, lead=1)
    assert list(found) == [1]
    assert background_starts(words, [(0, cut - 1), (cut, len(text))], None, 2024, lead=1) == {}


def test_a_full_date_of_the_storys_year_some_days_back_is_background() -> None:
    sentence = "The army retook the town on February 2, 2024 after a week of fighting."
    assert _background(sentence) == sentence
    assert _background("The army retook the town on 18 September 2024.") is None


def test_without_a_year_given_the_latest_year_named_is_the_storys() -> None:
    text = "On 4 May 2023, rebels attacked the town. It had been attacked in 2021."
    words = Words(text)
    cut = text.index(" It had") + 1
    found = background_starts(words, [(0, cut - 1), (cut, len(text))], None)
    assert list(found) == [1]


def test_an_undated_story_whose_lead_names_no_year_has_every_named_year_older() -> None:
    text = "A lorry crashed into a market on Friday, killing 30. In 2019, 40 died on the road."
    words = Words(text)
    cut = text.index(" In 2019") + 1
    bounds = [(0, cut - 1), (cut, len(text))]
    assert list(background_starts(words, bounds, None, None, lead=1)) == [1]
    # A lead naming the year gives the story's year: the same year later is not older.
    text = "On 3 May 2019, a lorry crashed into a market. In 2019 40 died on the road."
    words = Words(text)
    cut = text.index(" In 2019") + 1
    assert background_starts(words, [(0, cut - 1), (cut, len(text))], None, None, lead=1) == {}


@pytest.mark.parametrize(
    "sentence",
    [
        # Late reports from remote areas and NGO updates date their own event by its day.
        "Gunmen killed 12 villagers in a raid on Tsafe on September 9, residents said on Friday.",
        "On 12 September 2024, armed men attacked a displacement site near Kalemie, killing four.",
    ],
)
def test_a_recent_day_in_the_lead_dates_the_story_not_an_older_event(sentence: str) -> None:
    assert _background(sentence, lead=True) is None


def test_a_recent_day_outside_the_lead_is_still_an_earlier_event() -> None:
    sentence = "On September 9, gunmen killed 12 villagers in a raid on the same town."
    assert _background(sentence, lead=False) == sentence


def test_a_late_report_keeps_its_event_and_toll() -> None:
    article = Article(
        id="late-report",
        title="Gunmen kill 12 villagers in northwest Nigeria, residents say",
        text=(
            "Gunmen killed 12 villagers in a raid on Tsafe in Zamfara State on September 9,"
            " residents said on Friday, the first news of the attack to reach the state capital"
            " because phone networks in the area are down.\n\nThe attackers arrived on"
            " motorcycles and opened fire on farmers, a local official said."
        ),
        published_at=PUBLISHED,
    )
    found = classify(article)
    assert found.sub_event_type == "Attack"
    assert found.killed == 12
