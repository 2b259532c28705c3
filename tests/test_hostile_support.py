"""Shared by the hostile-input tests: run the CLI in-process under a time bound, judge the outcome, and the
hostile values and mutations the property tests draw from.

The budget: each property test runs `examples(share)` inputs — a small number in the default suite, and
`share × KEFU_FUZZ_EXAMPLES` under `make fuzz` (KEFU_FUZZ_EXAMPLES=10000 spread over the tests by share).
"""

from __future__ import annotations

import contextlib
import copy
import functools
import io
import json
import os
import re
import resource
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st

from kefu_check.cli import main

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SECONDS_PER_INPUT = 20  # generous: a loaded CI machine; a hang is minutes, not seconds
MAX_RSS_GROWTH = 1024**3  # how far one input may raise the test process's peak resident size
CI_EXAMPLES = 25  # per unit of share, in the default suite


def examples(share: float) -> int:
    """How many inputs a property test runs: its share of KEFU_FUZZ_EXAMPLES, or a small CI number."""
    total = os.environ.get("KEFU_FUZZ_EXAMPLES")
    if total:
        return max(1, round(int(total) * share))
    return max(5, round(CI_EXAMPLES * share * 4))


def fuzz_settings(share: float) -> settings:
    return settings(
        max_examples=examples(share),
        deadline=None,  # bounded by the alarm below instead: the first run imports the engine
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
        database=None,
    )


class Hang(BaseException):
    """Raised by the alarm: a BaseException, so the CLI's catch-all cannot turn it into exit 3."""


@contextlib.contextmanager
def time_bound(seconds: int) -> Iterator[None]:
    def ring(signum: int, frame: Any) -> None:
        raise Hang(f"no result after {seconds} s")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@dataclass
class Outcome:
    code: int
    out: str
    err: str


def snapshot(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def run(args: list[str | Path], cwd: Path) -> Outcome:
    """`kefu-check ARGS` in-process, in `cwd`, bounded in time; stdout and stderr captured.

    The files already in `cwd` (the user's inputs) must be byte-for-byte the same afterwards."""
    before = snapshot(cwd)
    try:
        return _run(args, cwd)
    finally:
        after = snapshot(cwd)
        assert {p: after.get(p) for p in before} == before, "an input file was changed"


def _peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux: kibibytes


def _run(args: list[str | Path], cwd: Path) -> Outcome:
    peak_before = _peak_rss()
    out, err = io.StringIO(), io.StringIO()
    code = 0
    here = Path.cwd()
    os.chdir(cwd)
    try:
        with time_bound(SECONDS_PER_INPUT), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            main([str(a) for a in args])
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 2)
    finally:
        os.chdir(here)
    growth = _peak_rss() - peak_before
    assert growth < MAX_RSS_GROWTH, f"one input raised the peak memory by {growth} bytes"
    return Outcome(code, out.getvalue(), err.getvalue())


def assert_handled(outcome: Outcome, names: list[str]) -> None:
    """Exit 0/1/2, no traceback; a refusal is exactly one stderr line naming one of the input files."""
    event(f"exit {outcome.code}")  # the distribution shows in `make fuzz`'s statistics
    assert "Traceback" not in outcome.err, outcome.err
    assert outcome.code in (0, 1, 2), f"exit {outcome.code}: {outcome.err}"
    if outcome.code == 2:
        lines = outcome.err.splitlines()
        assert len(lines) == 1, f"refusal in {len(lines)} lines: {outcome.err!r}"
        assert any(lines[0].startswith(f"{name}: ") for name in names), f"no file named: {lines[0]!r} ({names})"


# --- valid starting points --------------------------------------------------------------------------------


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)


