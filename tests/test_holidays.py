"""`kefu-check holidays` (SPEC §8): the State Council's notices → the `--holidays` file, day by day against the package."""

from __future__ import annotations

import io
import json
import shutil
import sys
from datetime import date, timedelta
from pathlib import Path

import chinese_calendar
import pytest
from chinese_calendar import constants as cc
from conftest import run_main
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kefu_check.calendar import Calendar, HolidaysFileError
from kefu_check.holidays.files import arrangements, load_holidays_file

ROOT = Path(__file__).resolve().parents[1]
NOTICES = ROOT / "fixtures" / "holidays" / "notices"  # a copy of ../shared/notices
OURS = ROOT / "fixtures" / "holidays"
ONE = timedelta(days=1)

# one year: its notices in order (later ones amend)
GROUPS = {
    2010: [NOTICES / "2010.txt"],
    2011: [NOTICES / "2011.txt"],
    2012: [NOTICES / "2012.txt"],
    2013: [NOTICES / "2013.txt"],
    2015: [NOTICES / "2015.txt", NOTICES / "2015-victory-day.txt"],
    2017: [NOTICES / "2017.txt"],
    2019: [NOTICES / "2019.txt", NOTICES / "2019-amendment-labour-day.txt"],
    2020: [OURS / "2020.txt", OURS / "2020-extension.txt"],
    2021: [NOTICES / "2021.txt"],
    2023: [NOTICES / "2023.txt"],
    2024: [OURS / "2024.txt"],  # its 春节 line ends 鼓励各单位…安排职工在除夕(2月9日)休息: advice, 2月9日 a working day
    2025: [NOTICES / "2025.txt"],
}
# the last days of a year that the *next* year's notice fixes (its 元旦 block), so this year's notice cannot know
FIXED_BY_NEXT_NOTICE = {
    2011: {date(2011, 12, 31)},  # 2012: 2011年12月31日(星期六)上班
    2017: {date(2017, 12, 30), date(2017, 12, 31)},  # 2018: 元旦 1月1日 (Mon), with the weekend before
    2023: {date(2023, 12, 30), date(2023, 12, 31)},  # 2024: 元旦 1月1日 (Mon), with the weekend before
}

needs_notices = pytest.mark.skipif(not NOTICES.is_dir(), reason="../shared/notices is not here")


def run(capsys, *args: str, stdin: bytes | None = None, monkeypatch=None) -> tuple[int, str, str]:
    if stdin is not None:
        assert monkeypatch is not None
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    return run_main(capsys, *args)


# --------------------------------------------------------------------------- the oracle: package + SPEC block rule


def _package_off(d: date) -> bool:
    return d in cc.holidays or (d.weekday() >= 5 and d not in cc.workdays)


def block_rule_off(d: date) -> bool:
    """SPEC §2 on the package's data: listed holidays, and weekend days whose run of days off holds a
    listed holiday on a weekday (written here independently of kefu_check)."""
    if d in cc.holidays:
        return True
    if d.weekday() < 5 or d in cc.workdays:
        return False
    run = [d]
    for step in (ONE, -ONE):
        x = d + step
        while _package_off(x):
            run.append(x)
            x += step
    return any(x in cc.holidays and x.weekday() < 5 for x in run)


def days_of(doc: dict) -> tuple[set[date], set[date]]:
    before = doc.get("before", {})
    off = {date.fromisoformat(x) for x in doc["holidays"] + before.get("holidays", [])}
    on = {date.fromisoformat(x) for x in doc["workdays"] + before.get("workdays", [])}
    return off, on


