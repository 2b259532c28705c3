"""The contract's terms as the monthly check reads them: required values demanded, silent ones defaulted.

SPEC §2.1: where the contract is silent the check applies a stated default and says so in `because`;
a value it cannot do without (listed there) is an input error naming the field.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from .calendar import ServiceHours
from .errors import InputError
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


def resolve(contract: Contract, blanks: dict[str, str], label: str) -> Terms:
    """Check the values the monthly check needs and apply the SPEC's defaults."""
    defaults: list[tuple[str, dict[str, str]]] = []

    def need(value: Any, path: str) -> Any:
        if value is None or (isinstance(value, str) and not value.strip()):
            blank = blanks.get(path)
            problem = "required for the monthly check"
            raise InputError(label, path, f"{problem} (unfilled blank {blank!r})" if blank else problem)
        return value

    c = contract
    term = need(c.term, "term")
    fees = need(c.fees, "fees")
    start, end = need(term.start, "term.start"), need(term.end, "term.end")
    if end < start:
        raise InputError(label, "term.end", f"{end} is before term.start {start}")

    renewal = term.renewal
    auto = False
    objection_by, notice_months, notice_days, renew_months = "expiry", None, None, None
    if renewal is not None:
        auto = need(renewal.auto, "term.renewal.auto")
        if auto:
            renew_months = need(renewal.renew_months, "term.renewal.renew_months")
            if renew_months == 0:
                raise InputError(label, "term.renewal.renew_months", "must be at least 1")
            if renewal.objection_by is None:
                defaults.append(("default.objection_by", {}))
            objection_by = renewal.objection_by or "expiry"
            if objection_by == "notice_window":
                notice_months, notice_days = renewal.notice_months, renewal.notice_days
                if notice_months is None and notice_days is None:
                    need(None, "term.renewal.notice_months")
                if notice_months is not None and notice_days is not None:
                    raise InputError(label, "term.renewal.notice_days", "give notice_months or notice_days, not both")

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
            hours = _service_hours(std.service_hours, need, defaults, label)
        if std.availability is not None:
            if hours is None:
                raise InputError(
                    label,
                    "standards.service_hours",
                    "required when standards.availability is given (downtime counts in service hours)",
                )
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
        due_working_days=_at_least_one(
            need(fees.due_working_days, "fees.due_working_days"), label, "fees.due_working_days"
        ),
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


def _at_least_one(value: int, label: str, path: str) -> int:
    if value < 1:
        raise InputError(label, path, "must be at least 1 working day")
    return value


def _service_hours(sh: Any, need: Any, defaults: list, label: str) -> ServiceHours:
    days = need(sh.days, "standards.service_hours.days")
    start = need(sh.start, "standards.service_hours.start")
    end = need(sh.end, "standards.service_hours.end")
    if not days:
        raise InputError(label, "standards.service_hours.days", "lists no day")
    if start == "24:00":
        raise InputError(label, "standards.service_hours.start", "24:00 is only allowed as an end")
    start_t = time(int(start[:2]), int(start[3:]))
    end_minutes = int(end[:2]) * 60 + int(end[3:])
    if end_minutes <= start_t.hour * 60 + start_t.minute:
        raise InputError(label, "standards.service_hours.end", f"{end} is not after start {start}")
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
