"""kefu-check from Python (SPEC §11): the monthly check, review, analyze and facts as functions.

Each function returns the result model the CLI renders (`.as_json()` is the §3/§5/§6/§7 document) and raises
`InputError` for an input problem, carrying the one line (`str(error)`, also `error.line`) the CLI prints
before it exits 2 (`error.exit_code`). `render` gives the text the CLI prints (masked like the CLI's output).

    from kefu_check import api
    result = api.check("fixtures/demo/month.json")
    result.as_json()["summary"]         # {'error': 4, 'warning': 1, 'info': 0, 'waived': 0}
    api.render([result], "json")        # the CLI's stdout for `kefu-check --format json month.json`

A process keeps one compiled rule set, and one calendar for each set of holiday files (a holiday file changed
on disk is read again). The functions are not thread-safe (the rule engine is used under a lock, the language of
input problems is a process setting): for parallel work use processes (docs/api.md).
The names here are stable within `kefu-check/…@1`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Union

from . import errors

if TYPE_CHECKING:
    from .calendar import Calendar
    from .check import Result
    from .load import Loaded
    from .models import Contract, MonthFacts, Waiver
    from .review.findings import Review
    from .sequence.story import Analysis

__all__ = [
    "EXIT_INPUT",
    "Analysis",
    "Facts",
    "InputError",
    "Result",
    "Review",
    "analyze",
    "check",
    "facts",
    "render",
    "review",
]

Lang = Literal["zh", "en"]
PathLike = Union[str, "os.PathLike[str]"]
EXIT_INPUT = 2  # the CLI's exit code for an input problem (cliopts.EXIT_INPUT)


def __getattr__(name: str) -> Any:  # the result models, imported when first named (kefu_check.api.Result)
    if name == "Result":
        from .check import Result

        return Result
    if name == "Review":
        from .review.findings import Review

        return Review
    if name == "Analysis":
        from .sequence.story import Analysis

        return Analysis
    raise AttributeError(name)


class InputError(errors.InputError):
    """An input problem: `str(e)` (and `e.line`) is the one line the CLI prints on stderr before it exits 2.

    A subclass of `kefu_check.errors.InputError` (file, field, kind as there); the line is rendered once, in
    the `lang` of the call that raised it."""

    exit_code = EXIT_INPUT

    def __init__(
        self, line: str, file: str = "", field: str | None = None, problem: Any = None, *, lang: Lang = "zh"
    ) -> None:
        super().__init__(file, field, problem if problem is not None else line)
        self._line, self.lang = line, lang

    @classmethod
    def of(cls, error: Exception, lang: Lang) -> InputError:
        """The CLI's line for an input problem raised below (InputError, a calendar gap, a bad holidays file)."""
        from .calendar import CalendarGap
        from .problems import problem

        if isinstance(error, errors.InputError):
            return cls(error.line(lang), error.file, error.field, error.problem, lang=lang)
        if isinstance(error, CalendarGap):
            gap = problem("calendar_gap", year=error.year)
            return cls(gap.render(lang), problem=gap, lang=lang)
        return cls(str(error), lang=lang)

    def line(self, lang: Lang | None = None) -> str:  # type: ignore[override]
        return self._line if lang is None or lang == self.lang else super().line(lang)

    def __str__(self) -> str:
        return self._line

    def __reduce__(self) -> Any:  # picklable: it crosses process pools
        return (_rebuild_input_error, (self._line, self.file, self.field, self.lang))


def _rebuild_input_error(line: str, file: str, field: str | None, lang: Lang) -> InputError:
    return InputError(line, file, field, lang=lang)


@contextmanager
def _as_the_cli(lang: Lang) -> Iterator[None]:
    """Input problems rendered in `lang`, raised as api.InputError with the CLI's line."""
    from .calendar import CalendarGap, HolidaysFileError
    from .problems import current_lang, set_lang

    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', not {lang!r}")
    before = current_lang()
    set_lang(lang)
    try:
        yield
    except InputError:
        raise
    except (errors.InputError, CalendarGap, HolidaysFileError) as error:
        raise InputError.of(error, lang) from None
    finally:
        set_lang(before)


# --- the monthly check ------------------------------------------------------------------------------------------

_CALENDARS: dict[tuple[Any, ...], Calendar] = {}


def _calendar(holidays: Sequence[PathLike], contracts: Iterable[Path]) -> Calendar:
    """`calendar_for(holidays, contracts)` as the CLI builds it, kept while its holiday files hold the same bytes
    (read on every call: a file rewritten between two calls, however quickly, is read again)."""
    from .holidays.files import beside, calendar_for, expand

    given = [Path(p) for p in holidays]
    folders = beside(contracts)
    files = expand([*given, *folders])
    key = tuple((str(p), _content(p)) for p in files)
    cal = _CALENDARS.get(key)
    if cal is None:
        cal = calendar_for([*given, *folders])
        if len(_CALENDARS) >= 64:
            _CALENDARS.clear()
        _CALENDARS[key] = cal
    return cal