@needs_notices
@pytest.mark.parametrize("year", sorted(GROUPS))
def test_notice_gives_the_package_working_days_and_the_block_rule_days_off(capsys, tmp_path, year):
    out = tmp_path / f"{year}.json"
    code, table, err = run(capsys, "holidays", *map(str, GROUPS[year]), "-o", str(out))
    assert code == 0, err
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["year"] == year
    off, on = days_of(doc)
    compared = 0
    d = date(year, 1, 1)
    while d.year == year:
        if d not in FIXED_BY_NEXT_NOTICE.get(year, set()):
            mine_working = d in on or (d.weekday() < 5 and d not in off)
            assert mine_working == chinese_calendar.is_workday(d), d
            assert (d in off) == block_rule_off(d), d
            compared += 1
        d += ONE
    for d in off | on:  # the days the notice fixes in December of the year before
        if d.year < year:
            assert (d in on or (d.weekday() < 5 and d not in off)) == chinese_calendar.is_workday(d), d
            assert (d in off) == block_rule_off(d), d
    assert compared >= 363
    assert str(year) in table and ("共N天" in table)


@pytest.mark.parametrize("cut", ["", "\n", "\n(二)"])
def test_advice_to_employers_is_no_day_off(capsys, tmp_path, cut):
    """The 2024 notice encourages employers to give 除夕 (2月9日) off; the notice's days stay 10–17 (共8天), 9
    February a working day — also when the sentence was pasted onto a line of its own."""
    text = (OURS / "2024.txt").read_text(encoding="utf-8").replace("鼓励各单位", cut + "鼓励各单位")
    notice = tmp_path / "2024.txt"
    notice.write_text(text, encoding="utf-8")
    out = tmp_path / "2024.json"
    code, _, err = run(capsys, "holidays", str(notice), "-o", str(out))
    assert code == 0, err
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert [d for d in doc["holidays"] if d.startswith("2024-02")] == [f"2024-02-{n}" for n in range(10, 18)]
    assert "2024-02-04" in doc["workdays"] and "2024-02-18" in doc["workdays"]


@needs_notices
def test_the_calendar_block_rule_agrees_where_it_is_implemented(capsys, tmp_path):
    cal = Calendar()
    for year, notices in GROUPS.items():
        out = tmp_path / f"{year}.json"
        assert run(capsys, "holidays", *map(str, notices), "-o", str(out))[0] == 0
        off, _ = days_of(json.loads(out.read_text(encoding="utf-8")))
        for d in off:
            assert cal.is_holiday(d) == block_rule_off(d), d


@needs_notices
def test_before_key_and_the_files_load(capsys, tmp_path):
    docs = {}
    for year, notices in GROUPS.items():
        out = tmp_path / f"{year}.json"
        assert run(capsys, "holidays", *map(str, notices), "-o", str(out))[0] == 0
        docs[year] = json.loads(out.read_text(encoding="utf-8"))
    assert docs[2019]["before"] == {"holidays": ["2018-12-30", "2018-12-31"], "workdays": ["2018-12-29"]}
    assert docs[2012]["before"] == {"holidays": [], "workdays": ["2011-12-31"]}
    assert docs[2017]["before"] == {"holidays": ["2016-12-31"], "workdays": []}
    assert docs[2023]["before"] == {"holidays": ["2022-12-31"], "workdays": []}
    assert "before" not in docs[2021]
    # 2019 amended: 劳动节 5月1日至4日, 4月28日 and 5月5日 worked
    assert {"2019-05-01", "2019-05-04"} <= set(docs[2019]["holidays"]) and "2019-05-05" in docs[2019]["workdays"]
    # 2015: the Victory Day supplement adds 9-03…9-05 and the Sunday 9-06 worked
    assert {"2015-09-03", "2015-09-04", "2015-09-05"} <= set(docs[2015]["holidays"])
    assert "2015-09-06" in docs[2015]["workdays"]
    # 2020 extended: Spring Festival to 2-02, so Saturday 2-01 is no longer worked
    assert "2020-02-01" in docs[2020]["holidays"] and "2020-02-01" not in docs[2020]["workdays"]
    for year in docs:
        if year != 2011:
            load_holidays_file(tmp_path / f"{year}.json")  # agrees with the package
    # 2011's own notice cannot know 2011-12-31 was worked: alone it disagrees, with 2012's file it agrees
    with pytest.raises(HolidaysFileError, match="2011-12-31"):
        load_holidays_file(tmp_path / "2011.json")
    years = arrangements([tmp_path / "2011.json", tmp_path / "2012.json"])
    assert date(2011, 12, 31) in years[0].workdays


