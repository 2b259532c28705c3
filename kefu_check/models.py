"""The input documents of SPEC §2 as pydantic v2 models: unknown keys rejected, money as Decimal.

Every field the agreement leaves as a blank may be null here; the monthly check then demands the
values it cannot do without (`requirements.py`), and `review` reports the rest.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

# Bounds that keep every computation finite and exact (SPEC §3: "numbers too large to compute with").
MAX_AMOUNT = Decimal("1e13")  # CNY; 10^12 is the largest contract value we promise to handle exactly
MAX_COUNT = 10**12
MAX_DAYS = 3660
MAX_DECIMAL_PLACES = 12
MAX_ITEMS = 10_000  # outages, payments, notices… of one month: far above any real month, and checked in seconds
MAX_INVOICES = 1_000  # invoices cost most (about 1.5 ms each in the engine); a contract has one per cycle


class Strict(BaseModel):
    """Base of every input model: unknown keys are an error, nothing is coerced silently."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)


# ---------------------------------------------------------------------------------------------
# Scalars


def _decimal(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise ValueError(f"expected a number, got {value!r}")
    if isinstance(value, int):
        value = Decimal(value)
    elif isinstance(value, str):
        text = value.strip()
        if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", text):
            raise ValueError(f"invalid number {value!r}")
        value = Decimal(text)
    elif isinstance(value, float):
        raise ValueError(f"inexact number {value!r}: write it as a JSON number or a string")
    if not isinstance(value, Decimal):
        raise ValueError(f"expected a number, got {type(value).__name__}")
    if not value.is_finite():
        raise ValueError(f"not a finite number: {value}")
    if value.adjusted() > 13:
        raise ValueError(f"number too large to compute with: {value:E}")
    if value != 0 and value.adjusted() < -MAX_DECIMAL_PLACES:
        raise ValueError(f"number too small to compute with: {value:E}")
    return value.copy_abs() if value.is_zero() else value  # -0 → 0, never rounded through the 28-digit context


def _exact_places(value: Decimal) -> Decimal:
    """Amounts and rates that are multiplied: at most 12 decimal places (≤ 26 digits), so products stay exact."""
    if _decimal_places(value) > MAX_DECIMAL_PLACES:
        raise ValueError(f"too many decimal places (at most {MAX_DECIMAL_PLACES}): {value}")
    return value


def _decimal_places(value: Decimal) -> int:
    """Decimal places that matter: '1.2500' → 2 (never rounded through the context, unlike normalize())."""
    _, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    text = "".join(map(str, digits))
    trailing_zeros = len(text) - len(text.rstrip("0"))
    return 0 if trailing_zeros == len(text) else max(0, -(exponent + trailing_zeros))


def _non_negative(value: Decimal) -> Decimal:
    if value < 0:
        raise ValueError(f"must not be negative, got {value}")
    return value


def _ratio(value: Decimal) -> Decimal:
    if value > 1:
        raise ValueError(f"must be at most 1, got {value}")
    return value


def _percent(value: Decimal) -> Decimal:
    if value > 100:
        raise ValueError(f"must be at most 100, got {value}")
    return value


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | Decimal | str):
        raise ValueError(f"expected a whole number, got {value!r}")
    number = _decimal(value)
    if number != number.to_integral_value():
        raise ValueError(f"expected a whole number, got {value}")
    if number < 0:
        raise ValueError(f"must not be negative, got {number}")
    if number > MAX_COUNT:
        raise ValueError(f"number too large to compute with: {number}")
    return int(number)


def _days(value: int) -> int:
    if value > MAX_DAYS:
        raise ValueError(f"must be at most {MAX_DAYS}, got {value}")
    return value


def _iso_date(value: Any) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError(f"invalid date {value!r} (expected YYYY-MM-DD)")
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"invalid date {value!r}") from None
    if not 1900 <= day.year <= 2199:
        raise ValueError(f"date out of range {value!r}")
    return day


def _timestamp(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}.*", value):
        raise ValueError(f"invalid timestamp {value!r} (expected ISO 8601, e.g. 2026-10-12T10:00:00+08:00)")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"invalid timestamp {value!r}") from None
    if not 1900 <= moment.year <= 2199:
        raise ValueError(f"timestamp out of range {value!r}")
    return moment


def _month(value: Any) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value):
        raise ValueError(f"invalid period {value!r} (expected YYYY-MM)")
    if not 1900 <= int(value[:4]) <= 2199:
        raise ValueError(f"period out of range {value!r}")
    return value


def _cycle(value: Any) -> str:
    if isinstance(value, str) and re.fullmatch(r"\d{4}-Q[1-4]", value):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value):
        return _month(value)
    raise ValueError(f"invalid cycle {value!r} (expected YYYY-MM or YYYY-Qn)")


def _hhmm(value: Any) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d|24:00", value):
        raise ValueError(f"invalid time {value!r} (expected HH:MM, 00:00 to 24:00)")
    return value


