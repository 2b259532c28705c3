"""The contract's terms as the monthly check reads them: required values demanded, silent ones defaulted.

SPEC §2.1: where the contract is silent the check applies a stated default and says so in `because`;
a value it cannot do without (listed there) is an input error naming the field.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from .calendar import ServiceHours
from .errors import InputError
from .load import printable
from .problems import Problem, problem, quote

if TYPE_CHECKING:
    from .models import Contract

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DEFAULT_TZ = "Asia/Shanghai"


@dataclass(frozen=True)
class Channel:
    name: str
    within_seconds: int
    target_ratio: Decimal
    ratio_defaulted: bool


@dataclass(frozen=True)
class Availability:
    min_percent: Decimal
    year: str  # contract | calendar
    excluded_causes: frozenset[str]


@dataclass(frozen=True)
class Terms:
    """Everything the monthly rules need from contract.json, typed and defaulted."""

    id: str
    provider: str
    client: str
    start: date
    end: date
    auto: bool
    objection_by: str  # notice_window | expiry
    notice_months: int | None
    notice_days: int | None
    renew_months: int | None
    method: str
    monthly_fee: Decimal | None
    included_units: int | None
    unit_rate: Decimal | None
    cycle: str
    due_working_days: int
    late_fee_daily_rate: Decimal
    suspend_after_days: int
    suspension_notice_days: int | None
    channels: tuple[Channel, ...]
    hours: ServiceHours | None
    availability: Availability | None
    resolution: tuple[int, str, Decimal] | None  # within, unit, target ratio
    satisfaction_min: Decimal | None
    report: tuple[str, int] | None  # every, due working days
    service_credit_percent: Decimal | None
    service_credit_cap_percent: Decimal | None
    defaults: tuple[tuple[str, dict[str, str]], ...]  # (message key, params) for `because`


Found = list[tuple[str, Problem]]  # (field path, problem)


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def requirement_problems(contract: Contract, blanks: dict[str, str]) -> Found:
    """Every value the monthly check needs but the contract lacks or gets wrong (SPEC §2.1), in the order
    the check meets them; [] when it can run."""
    found: Found = []

    def need(value: Any, path: str) -> bool:
        if _missing(value):
            blank = blanks.get(path)
            found.append(
                (
                    path,
                    problem("required_for_check_blank", blank=quote(blank)) if blank else problem("required_for_check"),
                )
            )
            return False
        return True

    c = contract
    has_term, has_fees = need(c.term, "term"), need(c.fees, "fees")
    if has_term:
        term = c.term
        assert term is not None
        if need(term.start, "term.start") & need(term.end, "term.end") and term.end < term.start:  # type: ignore[operator]
            found.append(("term.end", problem("before_term_start", end=term.end, start=term.start)))
        renewal = term.renewal
        if renewal is not None and need(renewal.auto, "term.renewal.auto") and renewal.auto:
            if need(renewal.renew_months, "term.renewal.renew_months") and renewal.renew_months == 0:
                found.append(("term.renewal.renew_months", problem("at_least_one")))
            if (renewal.objection_by or "expiry") == "notice_window":
                if renewal.notice_months is None and renewal.notice_days is None:
                    need(None, "term.renewal.notice_months")
                if renewal.notice_months is not None and renewal.notice_days is not None:
                    found.append(("term.renewal.notice_days", problem("notice_months_or_days")))
    has_provider, has_client = need(c.provider, "provider"), need(c.client, "client")
    if has_fees:
        fees = c.fees
        assert fees is not None
        if need(fees.method, "fees.method"):
            if fees.method in ("fixed_monthly", "per_usage"):
                need(fees.monthly_fee, "fees.monthly_fee")
            if fees.method == "per_usage":
                need(fees.included_units, "fees.included_units")
                need(fees.unit_rate, "fees.unit_rate")
    std = c.standards
    if std is not None:
        for name, channel in sorted((std.first_response or {}).items()):
            need(channel.within_seconds, f"standards.first_response.{printable(name)}.within_seconds")
        sh = std.service_hours
        if sh is not None:
            days = need(sh.days, "standards.service_hours.days")
            start = need(sh.start, "standards.service_hours.start")
            end = need(sh.end, "standards.service_hours.end")
            if days and not sh.days:
                found.append(("standards.service_hours.days", problem("no_day")))
            if start and sh.start == "24:00":
                found.append(("standards.service_hours.start", problem("start_24")))
            elif start and end and _minutes(sh.end) <= _minutes(sh.start):
                found.append(
                    ("standards.service_hours.end", problem("end_not_after_start", end=sh.end, start=sh.start))
                )
        if std.availability is not None:
            if sh is None:
                found.append(("standards.service_hours", problem("hours_for_availability")))
            need(std.availability.min_percent, "standards.availability.min_percent")
        if std.resolution is not None:
            need(std.resolution.within, "standards.resolution.within")
            need(std.resolution.unit, "standards.resolution.unit")
        if std.satisfaction is not None:
            need(std.satisfaction.min, "standards.satisfaction.min")
        if std.report is not None:
            given = need(std.report.due_working_days, "standards.report.due_working_days")
            if given and std.report.due_working_days < 1:  # type: ignore[operator]
                found.append(("standards.report.due_working_days", problem("at_least_one_working_day")))
    need(c.id, "id")
    if has_provider:
        need(c.provider.name, "provider.name")  # type: ignore[union-attr]
    if has_client:
        need(c.client.name, "client.name")  # type: ignore[union-attr]
    if has_fees:
        fees = c.fees
        assert fees is not None
        need(fees.cycle, "fees.cycle")
        if need(fees.due_working_days, "fees.due_working_days") and fees.due_working_days < 1:  # type: ignore[operator]
            found.append(("fees.due_working_days", problem("at_least_one_working_day")))
        need(fees.late_fee_daily_rate, "fees.late_fee_daily_rate")
        need(fees.suspend_after_days, "fees.suspend_after_days")
    return found


def _minutes(hhmm: str | None) -> int:
    assert hhmm is not None
    return int(hhmm[:2]) * 60 + int(hhmm[3:])


_RESOLVED: dict[int, tuple[Contract, dict[str, str], str, Terms]] = {}


def resolved(contract: Contract, blanks: dict[str, str], label: str) -> Terms:
    """`resolve`, kept per process for the same (frozen) contract object: a contract file read once
    (`load.contract_file`) is resolved once. The entry holds the contract, so its id is not reused."""
    hit = _RESOLVED.get(id(contract))
    if hit is not None and hit[0] is contract and hit[1] is blanks and hit[2] == label:
        return hit[3]
    terms = resolve(contract, blanks, label)
    if len(_RESOLVED) >= 256:
        _RESOLVED.clear()
    _RESOLVED[id(contract)] = (contract, blanks, label, terms)
    return terms


def resolve(contract: Contract, blanks: dict[str, str], label: str) -> Terms:
    """Check the values the monthly check needs and apply the SPEC's defaults."""
    found = requirement_problems(contract, blanks)
    if found:
        path, first = found[0]
        raise InputError(label, path, first, more=len(found) - 1)
    defaults: list[tuple[str, dict[str, str]]] = []

    def need(value: Any, path: str) -> Any:
        assert not _missing(value), path  # requirement_problems found none
        return value

    c = contract
    term = need(c.term, "term")
    fees = need(c.fees, "fees")
    start, end = need(term.start, "term.start"), need(term.end, "term.end")

    renewal = term.renewal
    auto = False
    objection_by, notice_months, notice_days, renew_months = "expiry", None, None, None
    if renewal is not None:
        auto = need(renewal.auto, "term.renewal.auto")
        if auto:
            renew_months = need(renewal.renew_months, "term.renewal.renew_months")
            if renewal.objection_by is None:
                defaults.append(("default.objection_by", {}))
            objection_by = renewal.objection_by or "expiry"
            if objection_by == "notice_window":
                notice_months, notice_days = renewal.notice_months, renewal.notice_days

    provider = need(c.provider, "provider")
    client = need(c.client, "client")
    method = need(fees.method, "fees.method")
    monthly_fee = included_units = unit_rate = None
    if method in ("fixed_monthly", "per_usage"):
        monthly_fee = need(fees.monthly_fee, "fees.monthly_fee")
    if method == "per_usage":
        included_units = need(fees.included_units, "fees.included_units")
        unit_rate = need(fees.unit_rate, "fees.unit_rate")

    std = c.standards
    channels: list[Channel] = []
    hours = availability = resolution = satisfaction_min = report = None
    if std is not None:
        for name, channel in sorted((std.first_response or {}).items()):
            within = need(channel.within_seconds, f"standards.first_response.{name}.within_seconds")
            ratio = channel.target_ratio
            channels.append(Channel(name, within, Decimal(1) if ratio is None else ratio, ratio is None))
        if std.service_hours is not None:
            hours = _service_hours(std.service_hours, need, defaults)
        if std.availability is not None:
            a = std.availability
            min_percent = need(a.min_percent, "standards.availability.min_percent")
            if a.year is None:
                defaults.append(("default.availability_year", {}))
            if a.excluded_causes is None:
                defaults.append(("default.excluded_causes", {}))
            excluded = frozenset(a.excluded_causes if a.excluded_causes is not None else ("client", "force_majeure"))
            availability = Availability(min_percent, a.year or "contract", excluded)
        if std.resolution is not None:
            r = std.resolution
            within = need(r.within, "standards.resolution.within")
            unit = need(r.unit, "standards.resolution.unit")
            resolution = (within, unit, Decimal(1) if r.target_ratio is None else r.target_ratio)
        if std.satisfaction is not None:
            satisfaction_min = need(std.satisfaction.min, "standards.satisfaction.min")
        if std.report is not None:
            report = (
                std.report.every or "month",
                need(std.report.due_working_days, "standards.report.due_working_days"),
            )

    return Terms(
        id=need(c.id, "id"),
        provider=need(provider.name, "provider.name"),
        client=need(client.name, "client.name"),
        start=start,
        end=end,
        auto=auto,
        objection_by=objection_by,
        notice_months=notice_months,
        notice_days=notice_days,
        renew_months=renew_months,
        method=method,
        monthly_fee=monthly_fee,
        included_units=included_units,
        unit_rate=unit_rate,
        cycle=need(fees.cycle, "fees.cycle"),
        due_working_days=need(fees.due_working_days, "fees.due_working_days"),
        late_fee_daily_rate=need(fees.late_fee_daily_rate, "fees.late_fee_daily_rate"),
        suspend_after_days=need(fees.suspend_after_days, "fees.suspend_after_days"),
        suspension_notice_days=fees.suspension_notice_days,
        channels=tuple(channels),
        hours=hours,
        availability=availability,
        resolution=resolution,
        satisfaction_min=satisfaction_min,
        report=report,
        service_credit_percent=c.remedies.service_credit_percent if c.remedies else None,
        service_credit_cap_percent=c.remedies.service_credit_cap_percent if c.remedies else None,
        defaults=tuple(defaults),
    )


def _service_hours(sh: Any, need: Any, defaults: list) -> ServiceHours:
    days = need(sh.days, "standards.service_hours.days")
    start = need(sh.start, "standards.service_hours.start")
    end = need(sh.end, "standards.service_hours.end")
    start_t = time(int(start[:2]), int(start[3:]))
    end_minutes = _minutes(end)
    calendar = sh.calendar
    if calendar is None:
        calendar = "weekly" if len(set(days)) == 7 else "statutory"
        defaults.append(("default.calendar", {"calendar": calendar}))
    return ServiceHours(
        weekdays=frozenset(WEEKDAYS.index(d) for d in days),
        start=start_t,
        end_minutes=end_minutes,
        tz=ZoneInfo(sh.timezone or DEFAULT_TZ),
        statutory=calendar == "statutory",
    )