def _content(path: Path) -> bytes | None:
    from .holidays.files import MAX_HOLIDAYS_FILE

    try:
        with open(path, "rb") as handle:
            return handle.read(MAX_HOLIDAYS_FILE + 1)  # a longer file is refused by calendar_for
    except OSError:
        return None  # calendar_for reports it


MonthInput = Union[PathLike, Mapping[str, Any], "MonthFacts"]
ContractInput = Union[PathLike, Mapping[str, Any], "Contract", None]


def _is_path(value: Any) -> bool:
    return isinstance(value, (str, os.PathLike))


def _load(month: MonthInput, contract: ContractInput) -> tuple[Loaded, Path | None]:
    """The month and its contract validated as `load_month` does for files. A document given as data is named
    `month.json` (`contract.json`) in messages; a contract path it names is relative to the working folder."""
    from .load import contract_file, load_contract_data, load_month, named_contract_file, printable
    from .records import is_model

    contract_path = Path(contract) if _is_path(contract) else None  # type: ignore[arg-type]
    path: Path | None = None
    if _is_path(month):
        path = Path(month)  # type: ignore[arg-type]
        if contract is None or contract_path is not None:
            return load_month(path, contract_path), path
        loaded = _month_only(path)
    else:
        loaded = _month_data(month)
    if contract_path is not None:
        label = printable(contract_path.name or str(contract_path))
        parsed, blanks = contract_file(contract_path, label, printable(str(contract_path)))
    elif is_model(contract, "Contract"):
        label, parsed, blanks = "contract.json", contract, {}
    elif contract is not None:
        label = "contract.json"
        parsed, blanks = load_contract_data(_plain(contract), label, source=label)
    elif isinstance(loaded.month.contract, str):
        at, named = Path.cwd() / loaded.month_label, loaded.month.contract
        parsed, blanks, label = named_contract_file(at, named, loaded.month_label, loaded.month_label)
    else:
        label = loaded.month_label
        parsed, blanks = load_contract_data(loaded.month.contract, label, "contract", label)
    return replace(loaded, contract=parsed, contract_label=label, blanks=blanks), path


def _month_only(path: Path) -> Loaded:
    """A month file whose contract is given as data: the month validated, its own `contract` not read."""
    from .load import Loaded, printable, read_month_path, validate

    label = path.name or printable(str(path))
    facts = validate("MonthFacts", read_month_path(path, label), label, source=printable(str(path)))
    return Loaded(facts, None, label, label, {})  # type: ignore[arg-type]


def _month_data(month: Any) -> Loaded:
    """A month given as data (a parsed document, or a validated MonthFacts), named `month.json` in messages."""
    from .load import Loaded, validate
    from .records import is_model

    label = "month.json"
    facts = month if is_model(month, "MonthFacts") else validate("MonthFacts", _plain(month), label, source=label)
    return Loaded(facts, None, label, label, {})  # type: ignore[arg-type]


def _plain(document: Any) -> Any:
    """A parsed document as plain data; a number read as float becomes the Decimal of its repr, and a validated
    part (a model or a record, e.g. an `models.Invoice` in a month's `invoices`) its values."""
    from decimal import Decimal

    from .records import Record, plain

    if isinstance(document, Record) or hasattr(type(document), "model_dump"):
        document = plain(document)
    if isinstance(document, Mapping):
        return {k: _plain(v) for k, v in document.items()}
    if isinstance(document, (list, tuple)):
        return [_plain(v) for v in document]
    if isinstance(document, float):
        return Decimal(repr(document))
    return document


def _waivers(waivers: PathLike | Iterable[Waiver | Mapping[str, Any]]) -> tuple[Waiver, ...]:
    """--waivers FILE (a path), or waivers as models or dicts."""
    if isinstance(waivers, (tuple, list)) and not waivers:
        return ()
    from .load import validate
    from .records import is_model
    from .waivers import load_waivers

    if _is_path(waivers):
        return load_waivers(Path(waivers))  # type: ignore[arg-type]
    out = []
    for i, w in enumerate(waivers):  # type: ignore[union-attr]
        out.append(w if is_model(w, "Waiver") else validate("Waiver", _plain(w), "waivers", f"waivers[{i}]"))
    return tuple(out)


def _contracts_of(month: MonthInput, contract: ContractInput) -> list[Path]:
    """The contract files whose `holidays/` folders the CLI reads (holidays.files.month_contracts)."""
    from .holidays.files import month_contracts

    if _is_path(contract):
        return [Path(contract)]  # type: ignore[arg-type]
    if _is_path(month):
        return month_contracts([Path(month)], None)  # type: ignore[arg-type]
    named = month.get("contract") if isinstance(month, Mapping) else getattr(month, "contract", None)
    return [Path.cwd() / named] if isinstance(named, str) and named else []


