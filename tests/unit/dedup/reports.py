"""Hand-written reports for fold tests, modelled on how agencies and local outlets word one event.

Every sentence here was written for Tocsin's tests; none is copied from a real outlet.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from shared.models import Article, Classification, Incident

DAY = datetime(2024, 5, 14, 6, 0, tzinfo=UTC)


def article(article_id: str, text: str, **kw: Any) -> Article:
    return Article(id=article_id, text=text, published_at=kw.pop("published_at", DAY), **kw)


def classification(article_id: str, **kw: Any) -> Classification:
    kw.setdefault("severity", "critical")
    kw.setdefault("country", "Afghanistan")
    kw.setdefault("event_date", DAY)
    incidents = kw.pop("incidents", None)
    if incidents is None:
        incidents = [Incident(**{k: v for k, v in kw.items() if k in Incident.model_fields})]
    return Classification(id=article_id, incidents=incidents, **kw)


BASE_TAKEN = dict(
    sub_event_type="Non-state actor overtakes territory",
    event_type="Battles",
    location="Andar district, Ghazni",
    actors=["Taliban"],
)

WIRE_A = (
    "GHAZNI, Afghanistan (AP) — Taliban fighters overran a police base in Andar district of "
    "Ghazni province early Tuesday, killing at least 15 officers, a provincial official said. "
    "The official, who spoke on condition of anonymity, said the insurgents seized weapons and "
    "two armoured vehicles before reinforcements arrived from the provincial capital. Residents "
    "reported hearing heavy gunfire for several hours after midnight."
)
# The same wire story picked up by another site: new headline, dateline and a footer.
WIRE_A_COPY = (
    "Taliban fighters overran a police base in Andar district of Ghazni province early Tuesday, "
    "killing at least 15 officers, a provincial official said. The official, who spoke on "
    "condition of anonymity, said the insurgents seized weapons and two armoured vehicles before "
    "reinforcements arrived from the provincial capital. Residents reported hearing heavy gunfire "
    "for several hours after midnight.\nCopyright 2024 The Associated Press. All rights reserved."
)
# Another agency's account of the same night: almost no shared wording, a higher toll.
WIRE_B = (
    "Insurgents stormed and captured a security outpost in Ghazni overnight after hours of "
    "fighting, putting the number of police dead at between 30 and 40, local officials told "
    "reporters on Tuesday. A spokesman for the Taliban claimed the group now controlled the "
    "Andar compound."
)
# A local outlet adds the air strikes that followed the capture.
LOCAL_C = (
    "Afghan air force jets struck Taliban positions around the captured Andar base in Ghazni on "
    "Tuesday afternoon, a district council member said, adding that the strikes killed 12 "
    "fighters. The Taliban had taken the base the night before."
)
# A look-alike the same day in another district of the same province: a distinct incident.
OTHER_TOWN = (
    "Taliban fighters overran a police checkpoint in Qarabagh district of Ghazni province early "
    "Tuesday, killing at least nine officers, a provincial official said, in one of two "
    "coordinated assaults in the province overnight."
)
# The same district attacked again twelve days later: a new event.
LATER_ATTACK = (
    "Taliban fighters overran a rebuilt police base in Andar district of Ghazni province on "
    "Sunday, killing at least seven officers, officials said."
)
