"""Block Kit rendering of an alert, within Slack's limits (checked by slack-sdk's block models).

Limits (Slack docs): 50 blocks per message, 150 characters per header, 3,000 per section
text, 2,000 per section field, 10 fields per section, 10 elements per context block.
"""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)

from shared.models import Alert, Change

HEADER_MAX = 150
SECTION_MAX = 3_000
FIELD_MAX = 2_000
FIELDS_MAX = 10
BLOCKS_MAX = 50
TEXT_MAX = 3_000  # the fallback shows in notifications; keep it short like a section
SOURCE_LINKS_MAX = 10
INCIDENTS_MAX = 10

SEVERITY_MARK = {
    "critical": ":rotating_light:",
    "high": ":red_circle:",
    "medium": ":large_orange_circle:",
    "low": ":large_yellow_circle:",
    "info": ":white_circle:",
    "none": ":white_circle:",
}


def clip(text: str, limit: int) -> str:
    """`text` cut to `limit` characters, with an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def escape(text: str) -> str:
    """Slack mrkdwn escaping: &, < and > are control characters."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def toll(low: int | None, high: int | None) -> str | None:
    """`15`, `15-30` (conservative-highest) or None when nothing is known."""
    if low is None and high is None:
        return None
    if low is None:
        return f"up to {high}"
    if high is None or high == low:
        return str(low)
    return f"{low}-{high}"


def toll_sources(alert: Alert, field: str) -> list[str]:
    """Evidence quoted for a toll field (the reasons that set it), at most three."""
    quotes = [r.evidence for r in alert.reasons if r.field in (field, f"{field}_max")]
    return [clip(q, 200) for q in dict.fromkeys(quotes)][:3]


def place(alert: Alert) -> str | None:
    parts = [p for p in (alert.location, alert.country) if p]
    return ", ".join(dict.fromkeys(parts)) or None


def header_text(alert: Alert) -> str:
    kind = alert.sub_event_type or alert.event_type or "Alert"
    return clip(f"{alert.severity.upper()} · {kind}", HEADER_MAX)


def fallback_text(alert: Alert) -> str:
    """The `text` of the message: what notifications and screen readers show.

    The title already carries the place and the toll; only what it lacks is added.
    """
    parts = [f"[{alert.severity.upper()}] {alert.title}"]
    killed = toll(alert.killed, alert.killed_max)
    if killed and f"{killed} killed" not in alert.title:
        parts.append(f"killed {killed}")
    wounded = toll(alert.wounded, alert.wounded_max)
    if wounded:
        parts.append(f"wounded {wounded}")
    where = place(alert)
    if where and where not in alert.title:
        parts.append(where)
    return clip(" — ".join(parts), TEXT_MAX)


def incidents_text(alert: Alert) -> str | None:
    """One line per incident when an alert holds several (a round-up, a claim beside officials'
    figures, an air strike elsewhere): an analyst sees them all without opening the source."""
    if len(alert.incidents) < 2:
        return None
    lines = []
    for incident in alert.incidents[:INCIDENTS_MAX]:
        what = incident.sub_event_type or incident.event_type or "Incident"
        where = ", ".join(p for p in (incident.location, incident.country) if p)
        line = f"• *{escape(what)}*" + (f" in {escape(where)}" if where else "")
        killed = toll(incident.killed, incident.killed_max)
        if killed:
            line += f" — killed {killed}"
        wounded = toll(incident.wounded, incident.wounded_max)
        if wounded:
            line += f", wounded {wounded}"
        if "claim" in incident.tags:
            line += " _(claimed by the perpetrators)_"
        lines.append(line + f" `{incident.severity}`")
    more = len(alert.incidents) - INCIDENTS_MAX
    if more > 0:
        lines.append(f"…and {more} more")
    return clip("*Incidents*\n" + "\n".join(lines), SECTION_MAX)