def fixture_pairs() -> list[tuple[dict, dict]]:
    """(contract, month) of every check fixture, the month's contract reference set to contract.json."""
    pairs = []
    for folder in sorted(FIXTURES.iterdir()):
        if (folder / "month.json").exists() and (folder / "contract.json").exists():
            month = read_json(folder / "month.json")
            if isinstance(month.get("contract"), str):
                month["contract"] = "contract.json"
            pairs.append((read_json(folder / "contract.json"), month))
    return pairs


def sequence_sets() -> list[tuple[dict, list[tuple[str, dict]]]]:
    """(contract, [(name, month)…]) of each fixtures/sequences folder."""
    out = []
    for folder in sorted((FIXTURES / "sequences").iterdir()):
        months = [(p.name, read_json(p)) for p in sorted(folder.glob("20*.json"))]
        out.append((read_json(folder / "contract.json"), months))
    return out


# --- hostile values and mutations ---------------------------------------------------------------------------

HOSTILE_SCALARS = [
    None,
    True,
    False,
    0,
    -1,
    10**12,
    10**13,
    10**30,
    -(10**18),
    2**63,
    Decimal("1e999999"),
    Decimal("-1e999999"),
    Decimal("1e-999999"),
    Decimal("NaN"),
    Decimal("Infinity"),
    Decimal("-Infinity"),
    Decimal("0.000000000000000000000000000001"),
    Decimal("999999999999.999999999999"),
    "",
    " ",
    "NaN",
    "Infinity",
    "1e999999",
    "-0",
    "0x10",
    "1_000",
    "9999-12-31",
    "0001-01-01",
    "9999-12",
    "0000-00",
    "2026-02-29",
    "2026-10-31T25:00:00+08:00",
    "9999-12-31T23:59:59+14:00",
    "0001-01-01T00:00:00-12:00",
    "2026-10-12T10:00:00",
    "24:00",
    "[甲方公司全称]",
    "[",
    "\x00",
    "\ud800",
    "‮",
    "二万元",
    "a" * 100_000,
    "../../../etc/passwd",
    "/etc/passwd",
    "*",
    "**/*.json",
    [],
    {},
]


def _deep(depth: int) -> Any:
    value: Any = 0
    for _ in range(depth):
        value = [value]
    return value


def hostile_value() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.sampled_from(HOSTILE_SCALARS),
        st.integers(-(10**40), 10**40),
        st.decimals(allow_nan=True, allow_infinity=True, places=None),
        st.text(max_size=30),
        st.dates().map(str),
        st.integers(1, 20_000).map(lambda n: [0] * n),  # huge arrays (above the 10,000-item bound)
        st.sampled_from([50, 500]).map(_deep),  # nesting as data; 10,000+ deep as raw text in damage_bytes
    )


def paths_of(doc: Any, prefix: tuple = ()) -> list[tuple]:
    """Every path (tuple of keys and indexes) to a value inside `doc`."""
    found = []
    if isinstance(doc, dict):
        for key, value in doc.items():
            found.append((*prefix, key))
            found += paths_of(value, (*prefix, key))
    elif isinstance(doc, list):
        for i, value in enumerate(doc):
            found.append((*prefix, i))
            found += paths_of(value, (*prefix, i))
    return found


def mutate(doc: Any, draw: Any, rounds: int = 3) -> Any:
    """A copy of `doc` with 1…`rounds` changes: a key deleted, a value replaced, a list element duplicated."""
    doc = copy.deepcopy(doc)
    for _ in range(draw(st.integers(1, rounds))):
        paths = paths_of(doc)
        if not paths:
            return draw(hostile_value())
        path = draw(st.sampled_from(paths))
        parent = doc
        for part in path[:-1]:
            parent = parent[part]
        last = path[-1]
        action = draw(st.sampled_from(["delete", "replace", "replace", "replace", "duplicate", "add"]))
        if action == "delete":
            del parent[last]
        elif action == "replace":
            parent[last] = draw(hostile_value())
        elif action == "duplicate" and isinstance(parent, list):
            parent.extend([copy.deepcopy(parent[last])] * draw(st.sampled_from([1, 2, 1000])))
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from(["extra", "contract", "history", "as_of", "waivers", "notes"]))] = draw(
                hostile_value()
            )
    return doc


