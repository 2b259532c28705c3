"""Properties of review: it never fails on a damaged agreement, and the term arithmetic is exact."""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from test_review_support import FILLED

from kefu_check.errors import InputError
from kefu_check.periods import add_months
from kefu_check.review.findings import review_contract, whole_months
from kefu_check.review.inputs import load_for_review

TEXT = FILLED.read_text(encoding="utf-8")
NOISE = st.text(alphabet="[]【】()()::,,。;%¥0123456789一二三十百千万点个月日年元整壹贰叁\n ", max_size=12)


@settings(max_examples=150, deadline=None)
@given(st.integers(0, len(TEXT)), st.integers(0, 40), NOISE)
def test_a_damaged_agreement_is_reviewed_or_refused_never_a_crash(at, cut, noise):
    text = TEXT[:at] + noise + TEXT[at + cut :]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "a.txt"
        path.write_text(text, encoding="utf-8")
        try:
            contract, source = load_for_review(path)
        except InputError:
            return
        review = review_contract(contract, source, path.name, "en")
    assert all(f.location.clause is not None for f in review.findings)
    assert sum(review.summary.values()) == len(review.findings)


@given(st.dates(date(1990, 1, 1), date(2150, 12, 31)), st.integers(1, 240))
def test_whole_months_of_a_term_of_k_months_is_k(start, k):
    assert whole_months(start, add_months(start, k) - timedelta(days=1)) == k


@given(st.dates(date(1990, 1, 1), date(2150, 12, 31)), st.integers(0, 800))
def test_whole_months_is_none_or_exact(start, days):
    end = start + timedelta(days=days)
    months = whole_months(start, end)
    assert months is None or add_months(start, months) == end + timedelta(days=1)