def _fields(alert: Alert) -> list[MarkdownTextObject]:
    fields: list[MarkdownTextObject] = []
    for label, field, low, high in (
        ("Killed", "killed", alert.killed, alert.killed_max),
        ("Wounded", "wounded", alert.wounded, alert.wounded_max),
    ):
        value = toll(low, high)
        if value is None:
            continue
        line = f"*{label}*\n{value}"
        if high is not None and low is not None and high != low:
            line += f" (conservative {low}, highest {high})"
        quotes = toll_sources(alert, field)
        if quotes:
            line += "\n" + "\n".join(f"> {escape(q)}" for q in quotes)
        fields.append(MarkdownTextObject(text=clip(line, FIELD_MAX)))
    where = place(alert)
    if where:
        fields.append(MarkdownTextObject(text=clip(f"*Place*\n{escape(where)}", FIELD_MAX)))
    if alert.actors:
        actors = ", ".join(escape(a) for a in alert.actors)
        fields.append(MarkdownTextObject(text=clip(f"*Actors*\n{actors}", FIELD_MAX)))
    if alert.event_type:
        fields.append(MarkdownTextObject(text=clip(f"*Event*\n{alert.event_type}", FIELD_MAX)))
    fields.append(MarkdownTextObject(text=f"*Sources*\n{len(alert.sources)}"))
    return fields[:FIELDS_MAX]


def _source_links(alert: Alert) -> str | None:
    links = []
    for source in alert.sources[:SOURCE_LINKS_MAX]:
        name = escape(source.source or source.article_id)
        if source.url and source.url.startswith(("http://", "https://")):
            url = source.url.replace(">", "%3E").replace("|", "%7C")
            links.append(f"<{url}|{clip(name, 80)}>")
        else:
            links.append(clip(name, 80))
    if not links:
        return None
    more = len(alert.sources) - SOURCE_LINKS_MAX
    text = " · ".join(links) + (f" and {more} more" if more > 0 else "")
    return clip(text, SECTION_MAX)


def render_blocks(alert: Alert) -> list[dict[str, Any]]:
    """The message's blocks as Slack JSON; slack-sdk raises if a limit is broken."""
    blocks: list[Block] = [
        HeaderBlock(text=PlainTextObject(text=header_text(alert), emoji=True)),
        SectionBlock(
            text=MarkdownTextObject(
                text=clip(
                    f"{SEVERITY_MARK[alert.severity]} *{escape(alert.title)}*\n"
                    f"{escape(alert.summary)}",
                    SECTION_MAX,
                )
            )
        ),
        SectionBlock(fields=_fields(alert)),
    ]
    incidents = incidents_text(alert)
    if incidents:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=incidents)))
    links = _source_links(alert)
    if links:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=f"*Sources:* {links}")))
    blocks.append(DividerBlock())
    blocks.append(
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text=f"First seen {alert.first_seen:%Y-%m-%d %H:%M} UTC · "
                    f"updated {alert.updated_at:%Y-%m-%d %H:%M} UTC · "
                    f"v{alert.version} · `{escape(alert.alert_id)}`"
                    + "".join(f" · `{escape(tag)}`" for tag in alert.tags)
                )
            ]
        )
    )
    return [block.to_dict() for block in blocks[:BLOCKS_MAX]]


def _value(value: Any) -> str:
    return "none" if value is None or value == [] else str(value)


def describe_changes(alert: Alert, changes: list[Change]) -> str:
    """One line for the thread reply: what changed, e.g. `toll 15 -> 30-40, 3 sources`."""
    by_field = {c.field: c for c in changes}
    parts: list[str] = []
    for label, low, high in (
        ("toll", "killed", "killed_max"),
        ("wounded", "wounded", "wounded_max"),
    ):
        if low in by_field or high in by_field:
            old_low = by_field[low].old if low in by_field else getattr(alert, low)
            old_high = by_field[high].old if high in by_field else getattr(alert, high)
            old = toll(old_low, old_high) or "unknown"
            new = toll(getattr(alert, low), getattr(alert, high)) or "unknown"
            parts.append(f"{label} {old} -> {new}")
    for change in changes:
        if change.field in ("killed", "killed_max", "wounded", "wounded_max", "sources"):
            continue
        parts.append(f"{change.field} {_value(change.old)} -> {_value(change.new)}")
    parts.append(f"{len(alert.sources)} source{'s' if len(alert.sources) != 1 else ''}")
    return clip("Updated: " + ", ".join(parts), TEXT_MAX)