_MARK = "@@decimal@@"


def _marked(value: Any) -> Any:
    if isinstance(value, Decimal):
        return f"{_MARK}{value}{_MARK}"
    if isinstance(value, dict):
        return {k: _marked(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_marked(v) for v in value]
    return value


@contextlib.contextmanager
def _deep_enough() -> Iterator[None]:
    """Room for the writers' own recursion: a 500-deep hostile value inside a fixture, written as YAML (three
    representer frames a level), went past Python's default limit in the harness, before kefu-check read it."""
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, 20_000))
    try:
        yield
    finally:
        sys.setrecursionlimit(old)


def to_json(doc: Any) -> str:
    """JSON with Decimals written digit for digit as numbers (including NaN, Infinity and 1E+999999)."""
    with _deep_enough():
        text = json.dumps(_marked(doc), ensure_ascii=False)
    return re.sub(f'"{_MARK}(.*?){_MARK}"', lambda m: m.group(1).replace("sNaN", "NaN"), text)


def to_yaml(doc: Any) -> str:
    import yaml

    def plain(value: Any) -> Any:
        if isinstance(value, Decimal):
            return str(value)
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value

    with _deep_enough():
        try:
            return yaml.dump(plain(doc), Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), allow_unicode=True)
        except UnicodeEncodeError:  # a lone surrogate: libyaml cannot write it, the Python emitter escapes it
            return yaml.dump(plain(doc), Dumper=yaml.SafeDumper, allow_unicode=False)


def damage_bytes(raw: bytes, draw: Any) -> bytes:
    """Byte-level damage: truncation, a BOM, invalid UTF-8, a NUL, raw NaN, 1e999999, deep brackets."""
    kind = draw(
        st.sampled_from(["none", "truncate", "bom", "bad_utf8", "nul", "nan", "huge", "deep", "utf16", "garbage"])
    )
    at = draw(st.integers(0, len(raw)))
    if kind == "truncate":
        return raw[:at]
    if kind == "bom":
        return b"\xef\xbb\xbf" + raw
    if kind == "bad_utf8":
        return raw[:at] + draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80"])) + raw[at:]
    if kind == "nul":
        return raw[:at] + b"\x00" + raw[at:]
    if kind == "nan":
        return raw.replace(b'"2026', b"NaN, \"2026", 1) if b'"2026' in raw else raw + b"NaN"
    if kind == "huge":
        return raw.replace(b"0", b"1e999999", 1)
    if kind == "deep":
        depth = draw(st.sampled_from([1_000, 10_000, 100_000]))
        return raw[:at] + b"[" * depth + b"]" * depth + raw[at:]
    if kind == "utf16":
        return raw.decode("utf-8", "replace").encode("utf-16")
    if kind == "garbage":
        return draw(st.binary(max_size=200))
    return raw


# --- hypothesis-jsonschema on a current Hypothesis --------------------------------------------------------


