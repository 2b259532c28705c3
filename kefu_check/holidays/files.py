"""The ``--holidays`` file: reading it, the ``before`` key, folders, and the check against the package.

``{"year": 2019, "holidays": [...], "workdays": [...], "before": {"holidays": [...], "workdays": [...]}}``:
``before`` (optional) holds the days of the previous year that the year's notice fixes (2018年12月30日至
2019年1月1日放假, 2018年12月29日上班). For a year the package (``chinesecalendar``) knows, the file — its
year and its ``before`` days alike — is compared with the package's working days: a day one calls a working
day and the other does not is an error naming the days, never a silent choice between two sources. For a
previous year supplied by another file, ``before`` is merged into it (a disagreement is an error); for a
previous year nobody supplies, ``before`` cannot make a whole year and the year stays unknown (fail-closed).

Files are found from ``--holidays`` paths and the ``holidays`` configuration key (files or folders of
``*.json``), and from a ``holidays/`` folder beside the contract.
"""

from __future__ import annotations

import json
import os
import pathlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ..calendar import HolidaysFileError
from ..errors import InputError
from ..load import DuplicateKey, unique_keys
from ..problems import Problem, os_problem, problem, type_problem

if TYPE_CHECKING:
    from ..calendar import YearArrangement

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_FILE_YEARS = (1900, 2199)  # plausible range for a user-supplied arrangement
MAX_HOLIDAYS_FILE = 1024 * 1024
MAX_LISTED = 12  # days named in one error line


@dataclass(frozen=True)
class HolidaysFile:
    """One file: the year's arrangement and the previous year's days it fixes (``before``; may be empty)."""

    path: str
    year: int
    holidays: frozenset[date]
    workdays: frozenset[date]
    before_holidays: frozenset[date] = frozenset()
    before_workdays: frozenset[date] = frozenset()


class HolidaysProblem(HolidaysFileError, InputError):
    """A bad holidays file as an input error: ``file: field: problem``, rendered in the user's language when
    printed (``line(lang)`` for another)."""

    def __init__(self, file: str, field: str | None, problem: Problem) -> None:
        InputError.__init__(self, file, field, problem)

    def __str__(self) -> str:
        return self.line()


