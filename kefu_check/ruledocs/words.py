"""Every label and sentence the rule-docs commands print, in Chinese and English (lang → key → template)."""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "zh": {
        "id": "编号",
        "clause": "条款",
        "kind": "类型",
        "severity": "级别",
        "party": "当事方",
        "meaning": "含义",
        "parties": "{party} → {counterparty}",
        "no_party": "—",
        "heading": "{id}({title})",
        "facts": "条款 {clause} · 类型 {kind} · 级别 {severity} · 当事方 {parties}",
        "clause_text": "条款原文",
        "quote": "第 {clause} 条:“{quote}”",
        "no_quote": "本项不出自协议条款,而来自月度文件中的豁免(SPEC §2.2)。",
        "meaning_heading": "含义",
        "trigger": "何时触发",
        "why": "为何重要",
        "example": "示例",
        "example_run": "运行 `kefu-check {month}` 的结果:",
        "inputs": "相关输入:",
        "excused": "(已免责:{by})",
        "amount": "金额 {amount} 元",
        "no_example": "本节示例需要源代码中的 fixtures/{fixture}(当前安装中没有)。",
        "unknown": "未知的法律后果编号 {id!r}",
        "did_you_mean": ";是否指:{matches}",
        "see_all": ";运行 `kefu-check rules` 查看全部",
        "doc_title": "法律后果说明",
        "doc_intro": "每个法律后果编号一页:条款原文、触发条件、重要性和来自 fixtures 的实例。",
        "doc_how": (
            "每个法律后果与引发它的规则一同声明于 `rules/`:条款、类型、级别、当事方、含义、触发条件和重要性;"
            "条款原文是这些规则引用的协议模板原文(方括号内为模板的空白);"
            "示例是对所列 fixture 实际运行月度检查的输出,与 `expected.json` 一致。"
            "命令行 `kefu-check explain 编号` 打印同一页,`kefu-check rules` 打印索引。"
        ),
        "index": "索引",
    },
    "en": {
        "id": "id",
        "clause": "clause",
        "kind": "kind",
        "severity": "severity",
        "party": "party",
        "meaning": "meaning",
        "parties": "{party} → {counterparty}",
        "no_party": "—",
        "heading": "{id} ({title})",
        "facts": "clause {clause} · kind {kind} · severity {severity} · parties {parties}",
        "clause_text": "Clause text",
        "quote": "{clause}: “{quote}”",
        "no_quote": "Not a clause of the agreement: it comes from the waivers in the month file (SPEC §2.2).",
        "meaning_heading": "What it means",
        "trigger": "When it is raised",
        "why": "Why it matters",
        "example": "Example",
        "example_run": "`kefu-check --lang en {month}` gives:",
        "inputs": "Inputs that matter:",
        "excused": " (excused by {by})",
        "amount": "amount {amount} CNY",
        "no_example": "This example needs fixtures/{fixture} from the source tree (not in this installation).",
        "unknown": "unknown consequence id {id!r}",
        "did_you_mean": "; did you mean: {matches}",
        "see_all": "; run `kefu-check rules` for the list",
        "doc_title": "Consequences",
        "doc_intro": "One page per consequence id: the clause text, what raises it, why it matters, and a fixture run.",
        "doc_how": (
            "Each consequence is declared in `rules/` beside the rule that raises it: clause, kind, severity, "
            "parties, meaning, trigger and why; the clause text is the agreement template's own words that those "
            "rules quote (brackets are the template's blanks). Each example is the monthly "
            "check run on the fixture it names, identical to that fixture's `expected.json`. "
            "`kefu-check explain ID` prints the same page, `kefu-check rules` the index."
        ),
        "index": "Index",
    },
}

# the catalogue's kinds (party and severity labels are render/words.py's)
KIND = {
    "zh": {
        "breach": "违约",
        "liability": "责任",
        "right": "权利",
        "obligation": "义务",
        "warning": "预警",
        "status": "状态",
    },
    "en": {k: k for k in ("breach", "liability", "right", "obligation", "warning", "status")},
}


def word(lang: str, key: str, **params: object) -> str:
    """A label or sentence in `lang`, with its {params} filled."""
    return WORDS[lang][key].format(**params)


def text(pair: tuple[str, str], lang: str) -> str:
    """The zh or en member of a (zh, en) pair."""
    return pair[0] if lang == "zh" else pair[1]