class _ManyWithMore:
    """hypothesis-jsonschema 0.23.1 drives `cu.many(...).more()`, which Hypothesis ≥ 6.1xx replaced by
    `with many(...) as elements: for _ in elements:`; this adapter offers the old call on the new class."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from hypothesis.internal.conjecture import utils

        self._many = utils.many(*args, **kwargs)
        self._steps: Iterator[None] | None = None

    def more(self) -> bool:
        if self._steps is None:
            self._steps = iter(self._many.__enter__())
        try:
            next(self._steps)
            return True
        except StopIteration:
            self._many.__exit__(None, None, None)
            return False

    def reject(self, why: str | None = None) -> None:
        self._many.reject(why)


def from_schema(schema: dict) -> st.SearchStrategy[Any]:
    """hypothesis_jsonschema.from_schema, made to run on this Hypothesis (see _ManyWithMore)."""
    import types

    from hypothesis.internal.conjecture import utils
    from hypothesis_jsonschema import _from_schema, from_schema

    if not hasattr(utils.many, "more") and not isinstance(_from_schema.cu, types.SimpleNamespace):
        _from_schema.cu = types.SimpleNamespace(**{**vars(utils), "many": _ManyWithMore})
    return from_schema(schema)


# --- the real console script, in subprocesses (determinism, no network) --------------------------------------

SCRIPT = Path(sys.executable).parent / "kefu-check"
SEQ = FIXTURES / "sequences"
EXPORTS = FIXTURES / "exports"

# (name, arguments, files the command writes in its working folder); inputs are read where they are.
COMMANDS: list[tuple[str, list[str], list[str]]] = [
    ("check json", ["--format", "json", str(FIXTURES / "demo" / "month.json")], []),
    ("check table", [str(FIXTURES / "late-payment-national-day" / "month.json")], []),
    ("check junit en", ["--format", "junit", "--lang", "en", str(FIXTURES / "partial-payments" / "month.json")], []),
    (
        "check batch",
        ["--format", "json", *(str(FIXTURES / f / "month.json") for f in ("renewal-auto-renewed", "quarter-cycle"))],
        [],
    ),
    ("check history", ["--format", "markdown", str(SEQ / "dispute-quarter" / "2026-12.json"), "--history",
                       str(SEQ / "dispute-quarter")], []),
    ("review txt", ["review", "--format", "json", str(FIXTURES / "review" / "filled.txt")], []),
    ("review contract", ["review", "--lang", "en", str(FIXTURES / "review" / "filled.contract.json")], []),
    ("extract", ["extract", str(FIXTURES / "review" / "filled.txt")], []),
    ("analyze json", ["analyze", "--format", "json", str(SEQ / "dispute-quarter")], []),
    ("analyze html", ["analyze", "--html", "report.html", str(SEQ / "calm-quarter")], ["report.html"]),
    (
        "facts",
        ["facts", "--contract", str(EXPORTS / "contract.json"), "--period", "2026-10",
         *(x for kind in ("calls", "chats", "surveys", "outages", "invoices", "payments")
           for x in (f"--{kind}", str(EXPORTS / f"{kind}.csv"))),
         "--tickets", str(EXPORTS / "tickets.xlsx"), "--mapping", str(EXPORTS / "mapping.toml"), "-o", "month.json"],
        ["month.json"],
    ),
]

BASE_ENV = {"PYTHONHASHSEED": "0", "TZ": "UTC", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}


def clean_env(**changes: str) -> dict[str, str]:
    """The inherited environment without anything that steers kefu-check or Python, plus `changes`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KEFU_CHECK_", "PYTHON", "LC_", "TZ", "LANG"))}
    return {**env, **BASE_ENV, **changes}


def run_script(args: list[str], env: dict[str, str], folder: Path, writes: list[str]) -> tuple[int, bytes, bytes, dict]:
    """(exit code, stdout, stderr, {written file: bytes}) of the real console script, in `folder`."""
    done = subprocess.run([str(SCRIPT), *args], cwd=folder, env=env, capture_output=True, timeout=120, check=False)
    return done.returncode, done.stdout, done.stderr, {name: (folder / name).read_bytes() for name in writes}


def run_all(env: dict[str, str]) -> dict[str, tuple]:
    """Every command of COMMANDS under `env`, each in a fresh folder."""
    out = {}
    for name, args, writes in COMMANDS:
        with tempfile.TemporaryDirectory() as tmp:
            out[name] = run_script(args, env, Path(tmp), writes)
    return out


@functools.cache
def baseline() -> dict[str, tuple]:
    """The reference run (hash seed 0, UTC, C.UTF-8), shared by the determinism and no-network tests."""
    return run_all(clean_env())
