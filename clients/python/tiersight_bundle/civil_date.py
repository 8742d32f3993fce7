"""Calendar days as base/civil_date.cc reads them: `YYYY-MM-DD`, or a full
ISO 8601 timestamp whose day part is that; only the day counts."""

import re

_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
# hh:mm[:ss[.fraction]] followed by nothing, Z, or ±hh[:]mm; the hour, minute
# and second are checked below.
_TIME = re.compile(r"([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:[.,][0-9]+)?)?"
                   r"(?:|[Zz]|[+-](?:[0-9]{2}:[0-9]{2}|[0-9]{4}|[0-9]{2}))")
_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _leap(year):
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def parse_day(text):
    """`YYYY-MM-DD` of the day `text` names, or None for anything else,
    impossible days such as 2026-02-30 included."""
    day = _DAY.fullmatch(text[:10])
    if not day:
        return None
    if len(text) > 10:
        time = _TIME.fullmatch(text, 11)
        if text[10] not in "Tt " or not time:
            return None
        hour, minute, second = time.group(1, 2, 3)
        if int(hour) > 23 or int(minute) > 59 or (second is not None and int(second) > 60):
            return None
    year, month, mday = (int(g) for g in day.groups())
    if not 1 <= month <= 12:
        return None
    last = 29 if month == 2 and _leap(year) else _DAYS_IN_MONTH[month - 1]
    return text[:10] if 1 <= mday <= last else None
