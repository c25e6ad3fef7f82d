"""`tocsin`: the one console script. Each subcommand's work lives in its stage's package."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import IO

from pydantic import ValidationError

from shared.errors import ConfigError


def _open_in(path: str) -> IO[str]:
    if path == "-":
        return sys.stdin
    try:
        return open(path, encoding="utf-8")
    except OSError as exc:
        raise SystemExit(f"tocsin: cannot read {path}: {exc.strerror}") from exc


def _cmd_classify(args: argparse.Namespace) -> int:
    from services.classify.command import run_classify

    with _open_in(args.file) as inp:
        return run_classify(inp, sys.stdout)


def _cmd_eval(args: argparse.Namespace) -> int:
    from services.classify.command import run_eval

    return run_eval(args.path, sys.stdout, as_json=args.json, limit=args.limit, errors=args.errors)


def _cmd_cluster(args: argparse.Namespace) -> int:
    from services.dedup.command import run_cluster

    with _open_in(args.file) as inp:
        return run_cluster(inp, sys.stdout)


def _cmd_ingest(args: argparse.Namespace) -> int:
    from services.ingest.command import run_ingest

    with _open_in(args.file) as inp:
        return run_ingest(inp, sys.stdout, sys.stderr)


def _cmd_worker(args: argparse.Namespace) -> int:
    from services.pipeline.worker import run_worker

    return run_worker(concurrency=args.concurrency, queues=args.queues, pump=not args.no_pump)


def _cmd_api(args: argparse.Namespace) -> int:
    from services.api.server import run_api

    return run_api(host=args.host, port=args.port)


def _cmd_beat(_: argparse.Namespace) -> int:
    from services.pipeline.beat import run_beat

    return run_beat()


def _cmd_stats(args: argparse.Namespace) -> int:
    from shared import stats
    from shared.redisconn import connect
    from shared.settings import get_settings

    client = connect(get_settings())
    try:
        counters = stats.read(client)
    except Exception as exc:
        print(f"tocsin: cannot read stats from Redis: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(counters, sort_keys=True))
    else:
        width = max(len(k) for k in counters)
        for name, value in counters.items():
            print(f"{name:<{width}}  {value}")
    return 0


def _cmd_dead_letters(args: argparse.Namespace) -> int:
    from services.ingest.dead_letters import read_dead_letters
    from shared.redisconn import connect
    from shared.settings import get_settings

    try:
        letters, _ = read_dead_letters(connect(get_settings()), limit=args.limit)
    except Exception as exc:
        print(f"tocsin: cannot read dead letters from Redis: {exc}", file=sys.stderr)
        return 2
    for letter in letters:
        if args.json:
            print(json.dumps(letter))
        else:
            print(f"{letter['id']}  {letter['at']}  [{letter['origin']}]  {letter['reason']}")
    return 0


def _cmd_run(args: argparse.Namespace) -> int:
    from services.runner import run_demo

    return run_demo(samples=args.samples, keep_running=not args.once, demo_feeds=args.demo_feeds)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tocsin", description="Turn a stream of news into alerts a security team can act on."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("classify", help="classify JSON Lines articles offline (no services)")
    p.add_argument("file", nargs="?", default="-", help="JSON Lines file, or - for stdin")
    p.set_defaults(func=_cmd_classify)

    p = sub.add_parser("eval", help="score the classifier on a labelled corpus JSONL")
    p.add_argument("path", help="labelled JSONL in the corpus format")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("--limit", type=int, default=None, help="score only the first N items")
    p.add_argument(
        "--errors", type=int, default=None, metavar="N", help="print top confusions, N misses each"
    )
    p.set_defaults(func=_cmd_eval)

    p = sub.add_parser("cluster", help="fold articles into events offline: {id, event_id} out")
    p.add_argument("file", nargs="?", default="-", help="JSON Lines file, or - for stdin")
    p.set_defaults(func=_cmd_cluster)

    p = sub.add_parser("ingest", help="push JSON Lines articles onto the tocsin:articles stream")
    p.add_argument("file", nargs="?", default="-", help="JSON Lines file, or - for stdin")
    p.set_defaults(func=_cmd_ingest)

    p = sub.add_parser("worker", help="run a Celery worker for all queues, with the stream pump")
    p.add_argument("--concurrency", type=int, default=None, help="worker processes (default: CPUs)")
    p.add_argument("--queues", default=None, help="comma-separated queues (default: all)")
    p.add_argument("--no-pump", action="store_true", help="do not read the article stream")
    p.set_defaults(func=_cmd_worker)

    p = sub.add_parser("api", help="run the HTTP API (FastAPI on uvicorn)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(func=_cmd_api)

    p = sub.add_parser("beat", help="run the scheduler (feed polling); safe to run more than one")
    p.set_defaults(func=_cmd_beat)

    p = sub.add_parser("stats", help="show the counters kept in Redis")
    p.add_argument("--json", action="store_true", help="print the counters as JSON")
    p.set_defaults(func=_cmd_stats)

    p = sub.add_parser("dead-letters", help="show refused input with its reason, newest first")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.set_defaults(func=_cmd_dead_letters)

    p = sub.add_parser("run", help="run everything on sample articles and show the alerts")
    p.add_argument("--samples", default=None, help="JSON Lines of articles (default: bundled)")
    p.add_argument("--once", action="store_true", help="exit after showing the samples' alerts")
    p.add_argument(
        "--demo-feeds", action="store_true", help="also poll local demo RSS/Atom feeds (beat)"
    )
    p.set_defaults(func=_cmd_run)

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        result: int = args.func(args)
        return result
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except (ConfigError, ValidationError) as exc:
        # A settings, policy or routes file that does not validate: say which and why.
        print(f"tocsin: configuration error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
