"""The durable-rules engine as kefu-check uses it: the patched build, isolation, failures surfaced, compiled once.

See ../shared/notes/durable-rules.md for what these guard against.
"""

from __future__ import annotations

import random
import subprocess
import sys
import textwrap

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
    facts = [{"t": "cooperation", "obligation": "info", "date": "2026-10-01", "ref": "x", "n": 0}]
    for _ in range(1100):
        out = shared().evaluate(facts)
        assert [f["cid"] for f in out if f.get("t") == "consequence"] == ["client.cooperation_failure"]


# --- failures inside actions -------------------------------------------------------------------------------


CREDIT_TERMS = {"t": "credit_terms", "percent": "5", "fee": "20000", "fee_text": "20,000.00", "method": "fixed_monthly",
                "ref": "r", "n": 0}  # fmt: skip


def test_exception_inside_an_action_surfaces_as_rule_error():
    """The service-credit action computes Decimal(percent): a non-number there fails inside durable-rules,
    which swallows it into the session state; evaluate() must raise it."""
    breach = {
        "t": "consequence",
        "cid": "sla.satisfaction",
        "subject": "",
        "date": "2026-10-31",
        "amount": "",
        "ref": "satisfaction",
        "params": {},
        "why": [],
        "excused_by": [],
        "excused": False,
        "wkey": "sla.satisfaction\x1f",
        "waived": "",
        "n": 1,
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