def _beside_contract(path: Path, loaded: Loaded) -> list[Path]:
    """month_contracts([path], None) without reading the file again: the peek reads a month as the check did
    (`load.read_bytes`), so a loaded JSON month names the same contract; anything else is peeked at."""
    from .holidays.files import month_contracts

    named = loaded.month.contract
    if path.suffix.lower() != ".json":
        return month_contracts([path], None)
    return [path.parent / named] if isinstance(named, str) and named else [path]


def check(
    month: MonthInput,
    *,
    contract: ContractInput = None,
    as_of: date | str | None = None,
    holidays: Sequence[PathLike] = (),
    waivers: PathLike | Iterable[Waiver | Mapping[str, Any]] = (),
    history: PathLike | Sequence[PathLike] = (),
    lang: Lang = "zh",
    calendar: Calendar | None = None,
) -> Result:
    """The monthly check of one month (SPEC §3): `kefu-check check MONTH [--contract C] [--as-of D] [--holidays F]
    [--waivers W] [--history DIR] [--lang L]`.

    `month`: a month file's path, or the parsed document (a dict, numbers preferably as `Decimal`), or a
    `models.MonthFacts`; `contract`: a path, a dict or a `models.Contract` (default: the month's own `contract`);
    `history`: a folder of earlier months (as `--history`), or a list of folders and month files; `calendar`: a
    `kefu_check.calendar.Calendar` to use instead of the one of `holidays` and the contract's `holidays/` folder
    (a batch's, shared by its months)."""
    from .calendar import CalendarGap
    from .check import check_loaded

    with _as_the_cli(lang):
        if calendar is not None:
            cal = calendar
            waiver_list = _waivers(waivers)
            loaded, path = _load(month, contract)
        elif holidays or not _is_path(month) or contract is not None:
            cal = _calendar(holidays, _contracts_of(month, contract))
            waiver_list = _waivers(waivers)
            loaded, path = _load(month, contract)
        else:  # the month file read once: its contract's folder known from the loaded month
            try:
                loaded, path = _load(month, contract)
            except errors.InputError:
                _calendar(holidays, _contracts_of(month, contract))  # the CLI reads the holiday files first
                raise
            cal = _calendar(holidays, _beside_contract(path, loaded))
            waiver_list = _waivers(waivers)
        if as_of is not None:
            day = as_of if isinstance(as_of, date) else _as_of(as_of)
            loaded = replace(loaded, month=loaded.month.model_copy(update={"as_of": day}))
        earlier = [history] if _is_path(history) else list(history)  # type: ignore[list-item]
        try:
            source = str(path) if path is not None else loaded.month_label
            if earlier or loaded.month.history:
                result = _with_history(loaded, path, [Path(p) for p in earlier], cal, lang, waiver_list)
                return replace(result, source=source)
            return check_loaded(loaded, cal, lang, waiver_list, source=source)
        except CalendarGap as gap:  # the check's own line for a year without holiday data (as a batch prints it)
            raise errors.InputError("", None, str(gap)) from None


