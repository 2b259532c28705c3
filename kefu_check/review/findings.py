"""The findings of SPEC §5: a contract's defects and risks, in one frozen result model (renderers are separate)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..money import exact
from ..periods import add_months
from ..records import plain
from ..report import Item, exit_code
from ..report import Location as ReportLocation
from .clauses import MASK, PARTIES, clause_key
from .credit_code import check_character, credit_code_problem, normalized
from .extract import Extraction
from .messages import finding_text, word

if TYPE_CHECKING:
    from ..models import Contract

SEVERITIES = ("error", "warning", "info")
SEVERITY = {
    "review.placeholder": "error",
    "review.term_missing": "error",
    "review.unread": "error",
    "review.clause_missing": "warning",
    "review.text_truncated": "error",
    "review.credit_code_invalid": "error",
    "review.term_invalid": "error",
    "review.amount_words_mismatch": "error",
    "review.bank_account_name_mismatch": "error",
    "review.renewal_ambiguous": "warning",
    "review.late_fee_high": "warning",
    "review.suspension_without_notice": "warning",
    "review.sla_without_remedy": "warning",
    "review.response_target_absolute": "info",
    "review.availability_year_ambiguous": "warning",
    "review.service_hours_holidays_ambiguous": "warning",
    "review.satisfaction_metric_ambiguous": "warning",
    "review.report_schedule_missing": "warning",
    "review.personal_information_terms": "warning",
}
STATUTORY_LATE_FEE = Decimal("0.0005")  # 万分之五: 保障中小企业款项支付条例 (2025) Art. 17
# field path prefix → the clause of the template that states it (most specific first)
PATH_CLAUSES = (
    ("id", PARTIES), ("provider", PARTIES), ("client", PARTIES),
    ("service.type", "1.1"), ("service.scope", "1.2"), ("service.languages", "1.3"), ("service", "1"),
    ("standards.first_response", "2.1(1)"), ("standards.service_hours", "2.1(2)"), ("standards.availability", "2.1(2)"),
    ("standards.resolution", "2.1(3)"), ("standards.satisfaction", "2.1(4)"), ("standards.report", "2.3"),
    ("standards", "2.1"), ("term.renewal", "3.2"), ("term", "3.1"), ("fees.method", "4.1"),
    ("fees.monthly_fee", "4.2"), ("fees.included_units", "4.2"), ("fees.unit_rate", "4.2"),
    ("fees.lump_sum_fee", "4.2"),
    ("fees.cycle", "4.3"), ("fees.due_working_days", "4.3"), ("fees.bank", "4.3"), ("fees", "4.4"),
    ("remedies", "2.1"), ("privacy", "5.2.4"),
)  # fmt: skip


def path_clause(path: str) -> str:
    """The clause a contract.json path belongs to; document-level keys (`schema`, `$schema`) to the parties."""
    found = (clause for prefix, clause in PATH_CLAUSES if path == prefix or path.startswith(prefix + "."))
    return next(found, PARTIES)


@dataclass(frozen=True)
class Location:
    """A JSON path (contract.json input), or a clause and a line / paragraph number (agreement text)."""

    clause: str | None = None
    line: int | None = None
    path: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {"path": self.path} if self.path is not None else {"clause": self.clause, "line": self.line}

    def sort_key(self) -> tuple[int, str]:
        return (self.line or 0, self.path or "")


@dataclass(frozen=True)
class Finding:
    id: str
    clause: str
    severity: str
    message: str
    suggestion: str
    location: Location

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "clause": self.clause,
            "severity": self.severity,
            "message": self.message,
            "suggestion": self.suggestion,
            "location": self.location.as_json(),
        }

    def sort_key(self) -> tuple:
        return (clause_key(self.clause), self.id, self.location.sort_key(), self.message)


@dataclass(frozen=True)
class Review:
    """One review: the contract's id, the file read, and its findings in a deterministic order."""

    contract: str | None
    source: str
    findings: tuple[Finding, ...]
    file: str = field(default="", compare=False)  # the input as the user named it (annotations; not in the JSON)

    @property
    def summary(self) -> dict[str, int]:
        return {s: sum(f.severity == s for f in self.findings) for s in SEVERITIES}

    @property
    def items(self) -> tuple[Item, ...]:
        """The findings as report items (report.py): on the agreement's line, or at the contract.json path."""
        where = self.file or self.source
        return tuple(
            Item(
                f.id,
                f.clause,
                f.severity,
                ReportLocation(where, f.location.line, f.location.path),
                f.message,
                (f.suggestion,),
            )
            for f in self.findings
        )

    def exit_code(self, fail_on: str) -> int:
        """1 when a finding is at or above --fail-on (error | warning | never), else 0."""
        return exit_code(self.items, fail_on)

    def as_json(self) -> dict[str, Any]:
        return {
            "kefu_check": 1,
            "contract": self.contract,
            "source": self.source,
            "findings": [f.as_json() for f in self.findings],
            "summary": self.summary,
        }


