"""First response per channel (2.1(1)): arrival to the first human response, at most `within_seconds`.

Rows count for the period by `arrived_at`, whatever the hour. A row abandoned at most `within_seconds`
after arrival is a short abandon: excluded from `requests` and counted (`--short-abandons exclude`,
the default of SPEC §7), or kept as a request like any other (`count`: unanswered, it is late). A response with
an empty `agent` is a bot's and is not a first response.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .clock import Window
from .rows import Check, Typed, required, timestamp_us, type_rows, unreadable

CHANNELS = {"calls": "phone", "chats": "chat", "emails": "email"}
US = 1_000_000


@dataclass(frozen=True)
class FirstResponse:
    channel: str
    rows: int  # usable rows arriving in the period
    requests: int
    on_time: int
    short_abandons: int
    bot_responses: int
    no_response: int
    outside: int  # usable rows arriving outside the period


def type_requests(con: Any, kind: str) -> Typed:
    """rows_<kind> with arrived_us, response_us, abandoned_us, bot."""
    return type_rows(
        con,
        kind,
        {
            "arrived_us": timestamp_us("arrived_at"),
            "response_us": timestamp_us("first_response_at"),
            "abandoned_us": timestamp_us("abandoned_at"),
            "bot": "agent IS NULL",
        },
        [
            required("id"),
            required("arrived_at"),
            unreadable("arrived_at", "arrived_us"),
            unreadable("first_response_at", "response_us"),
            unreadable("abandoned_at", "abandoned_us"),
            Check("first_response_at", "before_arrival", "response_us < arrived_us"),
            Check("abandoned_at", "before_arrival", "abandoned_us < arrived_us"),
        ],
    )


def first_response(con: Any, kind: str, within_seconds: int, window: Window, short_abandons: str) -> FirstResponse:
    """The channel's figures for the period from rows_<kind>."""
    limit = within_seconds * US
    short = f"(abandoned_us IS NOT NULL AND abandoned_us - arrived_us <= {limit})"
    human = "(NOT bot AND response_us IS NOT NULL)"
    counted = "true" if short_abandons == "count" else f"NOT {short}"
    query = f"""
        SELECT
          count(*) FILTER (WHERE inside),
          count(*) FILTER (WHERE inside AND {counted}),
          count(*) FILTER (WHERE inside AND {counted} AND {human} AND response_us - arrived_us <= {limit}),
          count(*) FILTER (WHERE inside AND {short}),
          count(*) FILTER (WHERE inside AND bot AND response_us IS NOT NULL),
          count(*) FILTER (WHERE inside AND NOT {human}),
          count(*) FILTER (WHERE NOT inside)
        FROM (SELECT *, arrived_us >= {window.lo_us} AND arrived_us < {window.hi_us} AS inside
              FROM rows_{kind} WHERE problem IS NULL)
    """
    figures = con.execute(query).fetchall()[0]
    return FirstResponse(CHANNELS[kind], *(int(x) for x in figures))


def method(f: FirstResponse, source: str, within_seconds: int, short_abandons: str, bad: str) -> str:
    """The figure's definition and its counts, in the language-neutral method form (docs/metrics.md)."""
    return (
        f"first_response/v1 source={source} channel={f.channel} "
        f"on_time=human_response-arrived_at<={within_seconds}s rows={f.rows} "
        f"short_abandons(<={within_seconds}s)={f.short_abandons}:{short_abandons} "
        f"bot_responses_ignored={f.bot_responses} no_human_response={f.no_response} "
        f"outside_period={f.outside} {bad}"
    )