def _as_of(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise errors.InputError("--as-of", None, f"invalid date {text!r} (expected YYYY-MM-DD)") from None


def _with_history(
    loaded: Loaded, path: Path | None, history: list[Path], cal: Calendar, lang: Lang, waivers: Sequence[Waiver]
) -> Result:
    """sequence.check_with_history, for any number of history folders and files."""
    from .sequence import check_with_history
    from .sequence.model import evaluate
    from .sequence.months import history_paths, load_sequence, months_in, ordered

    month_path = path if path is not None else Path.cwd() / loaded.month_label
    if len(history) <= 1 and all(os.path.isdir(p) for p in history):
        return check_with_history(loaded, month_path, history[0] if history else None, cal, lang, waivers)
    paths = history_paths(month_path, loaded.month.history)
    for p in history:
        paths += months_in(p) if os.path.isdir(p) else [p]
    own = month_path.resolve()
    period = loaded.month.period
    earlier = [m for m in load_sequence(p for p in paths if p.resolve() != own) if m.month.period <= period]
    return evaluate(ordered([*earlier, loaded]), cal, lang, waivers).months[-1].result


def render(
    results: Result | Sequence[Result],
    fmt: str = "json",
    *,
    lang: Lang = "zh",
    fail_on: str = "error",
    redact: bool = False,
) -> str:
    """The text `kefu-check check --format FMT` prints for these results (a list is a batch), masked as the CLI
    masks it (account numbers; with `redact`, names too)."""
    from .check import Result
    from .output import load
    from .redact import redact as mask

    batch = [results] if isinstance(results, Result) else list(results)
    return mask(load("check", fmt)(batch, lang, fail_on), [r.private for r in batch], redact)


# --- review, analyze, facts -------------------------------------------------------------------------------------


def review(contract: PathLike, *, lang: Lang = "zh") -> Review:
    """`kefu-check review CONTRACT` (SPEC §5): a contract.json/.yaml or an agreement (.docx/.txt) → its Review."""
    from .review.findings import review_contract
    from .review.inputs import load_for_review

    path = Path(contract)
    with _as_the_cli(lang):
        terms, source = load_for_review(path)
        return replace(review_contract(terms, source, path.name, lang), file=str(path))


def analyze(months: PathLike | Sequence[PathLike], *, holidays: Sequence[PathLike] = (), lang: Lang = "zh") -> Analysis:
    """`kefu-check analyze MONTH… | DIR` (SPEC §6): the months of one contract in sequence → an Analysis
    (`.as_json()` the §6 document, `.seq.months[i].result` each month's Result)."""
    from .sequence.story import analyze as analyze_months

    inputs = [Path(months)] if _is_path(months) else [Path(p) for p in months]  # type: ignore[union-attr]
    with _as_the_cli(lang):
        return analyze_months(inputs, lambda contracts: _calendar(holidays, contracts), lang)[0]


@dataclass(frozen=True)
class Facts:
    """`kefu-check facts`' outcome: the month document it writes, the diagnostics it prints, and what `--report`
    lists (the rows left out; the payment rows that repeat one another, all counted)."""

    month: dict[str, Any]
    diagnostics: tuple[str, ...] = ()
    bad_rows: tuple[dict[str, Any], ...] = field(default=())
    repeated_payments: tuple[dict[str, Any], ...] = field(default=())

    def as_json(self) -> dict[str, Any]:
        """The month.json document (SPEC §7), keys in the order the CLI writes them."""
        return self.month


def facts(
    contract: PathLike,
    period: str,
    *,
    output: PathLike | None = None,
    calls: PathLike | None = None,
    chats: PathLike | None = None,
    emails: PathLike | None = None,
    tickets: PathLike | None = None,
    surveys: PathLike | None = None,
    outages: PathLike | None = None,
    invoices: PathLike | None = None,
    payments: PathLike | None = None,
    mapping: PathLike | None = None,
    as_of: date | None = None,
    short_abandons: Literal["exclude", "count"] = "exclude",
    satisfaction_method: Literal["mean_score", "share_satisfied"] | None = None,
    holidays: Sequence[PathLike] = (),
    strict: bool = False,
    merge: Sequence[PathLike] = (),
    lang: Lang = "zh",
) -> Facts:
    """`kefu-check facts --contract C --period P --calls … -o OUTPUT` (SPEC §7) without writing: the month's
    facts from the exports. The month names its contract relative to `output`'s folder (default: the working
    folder), as the written month.json would."""
    import re

    from .exports.mapping import load_mapping
    from .exports.merge import load_parts
    from .exports.messages import say
    from .exports.month import ORDER, relative_contract
    from .exports.pipeline import Options, run
    from .load import validate
    from .models import MonthFacts

    if not re.fullmatch(r"(19\d\d|2[01]\d\d)-(0[1-9]|1[0-2])", period):
        raise ValueError(f"invalid period {period!r} (expected YYYY-MM)")
    exports = {
        "calls": calls,
        "chats": chats,
        "emails": emails,
        "tickets": tickets,
        "surveys": surveys,
        "outages": outages,
        "invoices": invoices,
        "payments": payments,
    }
    given = {kind: Path(p) for kind, p in exports.items() if p is not None}
    contract_path = Path(contract)
    out = Path(output) if output is not None else Path.cwd() / "month.json"
    with _as_the_cli(lang):
        if as_of is not None and as_of.strftime("%Y-%m") < period:
            raise errors.InputError("--as-of", None, say(lang, "as_of_before_period", as_of=as_of, period=period))
        cal = _calendar(holidays, [contract_path])
        opts = Options(
            contract_path,
            period,
            given,
            load_mapping(Path(mapping) if mapping else None, lang),
            as_of,
            short_abandons,
            satisfaction_method,
            strict,
            lang,
        )
        parts = load_parts([Path(p) for p in merge], period, lang)
        outcome = run(opts, cal, relative_contract(contract_path, out))
        outcome.month.update(parts)
        ordered = {key: outcome.month[key] for key in ORDER if key in outcome.month}
        ordered.update((key, value) for key, value in outcome.month.items() if key not in ordered)
        validate(MonthFacts, ordered, out.name)
        return Facts(ordered, tuple(outcome.diagnostics), tuple(outcome.bad_rows()), tuple(outcome.repeated))