@dataclass(frozen=True)
class Source:
    """Where the terms came from: blanks by field path, and for a text the extraction (locations, notes)."""

    blanks: dict[str, str] = field(default_factory=dict)
    extraction: Extraction | None = None

    def is_blank(self, path: str) -> bool:
        paths = self.extraction.blank_paths if self.extraction else self.blanks.keys()
        return any(b == path or b.startswith((path + ".", path + "[")) or path.startswith(b + ".") for b in paths)

    def is_unread(self, path: str) -> bool:
        """The agreement states this value, and it could not be read (reported as review.unread)."""
        return self.extraction is not None and any(u.path == path for u in self.extraction.unreadable)

    def locate(self, path: str) -> Location:
        if self.extraction is None:
            return Location(path=path)
        probe = path
        while probe:
            if probe in self.extraction.locations:
                where = self.extraction.locations[probe]
                return Location(where.clause, where.line)
            probe = probe.rpartition(".")[0]
        clause = path_clause(path)
        return Location(clause, self.extraction.clause_lines.get(clause))


def review_contract(contract: Contract, source: Source, label: str, lang: str) -> Review:
    """Every finding of SPEC §5 for one contract, sorted by (clause, id, location, message)."""
    data = plain(contract)
    findings = []
    for fid, where, key, params in _findings(contract, data, source, lang):
        location = where if isinstance(where, Location) else source.locate(where)
        clause = location.clause if location.clause is not None else path_clause(where)  # type: ignore[arg-type]
        message, suggestion = finding_text(lang, key, params)
        findings.append(Finding(fid, clause, SEVERITY[fid], message, suggestion, location))
    return Review(contract.id, label, tuple(sorted(set(findings), key=Finding.sort_key)))


Found = tuple[str, "Location | str", str, dict[str, Any]]  # id, location or field path, message key, params


def _get(data: Any, path: str) -> Any:
    for part in path.split("."):
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


def _findings(c: Contract, data: dict[str, Any], source: Source, lang: str) -> Iterator[Found]:
    yield from _placeholders(data, source, lang)
    yield from _whole_agreement(source)
    yield from _credit_codes(data, source, lang)
    yield from _term(c, source, lang)
    yield from _amounts(source)
    yield from _bank(data, source)
    yield from _renewal(data, source)
    yield from _fees(data, source)
    yield from _standards(data, source)
    if not _get(data, "privacy.entrusted_processing_terms"):
        yield (
            "review.personal_information_terms",
            "privacy.entrusted_processing_terms",
            "personal_information_terms",
            {},
        )


def required_paths(data: dict[str, Any]) -> list[str]:
    """The values the monthly check cannot do without (SPEC §2.1), for this contract's shape."""
    paths = ["id", "provider.name", "client.name", "term.start", "term.end", "fees.method", "fees.cycle"]
    paths += ["fees.due_working_days", "fees.late_fee_daily_rate", "fees.suspend_after_days"]
    method = _get(data, "fees.method")
    if method in ("fixed_monthly", "per_usage"):
        paths.append("fees.monthly_fee")
    if method == "per_usage":
        paths += ["fees.included_units", "fees.unit_rate"]
    renewal = _get(data, "term.renewal")
    if renewal is not None:
        paths.append("term.renewal.auto")
        window = renewal.get("auto") and renewal.get("objection_by") == "notice_window"
        if window and renewal.get("notice_days") is None:
            paths.append("term.renewal.notice_months")
    standards = data.get("standards") or {}
    for name in sorted(standards.get("first_response") or {}):
        paths.append(f"standards.first_response.{name}.within_seconds")
    given = {
        "service_hours": ("days", "start", "end"),
        "availability": ("min_percent",),
        "resolution": ("within", "unit"),
        "satisfaction": ("min",),
        "report": ("due_working_days",),
    }
    for section, fields in given.items():
        if standards.get(section) is not None:
            paths += [f"standards.{section}.{f}" for f in fields]
    return paths