def _timezone(value: Any) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    if not isinstance(value, str) or not value or "\x00" in value or ".." in value:
        raise ValueError(f"invalid time zone {value!r}")
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError(f"unknown time zone {value!r}") from None
    return value


Num = Annotated[Decimal, BeforeValidator(_decimal)]
Exact = AfterValidator(_exact_places)
Money = Annotated[Decimal, BeforeValidator(_decimal), AfterValidator(_non_negative), Exact]
Rate = Annotated[Decimal, BeforeValidator(_decimal), AfterValidator(_non_negative), AfterValidator(_ratio), Exact]
Percent = Annotated[Decimal, BeforeValidator(_decimal), AfterValidator(_non_negative), AfterValidator(_percent), Exact]
Score = Annotated[Decimal, BeforeValidator(_decimal), AfterValidator(_non_negative)]  # a measured mean: any digits
Count = Annotated[int, BeforeValidator(_count)]
Days = Annotated[int, BeforeValidator(_count), AfterValidator(_days)]
IsoDate = Annotated[date, BeforeValidator(_iso_date)]
Timestamp = Annotated[datetime, BeforeValidator(_timestamp)]
Month = Annotated[str, BeforeValidator(_month)]
Cycle = Annotated[str, BeforeValidator(_cycle)]
HHMM = Annotated[str, BeforeValidator(_hhmm)]
TimeZone = Annotated[str, BeforeValidator(_timezone)]
Text = Annotated[str, Field(max_length=10_000)]


def _none_is_empty(value: Any) -> Any:
    return [] if value is None else value


def _at_most(limit: int) -> BeforeValidator:
    """null → [], and a list longer than `limit` refused before its items are validated (bounded work)."""

    def check(value: Any) -> Any:
        value = _none_is_empty(value)
        if isinstance(value, list) and len(value) > limit:
            raise ValueError(f"too many items ({len(value):,}; at most {limit:,})")
        return value

    return BeforeValidator(check)


Listed = _at_most(MAX_ITEMS)


def _unique_ids(items: list[Any]) -> list[Any]:
    """Ids name consequences (their subject): two items with one id would be one consequence twice."""
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        if item.id in seen:
            raise ValueError(f"duplicate id {item.id!r} in [{i}] (also in [{seen[item.id]}])")
        seen[item.id] = i
    return items


Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
Cause = Literal["provider", "client", "force_majeure", "planned"]
Party = Literal["client", "provider"]

# ---------------------------------------------------------------------------------------------
# contract.json (schema kefu-check/contract@1)


class PartyInfo(Strict):
    name: Text | None = None
    address: Text | None = None
    credit_code: Text | None = None
    contact: Text | None = None


class Service(Strict):
    type: Text | None = None
    scope: list[Text] | None = None
    languages: list[Text] | None = None


class ChannelStandard(Strict):
    within_seconds: Count | None = None
    target_ratio: Rate | None = None


class ServiceHoursTerms(Strict):
    days: list[Weekday] | None = None
    start: HHMM | None = None
    end: HHMM | None = None
    timezone: TimeZone | None = None
    calendar: Literal["statutory", "weekly"] | None = None


class AvailabilityTerms(Strict):
    min_percent: Percent | None = None
    year: Literal["contract", "calendar"] | None = None
    excluded_causes: list[Cause] | None = None


class ResolutionTerms(Strict):
    within: Count | None = None
    unit: Literal["hours", "working_days"] | None = None
    target_ratio: Rate | None = None


class SatisfactionTerms(Strict):
    min: Money | None = None
    scale: Literal["percent", "points"] | None = None
    method: Literal["mean_score", "share_satisfied"] | None = None
    scale_max: Count | None = None


class ReportTerms(Strict):
    every: Literal["month", "quarter"] | None = None
    due_working_days: Days | None = None


class Standards(Strict):
    first_response: dict[str, ChannelStandard] | None = None
    service_hours: ServiceHoursTerms | None = None
    availability: AvailabilityTerms | None = None
    resolution: ResolutionTerms | None = None
    satisfaction: SatisfactionTerms | None = None
    report: ReportTerms | None = None


class Renewal(Strict):
    auto: bool | None = None
    negotiation_clause: bool | None = None
    objection_by: Literal["notice_window", "expiry"] | None = None
    notice_months: Days | None = None
    notice_days: Days | None = None
    renew_months: Days | None = None


class Term(Strict):
    start: IsoDate | None = None
    end: IsoDate | None = None
    stated_months: Days | None = None
    renewal: Renewal | None = None


class Bank(Strict):
    bank: Text | None = None
    account_name: Text | None = None
    account_no: Text | None = None


