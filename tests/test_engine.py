"""The durable-rules engine as kefu-check uses it: the patched build, isolation, failures surfaced, compiled once.

See ../shared/notes/durable-rules.md for what these guard against.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import WEEKDAYS_9_TO_6, contract_dict, invoice, merge, month_dict

from kefu_check import engine as engine_module
from kefu_check.check import check_file
from kefu_check.engine import RuleError, shared

# The reproduction of jruizgit/rules#381 (two rules joining on `m.amount > c.first.amount`), 40 two-fact
# cases in both orders, each in a fresh ruleset. The unpatched 2.0.28 build dies with SIGSEGV on it.
ISSUE_381 = textwrap.dedent(
    """
    from durable.lang import c, m, post, ruleset, when_all

    CASES = [(a, b, r) for a in (20, 60, 100, 250) for b in (1, 30, 200, 300) for r in (False, True)]
    CASES += [(75, 80, False), (75, 80, True), (51, 52, False), (51, 49, True),
              (11, 12, False), (11, 9, True), (500, 501, False), (500, 499, True)]
    hits = {}


    def define(n):
        def record(kind):
            def action(c):
                hits.setdefault(n, []).append(kind)
            return action

        with ruleset(f"metrics{n}"):
            when_all(c.first << (m.metric == "met-A") & (m.amount > 10),
                     c.second << (m.metric == "met-B") & (m.amount > c.first.amount))(record("gt"))
            when_all(c.first << (m.metric == "met-A") & (m.amount > 50),
                     c.second << (m.metric == "met-B") & (m.amount < c.first.amount))(record("lt"))


    for n, (a, b, reverse) in enumerate(CASES):
        define(n)
        facts = [{"metric": "met-A", "amount": a}, {"metric": "met-B", "amount": b}]
        for f in reversed(facts) if reverse else facts:
            post(f"metrics{n}", f)
    for n, (a, b, _) in enumerate(CASES):
        expected = (["gt"] if b > a else []) + (["lt"] if a > 50 and b < a else [])
        assert sorted(hits.get(n, [])) == expected, (n, a, b, hits.get(n))
    print(len(CASES), "cases ok")
    """
)


def test_issue_381_join_pattern_does_not_crash():
    """Run in a subprocess: a segfault must fail this test, not kill the test run."""
    done = subprocess.run(
        [sys.executable, "-W", "error::DeprecationWarning", "-c", ISSUE_381],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != -11, "SIGSEGV: durable-rules is not the patched build (jruizgit/rules#381)"
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "40 cases ok"


# --- isolation: many contract-months in one process ---------------------------------------------------------


def _cases() -> dict[str, tuple[dict, dict]]:
    hours = {
        "service_hours": dict(WEEKDAYS_9_TO_6),
        "availability": {"min_percent": "99.5", "year": "contract", "excluded_causes": ["client"]},
        "first_response": {"phone": {"within_seconds": 20, "target_ratio": "0.80"}},
        "satisfaction": {"min": "85"},
    }
    sla = contract_dict(standards=hours, remedies={"service_credit_percent": "5"})
    renewal = merge(
        contract_dict(),
        "term.renewal",
        {"auto": True, "objection_by": "notice_window", "notice_months": 1, "renew_months": 12},
    )
    return {
        "quiet": (contract_dict(), month_dict("2026-10")),
        "late": (contract_dict(), month_dict("2026-10", invoices=[invoice("2026-09", ("2026-10-25", "20000.00"))])),
        "suspension": (
            sla,
            month_dict(
                "2026-08",
                invoices=[invoice("2026-06", ("2026-08-18", "20000.00"))],
                suspensions=[{"start": "2026-08-14", "end": "2026-08-20", "notice_date": "2026-08-07"}],
            ),
        ),
        "sla": (
            sla,
            month_dict(
                "2026-10",
                first_response={"phone": {"requests": 100, "on_time": 50}},
                satisfaction={"score": "70"},
                outages=[
                    {
                        "id": "O",
                        "start": "2026-10-12T09:00:00+08:00",
                        "end": "2026-10-12T16:00:00+08:00",
                        "cause": "provider",
                    }
                ],
            ),
        ),
        "excused": (
            sla,
            month_dict(
                "2026-10",
                first_response={"phone": {"requests": 100, "on_time": 50}},
                cooperation_failures=[{"obligation": "contact", "from": "2026-10-03", "to": None}],
            ),
        ),
        "renewal": (
            renewal,
            month_dict(
                "2026-12",
                as_of="2027-01-05",
                notices=[{"date": "2026-12-01", "from": "client", "kind": "renewal_objection", "written": True}],
            ),
        ),
        "incident": (
            contract_dict(),
            month_dict(
                "2026-10",
                incidents=[
                    {
                        "id": "S",
                        "date": "2026-10-02",
                        "kind": "leak",
                        "at_fault": "provider",
                        "personal_information": True,
                        "loss": "100",
                    }
                ],
            ),
        ),
    }


def test_interleaved_evaluations_equal_evaluations_alone(kefu):
    paths = {}
    for name, (contract, month) in _cases().items():
        folder = kefu.dir / name
        folder.mkdir()
        kefu.write(f"{name}/contract.json", contract)
        paths[name] = kefu.write(f"{name}/month.json", month)
    alone = {name: check_file(path) for name, path in paths.items()}
    assert len({r.consequences for r in alone.values()}) == len(alone)  # the cases really differ
    order = [name for name in paths for _ in range(30)]
    random.Random(381).shuffle(order)
    for name in order[:200]:
        assert check_file(paths[name]) == alone[name], name


def test_sessions_are_deleted_after_each_evaluation():
    """durable-rules allows at most 1,024 live sessions per ruleset: 1,100 evaluations must all work."""
    facts = [{"type": "cooperation", "obligation": "info", "date": "2026-10-01", "ref": "x", "seq": 0}]
    for _ in range(1100):
        out = shared().evaluate(facts)
        assert [f["cid"] for f in out if f.get("type") == "consequence"] == ["client.cooperation_failure"]


# --- failures inside actions -------------------------------------------------------------------------------


CREDIT_TERMS = {"type": "credit_terms", "percent": "5", "fee": "20000", "fee_text": "20,000.00", "method": "fixed_monthly",
                "ref": "r", "seq": 0}  # fmt: skip


def test_exception_inside_an_action_surfaces_as_rule_error():
    """The service-credit action computes Decimal(percent): a non-number there fails inside durable-rules,
    which swallows it into the session state; evaluate() must raise it."""
    breach = {
        "type": "consequence",
        "cid": "sla.satisfaction",
        "subject": "",
        "date": "2026-10-31",
        "amount": "",
        "refs": ["satisfaction"],
        "clause": "2.1(4)",
        "params": {},
        "why": [],
        "excused_by": [],
        "excused": False,
        "wkey": "sla.satisfaction\x1f",
        "waived": "",
        "seq": 1,
    }
    with pytest.raises(RuleError):
        shared().evaluate([{**CREDIT_TERMS, "percent": "x", "fee": "y"}, breach])
    # the failed session leaves nothing behind: the next evaluation is clean
    ok = shared().evaluate([CREDIT_TERMS, breach])
    credits = [f for f in ok if f.get("cid") == "sla.service_credit"]
    assert [c["amount"] for c in credits] == ["1000.00"]


def test_rule_error_is_exit_3_without_traceback(kefu, monkeypatch):
    def broken(self, facts):
        raise RuleError("a rule failed: boom")

    monkeypatch.setattr(engine_module.Engine, "evaluate", broken)
    kefu.write("contract.json", contract_dict())
    run = kefu.run(kefu.write("month.json", month_dict("2026-10")))
    assert run.code == 3
    assert "Traceback" not in run.err
    assert len(run.err.strip().splitlines()) == 1


# --- compiled once ------------------------------------------------------------------------------------------


def test_engine_is_compiled_once_per_process(kefu):
    first = shared()
    kefu.check(contract_dict(), month_dict("2026-10"))
    assert shared() is first
    assert engine_module._ENGINE is first


def test_empty_fact_list():
    assert shared().evaluate([]) == []


# --- memory and identity defects of durable's C engine (issue 11 §1; docs/robustness.md) ----------------------
#
# Each test below was run against the wheel built from the previous patch (without the state.c fixes), the
# unzipped wheel first on PYTHONPATH (`PYTHONPATH=/tmp/site-old pytest tests/test_engine.py -k …`), and failed:
# 5 of 5 runs died with SIGSEGV (free() of garbage in deleteStateNode); valgrind reported 2 distinct
# uninitialised-value errors in deleteMessageFromFrame; the second colliding id raised MessageObservedException.
# With the patch: 5 of 5 runs exit 0, no valgrind error with a durable-rules frame, two facts.

ROOT = Path(__file__).resolve().parent.parent


def _memcheck():
    """scripts/memcheck.py, which reads valgrind's XML and tells durable-rules' errors from CPython's."""
    import importlib.util

    if "kefu_memcheck" not in sys.modules:
        spec = importlib.util.spec_from_file_location("kefu_memcheck", ROOT / "scripts" / "memcheck.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # its dataclasses look their module up there
        spec.loader.exec_module(module)
    return sys.modules["kefu_memcheck"]


def test_deleting_a_session_in_which_no_rule_fired_frees_nothing_uninitialised(tmp_path):
    """createStateNode left the session's action context uninitialised (the state pool is malloc'ed; only
    startAction set it) and deleteStateNode freed context.messages/stateFact when non-null. A month before
    the contract's term starts fires no rule, so the process's first session was deleted with heap garbage
    as those pointers. MALLOC_PERTURB_ makes that garbage non-null on every run (plain ASan misses it: the
    node is larger than its 4 KiB malloc fill). Several runs, each a fresh process: its first session."""
    contract = json.loads((ROOT / "fixtures" / "demo" / "contract.json").read_text(encoding="utf-8"))
    contract["term"]["start"] = "2026-03-01"
    (tmp_path / "contract.json").write_text(json.dumps(contract, ensure_ascii=False), encoding="utf-8")
    month = tmp_path / "month.json"
    month.write_text(
        json.dumps(
            {"schema": "kefu-check/month@1", "contract": "contract.json", "period": "2026-02", "as_of": "2026-03-01"}
        ),
        encoding="utf-8",
    )
    env = {**os.environ, "MALLOC_PERTURB_": "165"}
    runs = [
        subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys; from kefu_check.cli import main; main(sys.argv[1:])",
                "--format",
                "json",
                str(month),
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        for _ in range(5)
    ]
    assert [r.returncode for r in runs] == [0] * 5, [r.stderr[-300:] for r in runs if r.returncode]
    assert all(json.loads(r.stdout)["consequences"] == [] for r in runs)


FOLD = textwrap.dedent(
    """
    from durable import engine
    from durable.lang import c, m, ruleset, when_all


    class QuietHost(engine.Host):
        def _run(self):
            return None


    rules = ruleset("fold")
    with rules:
        @when_all(c.year << (m.type == "year"), c.piece << (m.type == "piece"))
        def fold(c):  # like rules/art2_standards.py's downtime_so_far: retracts both facts it matched
            c.retract_fact(c.piece)
            c.retract_fact(c.year)

        @when_all(m.type == "left")
        def keep(c):
            pass

    name, definition = rules.define()
    host = QuietHost({name: definition})
    for n in range(20):
        sid = str(n)
        host.assert_facts(name, [{"sid": sid, "type": t, "n": n} for t in ("year", "piece", "left")])
        assert [f["type"] for f in host.get_facts(name, sid)] == ["left"]
        host.delete_state(name, sid)
    print("20 folds ok")
    """
)


def test_an_action_retracting_two_of_its_facts_stays_inside_the_frame(tmp_path):
    """deleteMessageFromFrame counted occupied slots up to messageCount, but the slot zeroed by the first
    retraction no longer counts: the second one ran past the 16-slot messages[] into the next frame node
    (reading it, and writing 8 bytes where an offset matched). Seen under valgrind as a jump on
    uninitialised memory in deleteMessageFromFrame; required in CI (scripts/ensure-debian.sh)."""
    memcheck = _memcheck()
    if os.environ.get("KEFU_MEMCHECK"):
        pytest.skip("already running under valgrind (make memcheck)")
    if memcheck.valgrind() is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("valgrind is required in CI: scripts/ensure-debian.sh installs it")
        pytest.skip("valgrind is not installed (scripts/ensure-debian.sh)")
    script = tmp_path / "fold.py"
    script.write_text(FOLD, encoding="utf-8")
    xml = tmp_path / "valgrind.xml"
    done = subprocess.run(
        memcheck.valgrind_command(xml, sys.executable, str(script)),
        capture_output=True,
        text=True,
        env=memcheck.valgrind_env(),
        timeout=300,
    )
    assert done.returncode in (0, memcheck.ERROR_EXIT), done.stderr[-2000:]
    assert "20 folds ok" in done.stdout
    durable = memcheck.read_report(xml).durable
    assert durable == [], "\n".join(f.describe() for f in durable)


def _fnv1_32(text: str) -> int:
    """durable's fnv1Hash32 (state.c) of an ASCII id."""
    h = 0x811C9DC5
    for byte in text.encode("ascii"):
        h = ((h ^ byte) * 16777619) & 0xFFFFFFFF
    return h


# Found offline by a birthday search over f"fact-{n}" (the first collision is at n = 909,936; 2^32 hashes, so
# about 1 % of sessions with 10,000 facts hold a colliding pair).
COLLIDING = ("fact-25388", "fact-909936")


def test_two_facts_whose_ids_collide_are_two_facts():
    """storeMessage/getMessage identified a fact by fnv1Hash32(id) alone: the second of two ids with the same
    hash was 'already observed' (MessageObservedException) and retracting one could remove the other."""
    from durable import engine, lang

    assert _fnv1_32(COLLIDING[0]) == _fnv1_32(COLLIDING[1]) and COLLIDING[0] != COLLIDING[1]

    class QuietHost(engine.Host):
        def _run(self) -> None:
            return None

    rules = lang.ruleset("kefu-test-identity")
    with rules:
        lang.when_all(+lang.m.kind)(lambda c: None)
    name, definition = rules.define()
    lang._rulesets.pop(name, None)
    host = QuietHost({name: definition})
    a, b = ({"sid": "1", "id": i, "kind": k} for i, k in zip(COLLIDING, "ab", strict=True))
    host.assert_fact(name, a)
    host.assert_fact(name, b)
    assert sorted(f["kind"] for f in host.get_facts(name, "1")) == ["a", "b"]
    with pytest.raises(engine.MessageObservedException):  # the same id is still the same fact
        host.assert_fact(name, {"sid": "1", "id": COLLIDING[1], "kind": "b"})
    host.retract_fact(name, b)
    assert [f["kind"] for f in host.get_facts(name, "1")] == ["a"]
    host.retract_fact(name, a)
    assert host.get_facts(name, "1") == []
    host.delete_state(name, "1")


def test_a_state_an_action_changes_is_stored_and_an_unchanged_one_is_not_stored_again(monkeypatch):
    """The patch stores a session's state after an action only when the action changed it (storing it was a
    message parsed and matched after every action). A changed state must still reach the engine."""
    import durable_rules_engine
    from durable import engine, lang

    class QuietHost(engine.Host):
        def _run(self) -> None:
            return None

    rules = lang.ruleset("kefu-test-state")
    with rules:

        @lang.when_all(lang.m.kind == "count")
        def count(c):
            c.s.seen = (c.s.seen or 0) + 1

        @lang.when_all(lang.m.kind == "look")
        def look(c):
            pass

    name, definition = rules.define()
    lang._rulesets.pop(name, None)
    host = QuietHost({name: definition})
    stores: list[str] = []
    real = durable_rules_engine.update_state
    monkeypatch.setattr(durable_rules_engine, "update_state", lambda h, s: (stores.append(s), real(h, s))[1])
    host.assert_facts(name, [{"sid": "1", "kind": "look", "n": i} for i in range(3)])
    assert stores == []  # three actions, the state unchanged
    host.assert_facts(name, [{"sid": "1", "kind": "count", "n": i} for i in range(2)])
    assert len(stores) == 2 and host.get_state(name, "1")["seen"] == 2
    host.delete_state(name, "1")


def test_an_action_reads_its_facts_fields_as_attributes():
    """The patch keeps a matched fact's data as the attributes of its Content (a field read was a failed
    attribute lookup, then __getattr__). What an action reads must not change: a field, None for a field the
    fact lacks, a nested object as its items, a fact named like a closure's method leaving the method alone,
    and a field an action sets reaching the engine."""
    from durable import engine, lang

    class QuietHost(engine.Host):
        def _run(self) -> None:
            return None

    seen: list[object] = []
    rules = lang.ruleset("kefu-test-content")
    with rules:

        @lang.when_all(lang.c.first << (lang.m.kind == "a"), lang.c.post << (lang.m.kind == "b"))
        def read(c):
            seen.extend([c.first.n, c.first.missing, dict(c.first.params.items()), c.m, c.post.__func__.__name__])
            c.s.flag = "set"

    name, definition = rules.define()
    lang._rulesets.pop(name, None)
    host = QuietHost({name: definition})
    host.assert_facts(name, [{"sid": "1", "kind": "a", "n": 1, "params": {"x": 3}}, {"sid": "1", "kind": "b"}])
    assert seen == [1, None, {"x": 3}, None, "post"]
    assert host.get_state(name, "1")["flag"] == "set"
    host.delete_state(name, "1")