# a required value → the topic of the clause that states it (a line on it that is not a heading means the
# agreement states it: review.unread when it was not read, review.term_missing when no such line exists)
TOPICS = (
    ("provider.name", r"^\s*甲方"), ("client.name", r"^\s*乙方"),
    ("term.start", r"服务期限|有效期|协议期限|合同期限"), ("term.end", r"服务期限|有效期|协议期限|合同期限"),
    ("term.renewal", r"续约|续期|续签|续展|续订|自动顺延|自动延长|自动延续|自动延期"),
    ("fees.method", r"计费|计算方式|收费方式|月费|包干"),
    ("fees.monthly_fee", r"月服务费|服务费用?(?:为|标准)|费率|月费"),
    ("fees.included_units", r"超出|超额|超过部分|(?:包含|含)\s*[\d一二三四五六七八九十百千万两壹贰叁肆伍陆柒捌玖]"),
    ("fees.unit_rate", r"超出|超额|超过部分|单价|每(?:分钟|通|次|单|件|条|小时)"),
    ("fees.cycle", r"支付周期|按月支付|按季"),
    ("fees.due_working_days", r"支付|付款"), ("fees.late_fee_daily_rate", r"逾期[^。]*违约金|滞纳金"),
    ("fees.suspend_after_days", r"暂停服务"), ("standards.first_response", r"首次响应|首次回复|响应时间"),
    ("standards.service_hours", r"服务时间|工作时间"), ("standards.availability", r"可用性|可用率"),
    ("standards.resolution", r"解决"), ("standards.satisfaction", r"满意度|满意率"),
    ("standards.report", r"报告"),
)  # fmt: skip
HEADING = re.compile(r"^\s*第\s*[一二三四五六七八九十百\d]+\s*条[^,,。;;]{0,20}$")


def stated_line(ex: Extraction, path: str) -> Any:
    """The first line, not a heading nor a blank, that speaks of the value at `path`; None when there is none."""
    topic = next((rx for prefix, rx in TOPICS if path == prefix or path.startswith(prefix + ".")), None)
    if topic is None:
        return None
    parties = path.startswith(("provider.", "client."))
    home = path_clause(path)  # the template's own clause for it first, then anywhere
    ordered = sorted(ex.lines, key=lambda ln: not (ln.clause == home or ln.clause.startswith(home + "(")))
    for line in ordered:
        if (line.clause == PARTIES) != parties or line.clause == "signature" or not line.text.strip():
            continue
        if HEADING.match(line.text) or not re.search(topic, line.text):
            continue
        return line
    return None


def _placeholders(data: dict[str, Any], source: Source, lang: str) -> Iterator[Found]:
    from .messages import term_name

    ex = source.extraction
    if ex is not None:
        for blank in ex.blanks:
            yield (
                "review.placeholder",
                Location(blank.where.clause, blank.where.line),
                "placeholder.blank",
                {"text": blank.text},
            )
        for item in ex.unreadable:
            where = Location(item.where.clause, item.where.line)
            yield "review.unread", where, "unread.value", {"term": term_name(lang, item.path), "text": item.text}
    else:
        for path, text in source.blanks.items():
            yield "review.placeholder", path, "placeholder.blank", {"text": text}
    unreadable = {u.path for u in ex.unreadable} if ex else set()
    for path in required_paths(data):
        if _get(data, path) is None and not source.is_blank(path) and path not in unreadable:
            line = stated_line(ex, path) if ex is not None else None
            if line is not None and MASK not in line.text:
                params = {"term": term_name(lang, path), "text": _quote(line.raw)}
                yield "review.unread", Location(line.clause, line.number), "unread.clause", params
            else:
                yield "review.term_missing", path, "term_missing", {"term": term_name(lang, path)}


def unread_clauses(ex: Extraction) -> list[tuple[str, Any]]:
    """Required values the agreement appears to state (a line on them, no blank) that were not read: (path, line)."""
    data = ex.data
    out = []
    unreadable = {u.path for u in ex.unreadable}
    for path in required_paths(data):
        if _get(data, path) is None and path not in unreadable and not Source(extraction=ex).is_blank(path):
            line = stated_line(ex, path)
            if line is not None and MASK not in line.text:
                out.append((path, line))
    return out


def _quote(text: str, limit: int = 80) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- the agreement as a whole: clauses it lacks, text that stops mid-sentence ------------------------------------