# --------------------------------------------------------------------------- wordings and inputs


def test_stdin_gb18030_and_full_width_or_ascii(capsys, monkeypatch, tmp_path):
    text = (
        "国务院办公厅关于2027年部分节假日安排的通知\n"
        "一、元旦:1月1日(周五)至3日(周日)放假,共3天。\n"
        "二、春节:2月6日至12日放假调休,共7天。2月13日(星期六)上班。\n"
    )
    code, out, err = run(capsys, "holidays", "-", stdin=text.encode(), monkeypatch=monkeypatch)
    assert code == 0, err
    doc = json.loads(out)
    assert doc["holidays"][:3] == ["2027-01-01", "2027-01-02", "2027-01-03"]
    assert doc["workdays"] == ["2027-02-13"]
    assert "春节" in err  # the table goes to stderr when the JSON goes to stdout
    ascii_text = text.replace(":", ":").replace(",", ",").replace("(", "(").replace(")", ")").replace("。", ".")
    p = tmp_path / "gb.txt"
    p.write_bytes(ascii_text.encode("gb18030"))
    code, out2, err = run(capsys, "holidays", str(p), "--lang", "en")
    assert code == 0, err
    assert json.loads(out2) == doc
    assert "Spring Festival" in err


def test_docx(capsys, tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in (
        "国务院办公厅关于2027年部分节假日安排的通知",
        "一、元旦:1月1日(周五)至3日(周日)放假,共3天。",
        "二、劳动节:5月1日(星期六)至5日(星期三)放假调休,共5天。4月25日(星期日)、5月8日(星期六)上班。",
    ):
        document.add_paragraph(line)
    p = tmp_path / "notice.docx"
    document.save(str(p))
    code, out, err = run(capsys, "holidays", str(p))
    assert code == 0, err
    assert json.loads(out)["workdays"] == ["2027-04-25", "2027-05-08"]


def test_previous_december_and_single_days(capsys, tmp_path):
    p = tmp_path / "n.txt"
    p.write_text(
        "国务院办公厅关于2030年部分节假日安排的通知\n"
        "一、元旦:2029年12月30日至2030年1月1日放假调休,共3天。2029年12月29日(星期六)上班。\n"
        "二、清明节:4月5日放假,与周末连休。\n"
        "三、端午节:6月2日放假,6月3日(星期一)补休。\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "holidays", str(p))
    assert code == 0, err
    doc = json.loads(out)
    assert doc["before"] == {"holidays": ["2029-12-30", "2029-12-31"], "workdays": ["2029-12-29"]}
    assert {"2030-04-05", "2030-04-06", "2030-04-07"} <= set(doc["holidays"])  # Friday with its weekend
    assert {"2030-06-01", "2030-06-02", "2030-06-03"} <= set(doc["holidays"])  # Sunday, the Saturday, Monday 补休


# a notice pasted from a web page or a wrapped PDF: a sentence broken across lines. Each was a silent misread
# (old result in the comment); the whole year must now give the package's working days.
BROKEN = {
    2010: (  # old: 元旦 dropped (neither half a block line), 2010-01-01 a working day
        "国务院办公厅关于2010年部分节假日安排的通知\n一、元旦:1月1日至3\n\n日放假公休,共3天。\n"
        "二、春节:2月13日至19日放假调休,共7天。2月20日(星期六)、21日(星期日)上班。\n"
        "三、清明节:4月3日至5日放假公休,共3天。\n四、劳动节:5月1日至3日放假公休,共3天。\n"
        "五、端午节:6月14日至16日放假调休,共3天。6月12日(星期六)、13日(星期日)上班。\n"
        "六、中秋节:9月22日至24日放假调休,共3天。9月19日(星期日)、25日(星期六)上班。\n"
        "七、国庆节:10月1日至7日放假调休,共7天。9月26日(星期日)、10月9日(星期六)上班。\n"
    ),
    2011: (  # old: 2011-04-02, the 调休 Saturday, a day off (4月2 is no date, 日(星期六)上班 no block line)
        "国务院办公厅关于2011年部分节假日安排的通知\n一、元旦:1月1日至3日放假公休,共3天。\n"
        "二、春节:2月2日(农历除夕)至8日放假调休,共7天。1月30日(星期日)、2月12日(星期六)上班。\n"
        "三、清明节:4月3日至5日放假调休,共3天。4月2\n日(星期六)上班。\n四、劳动节:4月30日至5月2日放假公休,共3天。\n"
        "五、端午节:6月4日至6日放假公休,共3天。\n六、中秋节:9月10日至12日放假公休,共3天。\n"
        "七、国庆节:10月1日至7日放假调休,共7天。10月8日(星期六)、10月9日(星期日)上班。\n"
    ),
    2025: (  # old: 端午节 dropped (6-02 a working day): 周 / 一) — 一) is no ordinal inside an open parenthesis
        "国务院办公厅关于2025年部分节假日安排的通知\n一、元旦:1月1日(周三)放假1天,不调休。\n"
        "二、春节:1月28日(农历除夕、周二)至2月4日(农历正月初七、周二)放假调休,共8天。1月26日(周日)、2月8日(周六)上班。\n"
        "三、清明节:4月4日(周五)至6日(周日)放假,共3天。\n"
        "四、劳动节:5月1日(周四)至5日(周一)放假调休,共5天。4月27日(周日)上班。\n"
        "五、端午节:5月31日(周六)至6月2日(周\n一)放假,共3天。\n"
        "六、国庆节、中秋节:10月1日(周三)至8日(周三)放假调休,共8天。9月28日(周日)、10月11日(周六)上班。\n"
        "国务院办公厅\n2024年11月12日\n"
    ),
}


@pytest.mark.parametrize("year", sorted(BROKEN))
def test_a_sentence_broken_across_lines_is_read_whole(capsys, tmp_path, year):
    p = tmp_path / f"{year}.txt"
    p.write_text(BROKEN[year], encoding="utf-8")
    code, out, err = run(capsys, "holidays", str(p))
    assert code == 0, err
    off, on = days_of(json.loads(out))
    d = date(year, 1, 1)
    while d.year == year:
        if d not in FIXED_BY_NEXT_NOTICE.get(year, set()):
            assert (d in on or (d.weekday() < 5 and d not in off)) == chinese_calendar.is_workday(d), d
        d += ONE


# --------------------------------------------------------------------------- refusals


def test_a_day_written_with_hao_is_refused(capsys, tmp_path):
    # old: 2月3号(星期日) was no date: 2019-02-03 lost from the working days and joined to 春节 as a day off, exit 0
    p = tmp_path / "n.txt"
    p.write_text("国务院办公厅关于2019年部分节假日安排的通知\n国办发明电〔2018〕15号\n"
                 "二、春节:2月4日至10日放假调休,共7天。2月2日(星期六)、2月3号(星期日)上班。\n", encoding="utf-8")
    code, _out, err = run(capsys, "holidays", str(p))
    assert code == 2 and "2月3号" in err and err.count("\n") == 1, err


def _tampered(tmp_path: Path, name: str, old: str, new: str) -> Path:
    text = (NOTICES / name).read_text(encoding="utf-8")
    assert old in text
    p = tmp_path / name
    p.write_text(text.replace(old, new, 1), encoding="utf-8")
    return p


@needs_notices
@pytest.mark.parametrize(
    ("name", "old", "new", "words"),
    [
        ("2019.txt", "2月2日(星期六)", "2月2日(星期日)", ["星期日", "2019-02-02", "星期六"]),
        ("2025.txt", "1月1日(周三)", "1月1日(周四)", ["周四", "2025-01-01"]),
        ("2013.txt", "2月9日至15日放假调休,共7天", "2月9日至15日放假调休,共8天", ["共8天", "7"]),
        ("2019.txt", "10月12日(星期六)上班", "10月11日(星期五)上班", ["2019-10-11", "星期五"]),
        ("2017.txt", "1月1日放假,1月2日(星期一)补休", "1月1日放假,1月2日(星期二)补休", ["星期二"]),
    ],
)
def test_tampered_notice_is_refused_with_the_line_quoted(capsys, tmp_path, name, old, new, words):
    p = _tampered(tmp_path, name, old, new)
    line = next(x for x in p.read_text(encoding="utf-8").splitlines() if new in x)
    number = p.read_text(encoding="utf-8").splitlines().index(line) + 1
    code, out, err = run(capsys, "holidays", str(p), "-o", str(tmp_path / "out.json"))
    assert code == 2 and out == ""
    assert err.count("\n") == 1
    assert f"{name}:{number}: " in err and line in err
    for w in words:
        assert w in err
    assert not (tmp_path / "out.json").exists()
    code, _, err_en = run(capsys, "holidays", str(p), "--lang", "en")
    assert code == 2 and line in err_en and err_en.count("\n") == 1


@needs_notices
def test_notice_without_a_year_is_refused(capsys, tmp_path):
    p = _tampered(tmp_path, "2010.txt", "国务院办公厅关于2010年部分节假日安排的通知", "")
    code, _, err = run(capsys, "holidays", str(p))
    assert code == 2 and "2010.txt" in err and "年份" in err and "--year" in err
    code, _, err = run(capsys, "holidays", str(p), "--year", "2010")
    assert code == 0, err
    # the supplement names no year of its own: alone it is refused, after the 2015 notice it is read in 2015
    code, _, err = run(capsys, "holidays", str(NOTICES / "2015-victory-day.txt"), "--lang", "en")
    assert code == 2 and "no year" in err
    code, _, err = run(capsys, "holidays", str(NOTICES / "2019.txt"), str(NOTICES / "2021.txt"), "--lang", "en")
    assert code == 2 and "different years" in err


def test_no_arrangement_and_unreadable(capsys, tmp_path):
    p = tmp_path / "x.txt"
    p.write_text("国务院办公厅关于2027年部分节假日安排的通知\n各省、自治区、直辖市人民政府:\n", encoding="utf-8")
    assert run(capsys, "holidays", str(p))[0] == 2
    assert run(capsys, "holidays", str(tmp_path / "missing.txt"))[0] == 2
    assert run(capsys, "holidays", str(tmp_path))[0] == 2


def test_output_never_overwrites_the_notice(capsys, tmp_path):
    if not NOTICES.is_dir():
        pytest.skip("no notices")
    p = tmp_path / "2019.txt"
    shutil.copy(NOTICES / "2019.txt", p)
    code, _, _ = run(capsys, "holidays", str(p), "-o", str(p))
    assert code == 2 and p.read_text(encoding="utf-8") == (NOTICES / "2019.txt").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- generated notices round-trip

WD = "一二三四五六日"
FULL = {"colon": ":", "comma": ",", "stop": "。", "open": "(", "close": ")"}
HALF = {"colon": ":", "comma": ",", "stop": ".", "open": "(", "close": ")"}
NAMES = ["元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"]
ORDINALS = ["一、", "二、", "三、", "四、", "五、", "六、", "七、"]


@st.composite
def notices(draw):
    """An arrangement (one block a month, Feb–Nov) and a notice text for it in random wordings."""
    year = draw(st.integers(2000, 2150))
    p = draw(st.sampled_from([FULL, HALF]))
    months = sorted(draw(st.lists(st.integers(2, 11), min_size=1, max_size=7, unique=True)))
    lines = [f"国务院办公厅关于{year}年部分节假日安排的通知"] if draw(st.booleans()) else []
    named: set[date] = set()
    work: set[date] = set()

    def wk(d: date) -> str:
        style = draw(st.sampled_from(["", "星期", "周", "农历"]))
        if style == "农历":  # 2025's (农历除夕、周二)
            return f"{p['open']}农历初一、周{WD[d.weekday()]}{p['close']}"
        return f"{p['open']}{style}{WD[d.weekday()]}{p['close']}" if style else ""

    def day(d: date, prev: date | None) -> str:
        y = f"{year}年" if (prev is None and not lines and not named) else ""
        if prev is not None and prev.month == d.month and draw(st.booleans()):
            return f"{d.day}日{wk(d)}"
        return f"{y}{d.month}月{d.day}日{wk(d)}"

    for k, m in enumerate(months):
        kind = draw(st.sampled_from(["range", "single", "joins", "makeup"]))
        start = date(year, m, draw(st.integers(3, 18)))
        text: str
        if kind == "range":
            length = draw(st.integers(2, 8))
            days = [start + ONE * i for i in range(length)]
            if all(d.weekday() >= 5 for d in days):
                days.append(days[-1] + ONE)
            text = f"{day(days[0], None)}至{day(days[-1], days[0])}放假{draw(st.sampled_from(['调休', '', '公休']))}"
            text += f"{p['comma']}共{len(days)}天"
        elif kind == "single":
            while start.weekday() >= 4 or start.weekday() == 0:
                start += ONE
            days = [start]
            text = f"{day(start, None)}放假" + draw(st.sampled_from([f"{p['comma']}共1天", "1天", ""]))
        elif kind == "joins":
            while start.weekday() not in (0, 4):
                start += ONE
            days = [start]
            text = f"{day(start, None)}放假{p['comma']}与周末连休"
        else:  # a holiday on Saturday or Sunday, the Monday after it 补休
            while start.weekday() < 5:
                start += ONE
            monday = start + ONE * (7 - start.weekday())
            days = [start, monday]
            text = f"{day(start, None)}放假{p['comma']}{day(monday, start)}补休"
        named.update(days)
        adjusted = []
        for sign in draw(st.lists(st.sampled_from([-1, 1]), max_size=2, unique=True)):
            edge = min(days) - ONE * 3 if sign < 0 else max(days) + ONE * 3
            while edge.weekday() < 5:
                edge += ONE * sign
            if edge.month == m and edge not in named:
                adjusted.append(edge)
        if kind in ("joins", "makeup"):
            adjusted = []
        if adjusted:
            adjusted.sort()
            work.update(adjusted)
            listed = "、".join(day(d, adjusted[i - 1] if i else None) for i, d in enumerate(adjusted))
            text += f"{p['stop']}{listed}上班"
        name = draw(st.sampled_from([NAMES[k], f"{NAMES[k]}、{NAMES[(k + 1) % 7]}"]))  # 中秋节、国庆节
        lines.append(f"{ORDINALS[k]}{name}{p['colon']}{text}{p['stop']}")
    if not lines[0].startswith("国务院"):
        first = lines[0]
        assert f"{year}年" in first
    return year, "\n".join(lines) + "\n", named, work


def expected_off(named: set[date], work: set[date]) -> set[date]:
    def off(x: date) -> bool:
        return x in named or (x.weekday() >= 5 and x not in work)

    out = set(named)
    for w in {d + ONE * i for d in named for i in range(-3, 4)}:
        if w.weekday() >= 5 and w not in work and w not in named:
            run = [w]
            for step in (ONE, -ONE):
                x = w + step
                while off(x):
                    run.append(x)
                    x += step
            if any(x in named and x.weekday() < 5 for x in run):
                out.add(w)
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(notices())
def test_generated_notices_round_trip(generated):
    from kefu_check.holidays.command import arrangement_of

    year, text, named, work = generated
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        p = Path(folder) / "n.txt"
        p.write_text(text, encoding="utf-8")
        doc = arrangement_of([str(p)], None, "zh").document()
    assert doc["year"] == year
    off = expected_off(named, work)
    assert doc["holidays"] == sorted(d.isoformat() for d in off if d.year == year), text
    assert doc["workdays"] == sorted(d.isoformat() for d in work), text
