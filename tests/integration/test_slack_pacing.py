"""Per-channel pacing must not become a standing delay: an idle channel posts at once."""

from __future__ import annotations

import pytest
import redis

from services.deliver import outbox
from services.deliver.dispatch import dispatch
from services.deliver.slack import delivery
from services.deliver.slack.notifier import SlackNotifier, build_client
from shared.settings import Settings
from tests.integration.test_deliver_webhooks import make_event
from tests.support.slack_standin import SlackStandIn


def test_an_empty_outbox_ends_the_drain_even_inside_the_pacing_interval(
    redis_client: redis.Redis, settings: Settings
) -> None:
    with SlackStandIn(token="xoxb-pace") as slack:
        paced = Settings(
            **{
                **settings.model_dump(),
                "slack_token": "xoxb-pace",
                "slack_api_url": slack.base_url,
                "slack_channel": "#pace",
                "slack_min_interval": 1.0,
            }
        )
        # Queue one alert without a worker (kicks go to a broker nobody reads here).
        dispatch(redis_client, paced, [make_event("al_pace1", 1, killed=3)])
        notifier = SlackNotifier(build_client(paced))
        clock = [1000.0]

        # The one message is posted; then the outbox is empty, so nothing is scheduled —
        # a scheduled run would hold back the next alert for the rest of the interval.
        assert delivery.drain(redis_client, "#pace", notifier, 1.0, lambda: clock[0]) is None
        assert len(slack.posts("#pace")) == 1

        # A second alert 0.3 s later must wait out the pacing: the drain says how long.
        dispatch(redis_client, paced, [make_event("al_pace2", 1, killed=4)])
        clock[0] += 0.3
        wait = delivery.drain(redis_client, "#pace", notifier, 1.0, lambda: clock[0])
        assert wait == pytest.approx(0.7)
        assert len(slack.posts("#pace")) == 1
        assert redis_client.llen(outbox.key("outbox", outbox.slack_target("#pace"))) == 1