DISPUTES = re.compile(r"争议|纠纷")
FORUM = re.compile(r"人民法院|法院|仲裁委员会|仲裁")
LIABILITY = re.compile(r"违约责任|(?:任何一方|一方|双方)[^。]*?(?:违反|违约)[^。]*?(?:赔偿|承担|支付)")
SIGNED = re.compile(r"盖章|签章|签字|签名")
DATED = re.compile(r"日期|年\s*\S{0,4}\s*月\s*\S{0,4}\s*日|签订于|签署于")
SENTENCE_END = (*'。;;::!!??…)」』”"]】□', ")")


def _whole_agreement(source: Source) -> Iterator[Found]:
    ex = source.extraction
    if ex is None:
        return
    body = [ln for ln in ex.lines if ln.part == "body" and ln.text.strip()]
    last = body[-1] if body else None
    end = Location(last.clause, last.number) if last else Location("parties", None)
    if not any(DISPUTES.search(ln.text) and FORUM.search(ln.text) for ln in body):
        yield "review.clause_missing", end, "clause_missing.disputes", {}
    signature = [ln for ln in body if ln.clause == "signature" or SIGNED.search(ln.text)]
    if not (any(SIGNED.search(ln.text) for ln in signature) and any(DATED.search(ln.text) for ln in signature)):
        yield "review.clause_missing", end, "clause_missing.signature", {}
    if not any(LIABILITY.search(ln.text) for ln in body if ln.clause not in ("4.4", PARTIES)):
        yield "review.clause_missing", end, "clause_missing.liability", {}
    for line in body:
        text = line.text.rstrip()
        if line.clause in (PARTIES, "signature") or "\t" in text or not re.search(r"[,,。;;]", text):
            continue
        if not text.endswith(SENTENCE_END):
            tail = _quote(re.split(r"[。;;]", text)[-1][-40:])
            yield "review.text_truncated", Location(line.clause, line.number), "text_truncated", {"text": tail}


def _credit_codes(data: dict[str, Any], source: Source, lang: str) -> Iterator[Found]:
    for party in ("provider", "client"):
        code = _get(data, f"{party}.credit_code")
        if code is None:
            continue
        problem = credit_code_problem(code)
        if problem is not None:
            expected = check_character(normalized(code)[:17]) if problem == "check" else ""
            params = {"party": word(lang, party), "code": normalized(code), "expected": expected}
            yield "review.credit_code_invalid", f"{party}.credit_code", f"credit_code_invalid.{problem}", params


def whole_months(start: date, end: date) -> int | None:
    """The term's length in whole months (end inclusive), or None when it is not a whole number of months."""
    after = end + timedelta(days=1)
    months = (after.year - start.year) * 12 + after.month - start.month
    return months if months >= 0 and add_months(start, months) == after else None


def _term(c: Contract, source: Source, lang: str) -> Iterator[Found]:
    term = c.term
    if term is None or term.start is None or term.end is None:
        return
    start, end = term.start, term.end
    if end < start:
        yield "review.term_invalid", "term.end", "term_invalid.order", {"start": start, "end": end}
        return
    months = whole_months(start, end)
    if term.stated_months is not None and term.stated_months != months:
        if months is None:
            actual = word(lang, "days", n=(end - start).days + 1)
            fix = word("zh", "days", n=(end - start).days + 1)
        else:
            actual, fix = word(lang, "months", n=months), word("zh", "months", n=months)
        params = {"stated": term.stated_months, "start": start, "end": end, "actual": actual, "fix": fix}
        yield "review.term_invalid", "term.stated_months", "term_invalid.months", params


def _amounts(source: Source) -> Iterator[Found]:
    if source.extraction is None:
        return
    from .numerals import amount_in_words

    for pair in source.extraction.amounts:
        if pair.words_value != pair.figures:
            try:
                fix_words = amount_in_words(pair.figures)
            except ValueError:  # 10^16 yuan or more: no 大写 to suggest
                fix_words = "—"
            params = {
                "words": pair.words,
                "words_value": f"{pair.words_value:,.2f}",
                "figures": f"{pair.figures:,.2f}",
                "fix_words": fix_words,
            }
            where = Location(pair.where.clause, pair.where.line)
            yield "review.amount_words_mismatch", where, "amount_words_mismatch", params


