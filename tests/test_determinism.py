"""Determinism (issue 6): the same files give byte-identical output whatever the hash seed, time zone or locale.

The real console script runs in subprocesses over several fixtures and every command (check in json, table,
junit, markdown and as a batch and with history; review; extract; analyze json and --html; facts).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from test_hostile_support import COMMANDS, baseline, clean_env, run_all

VARIANTS = {
    "hash seed 1, Shanghai, POSIX": clean_env(PYTHONHASHSEED="1", TZ="Asia/Shanghai", LC_ALL="POSIX", LANG="C"),
    "hash seed random, Kiritimati (UTC+14), C": clean_env(PYTHONHASHSEED="random", TZ="Pacific/Kiritimati", LC_ALL="C"),
    "hash seed 4242, Los Angeles (UTC-8), zh_CN": clean_env(
        PYTHONHASHSEED="4242", TZ="America/Los_Angeles", LC_ALL="zh_CN.UTF-8", LANG="zh_CN.UTF-8"
    ),
}


@pytest.fixture(scope="module")
def runs() -> dict[str, dict[str, tuple]]:
    with ThreadPoolExecutor(max_workers=len(VARIANTS)) as pool:
        return dict(zip(VARIANTS, pool.map(run_all, VARIANTS.values()), strict=True))


def test_the_reference_run_succeeds_for_every_command():
    for name, (code, out, err, files) in baseline().items():
        assert code in (0, 1), f"{name}: exit {code}: {err.decode()}"
        assert out or files, name
        assert all(files.values()), name


@pytest.mark.parametrize("variant", VARIANTS)
def test_output_is_byte_identical_across_hash_seeds_time_zones_and_locales(runs, variant):
    reference = baseline()
    for name, _, _ in COMMANDS:
        assert runs[variant][name] == reference[name], f"{name} differs under {variant}"