def _one_line(value: Any, limit: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def read_holidays_file(path: str | pathlib.Path) -> HolidaysFile:
    """Read and validate one file (no comparison with the package); problems → ``HolidaysFileError``."""
    name = str(path)

    def fail(field: str | None, kind: str, **params: Any) -> HolidaysProblem:
        return HolidaysProblem(name, field, problem(kind, **params))

    try:
        p = pathlib.Path(path)
        if os.path.isdir(p):
            raise fail(None, "is_directory")
        with p.open("rb") as handle:
            raw = handle.read(MAX_HOLIDAYS_FILE + 1)
    except OSError as e:
        raise HolidaysProblem(name, None, os_problem(e)) from None
    if len(raw) > MAX_HOLIDAYS_FILE:
        raise fail(None, "holidays_file_too_large", limit=MAX_HOLIDAYS_FILE)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise fail(None, "not_utf8", byte=e.start) from None
    try:
        data = json.loads(text, object_pairs_hook=unique_keys)
    except DuplicateKey as e:
        raise fail(_one_line(e.key), "key_twice") from None
    except json.JSONDecodeError as e:
        raise fail(None, "invalid_json_line", line=e.lineno) from None
    except RecursionError:
        raise fail(None, "invalid_json_nested") from None

    if not isinstance(data, dict):
        raise fail(None, "expected_json_object", type=type_problem(data))
    required = ("year", "holidays", "workdays")
    for key in data:
        if key not in (*required, "before"):
            raise fail(_one_line(key), "unknown_key_allowed", allowed=", ".join(required))
    for key in required:
        if key not in data:
            raise fail(key, "required")

    year = data["year"]
    if isinstance(year, bool) or not isinstance(year, int):
        raise fail("year", "expected_integer_year", given=_one_line(year))
    if not _FILE_YEARS[0] <= year <= _FILE_YEARS[1]:
        raise fail("year", "year_out_of_range", year=year, first=_FILE_YEARS[0], last=_FILE_YEARS[1])

    def dates(obj: dict[str, Any], prefix: str, in_year: int) -> tuple[frozenset[date], frozenset[date]]:
        lists: dict[str, frozenset[date]] = {}
        for key in ("holidays", "workdays"):
            items = obj[key]
            if not isinstance(items, list):
                raise fail(prefix + key, "expected_date_list", type=type_problem(items))
            seen: set[date] = set()
            for i, item in enumerate(items):
                field = f"{prefix}{key}[{i}]"
                if not isinstance(item, str):
                    raise fail(field, "expected_date_string", given=_one_line(item))
                try:
                    if not _ISO_DATE.fullmatch(item):
                        raise ValueError
                    d = date.fromisoformat(item)
                except ValueError:
                    raise fail(field, "invalid_date", given=_one_line(item)) from None
                if d.year != in_year:
                    raise fail(field, "date_not_in_year", date=d.isoformat(), year=in_year)
                if d in seen:
                    raise fail(field, "duplicate_date", date=d.isoformat())
                if key == "workdays" and d in lists["holidays"]:
                    raise fail(field, "also_in_holidays", date=d.isoformat())
                if key == "workdays" and d.weekday() < 5:
                    raise fail(field, "workday_not_weekend", date=d.isoformat())
                seen.add(d)
            lists[key] = frozenset(seen)
        return lists["holidays"], lists["workdays"]

    holidays, workdays = dates(data, "", year)
    before_h: frozenset[date] = frozenset()
    before_w: frozenset[date] = frozenset()
    if "before" in data:
        before = data["before"]
        if not isinstance(before, dict):
            raise fail("before", "expected_before_object", type=type_problem(before))
        for key in before:
            if key not in ("holidays", "workdays"):
                raise fail(f"before.{_one_line(key)}", "unknown_key_allowed", allowed="holidays, workdays")
        for key in ("holidays", "workdays"):
            before.setdefault(key, [])
        before_h, before_w = dates(before, "before.", year - 1)
    return HolidaysFile(name, year, holidays, workdays, before_h, before_w)


STATUTORY_LAST = 2099  # the last year whose lunar festivals lunardate knows (and 清明, chinesecalendar)


def statutory_days(year: int) -> list[tuple[date, str]]:
    """The statutory holidays of `year` with their festival's message key (全国年节及纪念日放假办法 of 1999, 2008,
    2013 and 2025; from 1999, to STATUTORY_LAST): days off in every arrangement, whatever it moves. The lunar ones
    come from lunardate, 清明 (the solar term's day, from 2008) from chinesecalendar's solar terms."""
    if year < 1999:
        return []
    if year > STATUTORY_LAST:
        raise ValueError(f"the statutory holidays of {year} are not known (lunardate ends in {STATUTORY_LAST})")
    from chinese_calendar import get_solar_terms
    from lunardate import LunarDate

    def lunar(month: int, day: int) -> date:
        return LunarDate(year, month, day).to_solar_date()

    new_year = lunar(1, 1)
    eve = new_year - timedelta(days=1)
    spring = (
        [new_year + timedelta(days=n) for n in range(3)]  # 正月初一至初三
        if year < 2008 or 2014 <= year < 2025
        else [eve, new_year, new_year + timedelta(days=1)]  # 除夕、初一、初二 (2008–2013)
        if year < 2014
        else [eve, *(new_year + timedelta(days=n) for n in range(3))]  # 除夕、初一至初三
    )
    may = 3 if year < 2008 else 2 if year >= 2025 else 1  # 劳动节: 5月1日至3日; 5月1日; 5月1日、2日
    days = [(date(year, 1, 1), "festival:new_year"), *((d, "festival:spring_festival") for d in spring)]
    days += [(date(year, 5, d), "festival:labour_day") for d in range(1, may + 1)]
    if year >= 2008:
        qingming = [d for d, term in get_solar_terms(date(year, 4, 1), date(year, 4, 10)) if term == "清明"]
        days += [(d, "festival:qingming") for d in qingming]
        days += [(lunar(5, 5), "festival:dragon_boat"), (lunar(8, 15), "festival:mid_autumn")]
    days += [(date(year, 10, d), "festival:national_day") for d in (1, 2, 3)]
    return sorted(days)


def _working(d: date, holidays: Iterable[date] | frozenset[date], workdays: frozenset[date]) -> bool:
    return d in workdays or (d.weekday() < 5 and d not in holidays)


def _status(d: date, working: bool) -> Problem:
    return problem("day_working_in_file" if working else "day_off_in_file", date=d.isoformat())


def _listed(days: list[tuple[date, Problem]]) -> tuple[Problem, ...]:
    """At most MAX_LISTED days with what the file makes of each, then how many more: rendered joined by ', '."""
    shown = [status for _, status in days[:MAX_LISTED]]
    more = len(days) - MAX_LISTED
    return (*shown, *([problem("more_days", n=more)] if more > 0 else []))


def _differences(
    days: Iterable[date], holidays: frozenset[date], workdays: frozenset[date]
) -> list[tuple[date, Problem]]:
    """Days where the file's working-day status differs from the package's."""
    from ..calendar import DEFAULT

    out = []
    for d in sorted(days):
        mine = _working(d, holidays, workdays)
        if mine != DEFAULT.is_workday(d):
            out.append((d, _status(d, mine)))
    return out


def _year_days(year: int) -> list[date]:
    first = date(year, 1, 1)
    return [first + timedelta(n) for n in range((date(year, 12, 31) - first).days + 1)]


def package_has(year: int) -> bool:
    from ..calendar import DEFAULT

    return DEFAULT.has_year(year)


def check_against_package(f: HolidaysFile, lang: str | None = None) -> None:
    """A file (and its ``before`` days) for a year the package knows must agree with its working days; for a year
    it does not know, the statutory holidays must be days off (an empty or cut-off file made them working days).

    The error is rendered in the user's language when printed; ``lang`` is accepted for older callers."""
    diffs: list[tuple[date, Problem]] = []
    if package_has(f.year):
        diffs += _differences(_year_days(f.year), f.holidays, f.workdays)
    elif f.year > STATUTORY_LAST:  # nothing to hold the file to: refused, not taken on trust
        raise HolidaysProblem(f.path, "year", problem("statutory_days_unknown", year=f.year, last=STATUTORY_LAST))
    else:
        for day, festival in statutory_days(f.year):
            if _working(day, f.holidays, f.workdays):
                refused = problem("statutory_day_working", date=day.isoformat(), festival=problem(festival))
                raise HolidaysProblem(f.path, "holidays", refused)
    if (f.before_holidays or f.before_workdays) and package_has(f.year - 1):
        diffs = _differences(f.before_holidays | f.before_workdays, f.before_holidays, f.before_workdays) + diffs
    if diffs:
        years = sorted({d.year for d, _ in diffs})
        refused = problem("holidays_differ", year="/".join(map(str, years)), days=_listed(diffs))
        raise HolidaysProblem(f.path, None, refused)


def expand(paths: Iterable[str | pathlib.Path]) -> list[pathlib.Path]:
    """Paths as given; a folder stands for its ``*.json`` files, in name order."""
    out: list[pathlib.Path] = []
    for raw in paths:
        p = pathlib.Path(raw)
        if os.path.isdir(p):
            out.extend(sorted(x for x in p.glob("*.json") if x.is_file()))
        else:
            out.append(p)
    return out


def beside(contracts: Iterable[pathlib.Path]) -> list[pathlib.Path]:
    """The ``holidays/`` folders beside these contract files that exist."""
    seen: list[pathlib.Path] = []
    for contract in contracts:
        folder = contract.parent / "holidays"
        if os.path.isdir(folder) and folder.resolve() not in [s.resolve() for s in seen]:
            seen.append(folder)
    return seen


def arrangements(paths: Sequence[str | pathlib.Path], lang: str | None = None):
    """Every file read, ``before`` merged into the previous year's file, each year checked against the package:
    the years to give ``Calendar``.

    The same year twice is an error unless the files agree (a folder and a flag may name one file twice).
    Errors are rendered in the user's language when printed (``lang`` is accepted for older callers).
    """
    from ..calendar import YearArrangement

    files: dict[int, HolidaysFile] = {}
    for p in expand(paths):
        f = read_holidays_file(p)
        if f.year in files:
            other = files[f.year]
            if (other.holidays, other.workdays) != (f.holidays, f.workdays):
                raise HolidaysProblem(f.path, None, problem("holidays_twice", year=f.year, other=other.path))
            f = HolidaysFile(other.path, f.year, f.holidays, f.workdays, f.before_holidays | other.before_holidays,
                             f.before_workdays | other.before_workdays)
        files[f.year] = f
    merged: dict[int, HolidaysFile] = dict(files)
    for y, f in sorted(files.items()):
        if y - 1 not in files or not (f.before_holidays or f.before_workdays):
            continue
        prev = merged[y - 1]
        clash = []
        for d in sorted(f.before_holidays | f.before_workdays):
            mine = _working(d, f.before_holidays, f.before_workdays)
            if _working(d, prev.holidays, prev.workdays) != mine and (d in prev.holidays or d in prev.workdays):
                clash.append((d, _status(d, mine)))
        if clash:
            refused = problem("holidays_before_clash", other=prev.path, year=y - 1, days=_listed(clash))
            raise HolidaysProblem(f.path, "before", refused)
        merged[y - 1] = HolidaysFile(
            prev.path, prev.year, (prev.holidays - f.before_workdays) | f.before_holidays,
            (prev.workdays - f.before_holidays) | f.before_workdays, prev.before_holidays, prev.before_workdays,
        )
        merged[y] = HolidaysFile(f.path, f.year, f.holidays, f.workdays)  # its before is now in y - 1
    for f in merged.values():
        check_against_package(f)
    return [YearArrangement(y, f.holidays, f.workdays) for y, f in sorted(merged.items())]


def load_holidays_file(path: str | pathlib.Path) -> YearArrangement:
    """Read ``{"year": Y, "holidays": [...], "workdays": [...], "before": {...}}``; problems ->
    :class:`HolidaysFileError`. A year the package knows must agree with its working days (and so must the
    ``before`` days). Reading, ``before`` and folders: :mod:`kefu_check.holidays.files`."""
    from ..calendar import YearArrangement

    f = read_holidays_file(path)
    check_against_package(f)
    return YearArrangement(year=f.year, holidays=f.holidays, workdays=f.workdays)


def calendar_for(
    paths: Sequence[str | pathlib.Path] = (), contracts: Iterable[pathlib.Path] = (), lang: str | None = None
):
    """The ``Calendar`` of the given holidays paths and of the ``holidays/`` folders beside the contracts; a bad file
    is an input error in the user's language (--lang, ``problems.set_lang``; ``lang`` is accepted for older
    callers)."""
    from ..calendar import Calendar

    return Calendar(arrangements([*paths, *beside(contracts)]))


def _peek(raw: bytes) -> Any:
    """A month parsed only to look at it (a batch peeks at every month before it checks any): by orjson, and by
    the standard library where orjson refuses what that accepts (NaN, integers past 64 bits); both keep the
    last of a key given twice."""
    import orjson

    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        return json.loads(raw)


def month_contracts(months: Iterable[pathlib.Path], contract: pathlib.Path | None) -> list[pathlib.Path]:
    """The contract files a batch of month files names (``--contract``, else each month's ``contract`` path).

    A month is only peeked at (JSON parsed, nothing validated): the check itself reads it again and reports its
    problems; a month that is not JSON, or holds its contract inline, stands for its own folder.
    """
    if contract is not None:
        return [contract]
    out: dict[pathlib.Path, None] = {}
    from ..load import read_bytes  # as the check reads it: a buffered read of up to 20 MB allocated 20 MB per file

    for month in months:
        target = month
        try:
            named = _peek(read_bytes(month, month.name)).get("contract")
            if isinstance(named, str) and named:
                target = month.parent / named
        except (InputError, ValueError, AttributeError, RecursionError):
            pass  # the check itself reads the month again and reports what is wrong with it
        out[target] = None
    return list(out)