def _same_name(a: str, b: str) -> bool:
    """Equal but for white space and the width of brackets, letters and digits (NFKC: (ＡＩ) is (AI))."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", a)) == re.sub(r"\s+", "", unicodedata.normalize("NFKC", b))


def _bank(data: dict[str, Any], source: Source) -> Iterator[Found]:
    name, provider = _get(data, "fees.bank.account_name"), _get(data, "provider.name")
    if name is not None and provider is not None and not _same_name(name, provider):
        params = {"account_name": name, "provider": provider}
        yield "review.bank_account_name_mismatch", "fees.bank.account_name", "bank_account_name_mismatch", params


def _renewal(data: dict[str, Any], source: Source) -> Iterator[Found]:
    renewal = _get(data, "term.renewal")
    if not renewal or renewal.get("auto") is not True:
        return
    if renewal.get("negotiation_clause"):
        yield "review.renewal_ambiguous", "term.renewal.negotiation_clause", "renewal_ambiguous.negotiation", {}
    if renewal.get("objection_by") is None:
        yield "review.renewal_ambiguous", "term.renewal.objection_by", "renewal_ambiguous.objection", {}
    length = "term.renewal.renew_months"  # a length stated but not read is review.unread, not 'no renewal length'
    if renewal.get("renew_months") is None and not source.is_blank(length) and not source.is_unread(length):
        yield "review.renewal_ambiguous", "term.renewal.renew_months", "renewal_ambiguous.length", {}


def _fees(data: dict[str, Any], source: Source) -> Iterator[Found]:
    fees = data.get("fees")
    if fees is None:
        return
    rate = fees.get("late_fee_daily_rate")
    if rate is not None and rate > STATUTORY_LATE_FEE:
        params = {"rate": exact(rate), "annual": exact(rate * 365 * 100)}
        yield "review.late_fee_high", "fees.late_fee_daily_rate", "late_fee_high", params
    notice = "fees.suspension_notice_days"  # an unread notice (5个工作日) is a notice, reported as review.unread
    if fees.get("suspension_notice_days") is None and not source.is_blank(notice) and not source.is_unread(notice):
        yield "review.suspension_without_notice", "fees.suspension_notice_days", "suspension_without_notice", {}
    remedies = data.get("remedies") or {}
    credit = "remedies.service_credit_percent"  # a credit stated but not read (5%至10%) is a remedy, reported unread
    has_sla_remedy = remedies.get("service_credit_percent") is not None or remedies.get("sla_termination") is True
    has_sla_remedy = has_sla_remedy or source.is_unread(credit)
    late = "fees.late_fee_daily_rate"  # a late fee stated but not read (每逾期一月…1%) is a late fee
    late_fee = rate is not None or source.is_blank(late) or source.is_unread(late)
    if data.get("standards") is not None and late_fee and not has_sla_remedy:
        yield "review.sla_without_remedy", "remedies", "sla_without_remedy", {}


def _standards(data: dict[str, Any], source: Source) -> Iterator[Found]:
    std = data.get("standards") or {}
    for name, channel in sorted((std.get("first_response") or {}).items()):
        path = f"standards.first_response.{name}"
        # a blank is reported once; a share stated but not read is review.unread, not an absent target
        quiet = source.is_blank(path + ".within_seconds") or source.is_unread(path + ".target_ratio")
        if channel.get("target_ratio") is None and not quiet:
            yield (
                "review.response_target_absolute",
                path + ".target_ratio",
                "response_target_absolute",
                {"channel": name},
            )
    if (availability := std.get("availability")) is not None:
        if availability.get("year") is None:
            yield (
                "review.availability_year_ambiguous",
                "standards.availability.year",
                "availability_year_ambiguous.year",
                {},
            )
        if availability.get("excluded_causes") is None:
            path = "standards.availability.excluded_causes"
            yield "review.availability_year_ambiguous", path, "availability_year_ambiguous.exclusions", {}
    hours = std.get("service_hours")
    if hours is not None and hours.get("calendar") is None and not source.is_blank("standards.service_hours"):
        round_the_clock = len(set(hours.get("days") or ())) == 7 and (hours.get("start"), hours.get("end")) == (
            "00:00",
            "24:00",
        )
        if not round_the_clock:
            path = "standards.service_hours.calendar"
            yield "review.service_hours_holidays_ambiguous", path, "service_hours_holidays_ambiguous", {}
    if (satisfaction := std.get("satisfaction")) is not None:
        for name in ("method", "scale_max"):
            if satisfaction.get(name) is None:
                path = f"standards.satisfaction.{name}"
                yield "review.satisfaction_metric_ambiguous", path, f"satisfaction_metric_ambiguous.{name}", {}
    if std.get("report") is None:
        yield "review.report_schedule_missing", "standards.report", "report_schedule_missing", {}
