"""The durable-rules engine, compiled once per process, one isolated session per evaluation.

Measured on this machine (`../shared/notes/durable-rules.md`): the stock `Host` starts timer threads
that may run actions concurrently with ours, so `QuietHost` runs none; rulesets cannot be deleted, so
the rule set is compiled once; each evaluation gets its own session id, deleted in `finally`; an
exception raised inside an action would be swallowed into the session state, so each action is guarded and
its exception raised after the evaluation. durable's alpha network finds a fact's tests by the hash of a
property's name and then compares values one node at a time, so a fact's `type` was compared with the
first test of every type's rules; each fact therefore also carries a property named after its type
(`TYPE_TAG`), which the rules' first test looks for (`_dispatch_by_type`) before comparing the type itself.
"""

from __future__ import annotations

import contextlib
import itertools
import threading
from collections.abc import Callable
from typing import Any

RULESET = "kefu-check"


class RuleError(RuntimeError):
    """An action of the rule set failed: a bug in kefu-check, never an input problem."""


class _FastJson:
    """What durable-rules' Python layer uses of `json` (dumps with ensure_ascii=False, loads), by orjson.

    durable passes every fact, every matched message and the session state through JSON on each action;
    with the standard library that was a third of an evaluation. orjson writes UTF-8 (as ensure_ascii=False
    does) and reads the same documents; an object orjson cannot encode falls back to the standard library."""

    def __init__(self) -> None:
        import json

        import orjson

        self._orjson, self._json = orjson, json
        self.loads = orjson.loads

    def dumps(self, obj: Any, **kwargs: Any) -> str:
        try:
            return self._orjson.dumps(obj).decode()
        except TypeError:
            return self._json.dumps(obj, **kwargs)


class Engine:
    """The compiled rule set of `rules/`, ready to evaluate fact lists."""

    def __init__(self) -> None:
        from durable import engine, lang

        from kefu_check.rules import ARTICLES

        engine.json = _FastJson()  # type: ignore[attr-defined]

        class QuietHost(engine.Host):
            def _run(self) -> None:  # no background dispatch threads: actions run only in our calls
                return None

        ruleset = lang.ruleset(RULESET)
        with ruleset:
            for article in ARTICLES:
                for rule in article.rules:
                    lang.when_all(lang.pri(rule.priority), *rule.conditions)(self._guarded(rule.action))
            # every fact must be matched by some rule, or durable-rules refuses it; this one never fires
            lang.when_all(+lang.m.type, lang.m.type == "\x00never")(_never)
        name, definition = ruleset.define()
        lang._rulesets.pop(name, None)  # keep durable's global registry out of it
        _dispatch_by_type(definition)
        self._host = QuietHost({name: definition})
        compiled = self._host.get_ruleset(name)  # what an action asserts or retracts carries its type's tag too
        assert_fact, retract_fact = compiled.assert_fact, compiled.retract_fact
        compiled.assert_fact = lambda fact: assert_fact(_tagged(fact))
        compiled.retract_fact = lambda fact: retract_fact(_tagged(fact))
        self._ids = itertools.count(1)
        self._lock = threading.Lock()

    _failure: str | None = None

    def _guarded(self, action: Callable[[Any], None]) -> Callable[[Any], None]:
        """The action, its exception kept here: durable-rules would swallow it into the session state, which
        would then have to be fetched (and decoded) after every evaluation to look for it."""

        def run(c: Any) -> None:
            try:
                action(c)
            except BaseException as error:
                if self._failure is None:
                    self._failure = f"{type(error).__name__}: {error} (in {action.__name__})"

        run.__name__ = getattr(action, "__name__", "action")
        return run

    def evaluate(self, facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Assert the facts in a fresh session, let the rules fire, return every fact left at the end."""
        if not facts:
            return []
        with self._lock:
            sid = str(next(self._ids))
            self._failure = None
            try:
                self._host.assert_facts(RULESET, [_tagged({**f, "sid": sid}) for f in facts])
                if self._failure is not None:
                    raise RuleError(f"a rule failed: {self._failure}")
                return self._host.get_facts(RULESET, sid)
            finally:
                with contextlib.suppress(Exception):  # a session that never started has nothing to delete
                    self._host.delete_state(RULESET, sid)


TYPE_TAG = "type:"  # + the fact's type: the property the rules' first test looks for


def _tagged(fact: Any) -> Any:
    """A fact (as a dict) with its type's tag, added if missing."""
    if isinstance(fact, dict) and "type" in fact:
        fact.setdefault(TYPE_TAG + fact["type"], 1)
    return fact


def _dispatch_by_type(definition: dict[str, Any]) -> None:
    """Each condition that starts by comparing the fact's type (`m.type == "invoice"`, every one of ours) starts
    by looking for the type's tag instead, then compares the type as before: the meaning is the same, and
    durable's alpha network reaches a fact's own rules by the tag's name instead of trying every type's."""
    for rule in definition.values():
        for condition in rule.get("all", ()):
            for alias, tests in condition.items():
                each = tests.get("$and", [tests])
                if len(each[0]) == 1 and isinstance(each[0].get("type"), str):
                    condition[alias] = {"$and": [{"$ex": {TYPE_TAG + each[0]["type"]: 1}}, *each]}


def _never(c: Any) -> None:  # pragma: no cover - its condition never holds
    raise AssertionError("the catch-all rule fired")


_ENGINE: Engine | None = None


def shared() -> Engine:
    """The process's engine (compiled on first use)."""
    global _ENGINE
    if _ENGINE is None:
        _ENGINE = Engine()
    return _ENGINE
