"""Numbers, durations, dates and lists as each language writes them (Babel's CLDR data)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from babel.dates import format_date, format_time, format_timedelta
from babel.lists import format_list
from babel.numbers import format_decimal


def duration_from_now(seconds: float, locale: str) -> str:
    """A wait, as a phrase that fits "try again …": "in 5 seconds", "in 5 Sekunden",
    "dentro de 5 segundos". Rounded to the largest unit that fits (90 s is "2 minutes"); never
    less than one second."""
    wait = timedelta(seconds=max(1.0, float(seconds)))
    return format_timedelta(wait, add_direction=True, threshold=1, locale=locale)


def duration(seconds: float, locale: str) -> str:
    """A length of time without direction: "5 seconds", "5 Sekunden", "2 minutes"."""
    value = timedelta(seconds=max(0.0, float(seconds)))
    return format_timedelta(value, threshold=1, locale=locale)


def number(value: float, locale: str, *, max_fraction_digits: int = 2) -> str:
    """``2.5`` is "2.5" in English, "2,5" in German; whole floats lose their ".0"."""
    pattern = "#,##0." + "#" * max_fraction_digits if max_fraction_digits else "#,##0"
    return format_decimal(value, format=pattern, locale=locale)


def date_time(moment: datetime, locale: str) -> str:
    """ "1 December 2026, 14:05" / "1. Dezember 2026, 14:05", in the moment's own time zone
    (UTC for naive ones), never the machine's."""
    zone = moment.tzinfo or UTC
    day = format_date(moment, format="long", locale=locale)
    return f"{day}, {format_time(moment, format='short', tzinfo=zone, locale=locale)}"


def items(values: Sequence[str], locale: str) -> str:
    """ "a, b and c" in the language's own way ("a, b und c", "a, b y c")."""
    return format_list(list(values), locale=locale) if values else ""