class Fees(Strict):
    method: Literal["fixed_monthly", "per_usage", "lump_sum"] | None = None
    monthly_fee: Money | None = None
    included_units: Count | None = None
    unit_rate: Money | None = None
    lump_sum_fee: Money | None = None
    cycle: Literal["month", "quarter"] | None = None
    due_working_days: Days | None = None
    late_fee_daily_rate: Rate | None = None
    suspend_after_days: Days | None = None
    suspension_notice_days: Days | None = None
    bank: Bank | None = None


class Remedies(Strict):
    service_credit_percent: Percent | None = None
    service_credit_cap_percent: Percent | None = None
    sla_termination: bool | None = None


class Privacy(Strict):
    entrusted_processing_terms: bool | None = None


class Contract(Strict):
    schema_: Literal["kefu-check/contract@1"] | None = Field(default=None, alias="schema")
    dollar_schema: Text | None = Field(default=None, alias="$schema")  # an editor's JSON Schema link; ignored
    id: Text | None = None
    provider: PartyInfo | None = None
    client: PartyInfo | None = None
    service: Service | None = None
    standards: Standards | None = None
    term: Term | None = None
    fees: Fees | None = None
    remedies: Remedies | None = None
    privacy: Privacy | None = None


# ---------------------------------------------------------------------------------------------
# month.json (schema kefu-check/month@1)


class ChannelFigures(Strict):
    requests: Count
    on_time: Count
    method: Text | None = None

    @model_validator(mode="after")
    def _on_time_at_most_requests(self) -> ChannelFigures:
        if self.on_time > self.requests:
            raise ValueError(f"on_time {self.on_time} exceeds requests {self.requests}")
        return self


class ResolutionFigures(Strict):
    cases: Count
    on_time: Count
    method: Text | None = None

    @model_validator(mode="after")
    def _on_time_at_most_cases(self) -> ResolutionFigures:
        if self.on_time > self.cases:
            raise ValueError(f"on_time {self.on_time} exceeds cases {self.cases}")
        return self


class SatisfactionFigures(Strict):
    score: Score
    respondents: Count | None = None
    method: Text | None = None


class Usage(Strict):
    units: Count


class Outage(Strict):
    id: Text
    start: Timestamp
    end: Timestamp
    cause: Cause


class ReportDelivery(Strict):
    period: Cycle
    delivered_on: IsoDate


class Payment(Strict):
    date: IsoDate
    amount: Money


class Invoice(Strict):
    id: Text
    cycle: Cycle
    amount: Money
    payments: Annotated[list[Payment], Listed] = []


class Suspension(Strict):
    start: IsoDate
    end: IsoDate | None = None
    notice_date: IsoDate | None = None

    @model_validator(mode="after")
    def _ends_after_start(self) -> Suspension:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self


class Notice(Strict):
    date: IsoDate
    from_: Party = Field(alias="from")
    kind: Literal["renewal_objection", "non_renewal", "breach_notice", "other"]
    written: bool


class Incident(Strict):
    id: Text
    date: IsoDate
    kind: Literal["leak", "tampering", "loss"]
    at_fault: Literal["provider", "client", "none"]
    data: list[Literal["customer_info", "trade_secret", "technical_info"]] = []
    personal_information: bool = False
    records: Count | None = None
    loss: Money | None = None


class CooperationFailure(Strict):
    obligation: Literal["info", "training", "system_access", "contact"]
    from_: IsoDate = Field(alias="from")
    to: IsoDate | None = None

    @model_validator(mode="after")
    def _ends_after_start(self) -> CooperationFailure:
        if self.to is not None and self.to < self.from_:
            raise ValueError(f"to {self.to} is before from {self.from_}")
        return self


class Waiver(Strict):
    """SPEC §2.2: a consequence the entitled party has knowingly waived, matched on (id, subject)."""

    id: Text
    subject: Text | None = None
    reason: Text
    approved_by: Text
    expires: IsoDate | None  # required; null = a waiver without end date (SPEC §2.2)


class MonthFacts(Strict):
    schema_: Literal["kefu-check/month@1"] | None = Field(default=None, alias="schema")
    dollar_schema: Text | None = Field(default=None, alias="$schema")  # an editor's JSON Schema link; ignored
    contract: Text | dict[str, Any]
    period: Month
    as_of: IsoDate | None = None
    usage: Usage | None = None
    first_response: dict[str, ChannelFigures] | None = None
    resolution: ResolutionFigures | None = None
    satisfaction: SatisfactionFigures | None = None
    outages: Annotated[list[Outage], Listed] = []
    reports: Annotated[list[ReportDelivery], Listed] = []
    invoices: Annotated[list[Invoice], _at_most(MAX_INVOICES)] = []
    suspensions: Annotated[list[Suspension], Listed] = []
    notices: Annotated[list[Notice], Listed] = []
    incidents: Annotated[list[Incident], Listed, AfterValidator(_unique_ids)] = []
    cooperation_failures: Annotated[list[CooperationFailure], Listed] = []
    history: Annotated[list[Text], Listed] = []
    waivers: Annotated[list[Waiver], Listed] = []
