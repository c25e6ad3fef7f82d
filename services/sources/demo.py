"""Demo feeds for `make run`: a local site serving an RSS, an Atom and a teaser-only feed.

    base_url, stop = serve_demo_feeds()
    Path("sources.demo.yaml").write_text(demo_sources_yaml(base_url))
    # ... run with TOCSIN_SOURCES_FILE=sources.demo.yaml, then:
    stop()

The stories are invented for the demo; no outlet's text is reproduced.
"""

from __future__ import annotations

from collections.abc import Callable

from services.sources.site import FeedSite

_RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Demo Daily World</title>
  <link>{base}/</link>
  <description>Invented world news for the Tocsin demo</description>
  <language>en</language>
  <item>
    <title>Gunmen kill four villagers in overnight raid in Zamfara</title>
    <link>{base}/demo/world/zamfara-raid</link>
    <guid isPermaLink="false">demo-world-0001</guid>
    <pubDate>Mon, 03 Mar 2025 07:15:00 GMT</pubDate>
    <description>Four villagers were killed in an overnight raid in Zamfara.</description>
    <content:encoded><![CDATA[<p>Gunmen on motorcycles attacked a farming village in Zamfara
    state, Nigeria, late on Sunday, killing four villagers and wounding two others, a local
    official said on Monday.</p><p>The attackers also stole cattle before fleeing into a nearby
    forest, the official said. Police said they had deployed officers to the area.</p>]]>
    </content:encoded>
  </item>
  <item>
    <title>Protesters rally peacefully over fuel prices in the capital</title>
    <link>{base}/demo/world/fuel-protest</link>
    <guid isPermaLink="false">demo-world-0002</guid>
    <pubDate>Mon, 03 Mar 2025 09:40:00 GMT</pubDate>
    <content:encoded><![CDATA[<p>Several hundred people marched peacefully through the
    capital on Monday to protest against a rise in fuel prices. Organisers said the march
    ended without incident.</p>]]></content:encoded>
  </item>
</channel>
</rss>
"""

_ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>Demo Wire</title>
  <id>urn:tocsin:demo:wire</id>
  <updated>2025-03-03T10:00:00Z</updated>
  <entry>
    <title>Car bomb kills seven near market in northern city</title>
    <id>urn:tocsin:demo:wire:0001</id>
    <link rel="alternate" href="{base}/demo/wire/market-bomb"/>
    <published>2025-03-03T10:00:00Z</published>
    <updated>2025-03-03T10:00:00Z</updated>
    <content type="html">&lt;p&gt;A car bomb exploded near a crowded market in the northern
    city of Kirkuk in Iraq on Monday, killing at least seven people and wounding 15, police
    said. No group immediately claimed responsibility.&lt;/p&gt;</content>
  </entry>
</feed>
"""

_TEASERS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
  <title>Demo Briefs</title>
  <link>{base}/</link>
  <description>Short teasers; the full stories are on the pages</description>
  <item>
    <title>Shelling hits residential district</title>
    <link>{base}/demo/briefs/shelling.html</link>
    <guid>{base}/demo/briefs/shelling.html</guid>
    <pubDate>Mon, 03 Mar 2025 11:05:00 GMT</pubDate>
    <description>Artillery struck homes overnight. Read more.</description>
  </item>
</channel>
</rss>
"""

_SHELLING_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Shelling hits residential district</title>
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/subscribe">Subscribe</a></nav>
<article>
<h1>Shelling hits residential district</h1>
<p>Artillery shells struck a residential district of Kharkiv in Ukraine overnight, killing
three civilians and wounding nine, the regional governor said on Monday morning.</p>
<p>Rescue workers searched the rubble of two damaged apartment buildings until dawn, and the
governor said several families had been moved to temporary shelters in the city centre.</p>
<p>The district has been shelled repeatedly in recent weeks, residents said, and many had
already left for villages further west.</p>
</article>
<footer>Copyright Demo Briefs. All rights reserved. Cookie settings.</footer>
</body></html>
"""

DEMO_PAGES: dict[str, tuple[bytes, str]] = {
    "/demo/world.rss": (_RSS.encode(), "application/rss+xml; charset=utf-8"),
    "/demo/wire.atom": (_ATOM.encode(), "application/atom+xml; charset=utf-8"),
    "/demo/briefs.rss": (_TEASERS.encode(), "application/rss+xml; charset=utf-8"),
    "/demo/briefs/shelling.html": (_SHELLING_PAGE.encode(), "text/html; charset=utf-8"),
}


def serve_demo_feeds() -> tuple[str, Callable[[], None]]:
    """Start the demo feed site on a free loopback port; returns its base URL and a stop."""
    site = FeedSite(DEMO_PAGES).start()
    return site.base_url, site.stop


def demo_sources_yaml(base_url: str, interval_seconds: float = 30.0) -> str:
    """A sources file for the demo site (write it and point TOCSIN_SOURCES_FILE at it)."""
    feeds = [
        ("/demo/world.rss", "Demo Daily World", "world"),
        ("/demo/wire.atom", "Demo Wire", "wire"),
        ("/demo/briefs.rss", "Demo Briefs", "briefs"),
    ]
    lines = ["sources:"]
    for path, name, tag in feeds:
        lines += [
            f"  - url: {base_url}{path}",
            f"    name: {name}",
            f"    interval_seconds: {interval_seconds}",
            "    language: en",
            f"    tags: [demo, {tag}]",
        ]
    return "\n".join(lines) + "\n"
