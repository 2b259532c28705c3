"""The catalogue of input problems: every kind of bad input the loaders, the models, the terms and the
derivation refuse, and every diagnostic, with its Chinese and English template (SPEC §10).

A problem is raised as data — `Problem(kind, params)` inside an `InputError(file, field, problem)` — and
rendered only when it is printed, in the user's language: `--lang` (read once by the command line, see
`set_lang`), Chinese by default. Ids, field paths, file names and the user's values are printed as given
(control characters escaped); a template holds no other language's words.

`PROBLEMS`: kind → (zh, en). Parameters are `{name}` fields; a parameter that is itself a `Problem` (a
reason inside a reason) is rendered in the same language. `tests/test_validate.py` renders every kind in
both languages.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

Lang = str  # "zh" | "en"

PROBLEMS: dict[str, tuple[str, str]] = {
    # ---- reading a file (load.py)
    "no_such_file": ("文件不存在", "no such file"),
    "contract_not_found": (
        "指向的合同文件 {path} 不存在(路径相对于月度文件所在的文件夹;也可用 --contract 指定)",
        "names the contract file {path}, which does not exist (the path is relative to the month file's "
        "folder; --contract gives another)",
    ),
    "contract_is_directory": (
        "指向的合同 {path} 是文件夹,不是文件(路径相对于月度文件所在的文件夹;也可用 --contract 指定)",
        "names the contract {path}, which is a directory, not a file (the path is relative to the month file's "
        "folder; --contract gives another)",
    ),
    "contract_name_too_long": (
        "指向的合同 {path} 名称过长,系统无法打开(也可用 --contract 指定)",
        "names the contract {path}, a name too long for the system to open (--contract gives another)",
    ),
    "is_directory": ("是文件夹,不是文件", "is a directory, not a file"),
    "months_directory": (
        "是文件夹,不是文件:分析其中各月请用 kefu-check analyze {path};带入此前各月的状态请用 "
        "kefu-check 月份文件 --history {path}",
        "is a directory, not a file: to analyse its months use `kefu-check analyze {path}`; to carry their "
        "state into one month use `kefu-check MONTH.json --history {path}`",
    ),
    "no_month_files": (
        "没有月度文件(文件夹中没有 *.json 月份文件)",
        "no month files (the folder holds no *.json month)",
    ),
    "permission_denied": ("没有读取权限", "cannot read file (permission denied)"),
    "cannot_read": ("无法读取文件(错误码 {errno})", "cannot read file ({reason}, errno {errno})"),
    "file_too_large": ("文件过大({size} 字节;上限 {limit} 字节)", "file too large ({size} bytes; limit {limit})"),
    "not_utf8": ("不是有效的 UTF-8 文本(第 {byte} 字节)", "not valid UTF-8 (byte {byte})"),
    "gb18030": (
        "是 GBK/GB18030 编码,不是 UTF-8:请另存为 UTF-8(记事本/Excel 另存为时选 UTF-8,或 "
        "iconv -f GB18030 -t UTF-8 {file} > {file}.utf8 后改回原名)",
        "is GBK/GB18030 text, not UTF-8: save it as UTF-8 (choose UTF-8 when saving, or "
        "iconv -f GB18030 -t UTF-8 {file} > {file}.utf8 and rename it back)",
    ),
    "invalid_json": (
        "JSON 语法错误(第 {line} 行第 {column} 列:{detail})",
        "invalid JSON (line {line}, column {column}: {detail})",
    ),
    # json's own syntax messages, by their English text (json.JSONDecodeError.msg)
    "json:Expecting value": ("此处应为一个值", "Expecting value"),
    "json:Expecting ',' delimiter": ("缺少逗号", "Expecting ',' delimiter"),
    "json:Expecting ':' delimiter": ("缺少冒号", "Expecting ':' delimiter"),
    "json:Expecting property name enclosed in double quotes": (
        "此处应为用双引号括起的键名(或多了一个逗号)",
        "Expecting property name enclosed in double quotes",
    ),
    "json:Unterminated string starting at": ("字符串没有结束的引号", "Unterminated string starting at"),
    "json:Invalid control character at": ("字符串中有控制字符", "Invalid control character at"),
    "json:Invalid \\escape": ("无效的转义序列", "Invalid \\escape"),
    "json:Invalid \\uXXXX escape": ("无效的 \\uXXXX 转义", "Invalid \\uXXXX escape"),
    "json:Extra data": ("JSON 值之后还有多余的内容", "Extra data"),
    "json:Illegal trailing comma before end of object": (
        "对象末尾多了一个逗号",
        "Illegal trailing comma before end of object",
    ),
    "json:Illegal trailing comma before end of array": (
        "列表末尾多了一个逗号",
        "Illegal trailing comma before end of array",
    ),
    "invalid_json_number": ("JSON 中有无法读取的数值", "invalid JSON (a number that cannot be read)"),
    "duplicate_key": ("键 {key} 出现了两次", "duplicate key {key}"),
    "nesting_too_deep": ("嵌套层数过深", "nesting too deep"),
    "yaml_too_many": ("YAML 的值过多(上限 {limit:,} 个)", "too many YAML values (limit {limit:,})"),
    "yaml_alias": ("不接受 YAML 别名(alias)", "YAML aliases are not accepted"),
    "yaml_tag": ("不接受 YAML 标签({tag})", "YAML tags are not accepted ({tag})"),
    "invalid_yaml": ("YAML 语法错误", "invalid YAML"),
    "invalid_yaml_line": ("YAML 语法错误(第 {line} 行)", "invalid YAML (line {line})"),
    "unknown_document": (
        "无法判断文件类型(没有 schema 键,也不像合同、月度文件、豁免文件或节假日文件)",
        "cannot tell what this file is (no schema key, and not shaped like a contract, a month, waivers or "
        "a holiday file)",
    ),
    "unknown_schema": (
        "schema 为 {given},应为 {known} 之一",
        "schema is {given}, expected one of {known}",
    ),
    # ---- the shape of a document (pydantic, load.py)
    "unknown_key": ("未知的键 {key}", "unknown key {key}"),
    "unknown_key_near": ("未知的键 {key}——是否应为 {near}?", "unknown key {key} — did you mean {near}?"),
    "required": ("缺少必填项", "required"),
    "one_of": ("应为 {expected} 之一,实际为 {given}", "must be one of {expected}, got {given}"),
    "expected_object": ("应为对象({{…}}),实际为 {given}", "expected an object, got {given}"),
    "expected_string": ("应为字符串,实际为 {given}", "expected a string, got {given}"),
    "expected_list": ("应为列表([…]),实际为 {given}", "expected a list, got {given}"),
    "expected_bool": ("应为 true 或 false,实际为 {given}", "expected true or false, got {given}"),
    "expected_path_or_object": (
        "应为合同文件的路径或合同对象,实际为 {given}",
        "expected the contract's path or the contract object, got {given}",
    ),
    "text_too_long": ("文本过长(最多 {limit:,} 个字符)", "text too long (at most {limit:,} characters)"),
    "invalid_value": ("取值无效:{given}", "invalid value {given}"),
    "control_character": (
        "含有控制字符 {char}(第 {position} 个字符);请删除它",
        "contains the control character {char} (character {position}); remove it",
    ),
    # numbers (models.py)
    "expected_number": ("应为数值,实际为 {given}", "expected a number, got {given}"),
    "invalid_number": ("无法读取的数值 {given}", "invalid number {given}"),
    "inexact_number": (
        "数值 {given} 不精确:请写成 JSON 数值或字符串",
        "inexact number {given}: write it as a JSON number or a string",
    ),
    "amount_with_separators": (
        "金额 {given} 不能含千位分隔符或货币符号:写成 {plain}",
        "amount {given} may not hold thousands separators or a currency sign: write {plain}",
    ),
    "not_finite": ("不是有限数值:{given}", "not a finite number: {given}"),
    "too_large": ("数值过大,无法计算:{given}", "number too large to compute with: {given}"),
    "too_small": ("数值过小,无法计算:{given}", "number too small to compute with: {given}"),
    "too_many_places": ("小数位过多(最多 {limit} 位):{given}", "too many decimal places (at most {limit}): {given}"),
    "negative": ("不能为负数,实际为 {given}", "must not be negative, got {given}"),
    "ratio_above_one": ("不能大于 1,实际为 {given}", "must be at most 1, got {given}"),
    "percent_above_100": ("不能大于 100,实际为 {given}", "must be at most 100, got {given}"),
    "whole_number": ("应为整数,实际为 {given}", "expected a whole number, got {given}"),
    "at_most": ("不能大于 {limit},实际为 {given}", "must be at most {limit}, got {given}"),
    "too_many_items": ("条目过多({count:,} 条;最多 {limit:,} 条)", "too many items ({count:,}; at most {limit:,})"),
    # dates and times (models.py)
    "date_format": ("无效日期 {given}(格式应为 YYYY-MM-DD)", "invalid date {given} (expected YYYY-MM-DD)"),
    "invalid_date": ("无效日期 {given}", "invalid date {given}"),
    "date_out_of_range": ("日期超出范围 {given}(1900–2199 年)", "date out of range {given} (1900–2199)"),
    "timestamp_format": (
        "无效时间 {given}(格式应为 ISO 8601,如 2026-10-12T10:00:00+08:00)",
        "invalid timestamp {given} (expected ISO 8601, e.g. 2026-10-12T10:00:00+08:00)",
    ),
    "invalid_timestamp": ("无效时间 {given}", "invalid timestamp {given}"),
    "timestamp_out_of_range": ("时间超出范围 {given}(1900–2199 年)", "timestamp out of range {given} (1900–2199)"),
    "period_format": ("无效期间 {given}(格式应为 YYYY-MM)", "invalid period {given} (expected YYYY-MM)"),
    "period_out_of_range": ("期间超出范围 {given}(1900–2199 年)", "period out of range {given} (1900–2199)"),
    "cycle_format": (
        "无效账期 {given}(格式应为 YYYY-MM 或 YYYY-Qn)",
        "invalid cycle {given} (expected YYYY-MM or YYYY-Qn)",
    ),
    "time_format": (
        "无效时刻 {given}(格式应为 HH:MM,00:00 至 24:00)",
        "invalid time {given} (expected HH:MM, 00:00 to 24:00)",
    ),
    "invalid_timezone": ("无效时区 {given}", "invalid time zone {given}"),
    "unknown_timezone": ("未知时区 {given}(如 Asia/Shanghai)", "unknown time zone {given} (e.g. Asia/Shanghai)"),
    # within one object (models.py)
    "duplicate_id": ("编号 {id} 重复:[{index}] 与 [{other}]", "duplicate id {id} in [{index}] (also in [{other}])"),
    "on_time_exceeds": ("on_time {on_time} 大于 {total_key} {total}", "on_time {on_time} exceeds {total_key} {total}"),
    "before_key": ("{key} {value} 早于 {other_key} {other}", "{key} {value} is before {other_key} {other}"),
    # the terms the monthly check requires (terms.py)
    "required_for_check": ("月度检查需要此项", "required for the monthly check"),
    "required_for_check_blank": (
        "月度检查需要此项(模板空白未填:{blank})",
        "required for the monthly check (unfilled blank {blank})",
    ),
    "before_term_start": ("{end} 早于 term.start {start}", "{end} is before term.start {start}"),
    "at_least_one": ("至少为 1", "must be at least 1"),
    "at_least_one_working_day": ("至少为 1 个工作日", "must be at least 1 working day"),
    "notice_months_or_days": (
        "notice_months 与 notice_days 只能给出其一",
        "give notice_months or notice_days, not both",
    ),
    "hours_for_availability": (
        "给出 standards.availability 时必须给出(停机按服务时间计)",
        "required when standards.availability is given (downtime counts in service hours)",
    ),
    "no_day": ("没有列出任何一天", "lists no day"),
    "start_24": ("24:00 只能作为结束时刻", "24:00 is only allowed as an end"),
    "end_not_after_start": ("{end} 不晚于开始时刻 {start}", "{end} is not after start {start}"),
    # the month against itself (derive/)
    "as_of_before_period": ("{as_of} 早于期间 {period}", "{as_of} is before the period {period}"),
    "duplicate_invoice": ("账单编号 {id} 重复", "duplicate invoice id {id}"),
    "end_before_its_start": ("{end} 早于其开始时间", "{end} is before its start"),
    "overlaps": ("与 {other} 重叠", "overlaps {other}"),
    "calendar_gap": (
        "没有 {year} 年的法定节假日数据:请用 --holidays FILE 提供国务院的放假安排"
        '({{"year": {year}, "holidays": [...], "workdays": [...]}});可用 '
        "kefu-check holidays NOTICE -o holidays/{year}.json 从通知生成(合同旁的 holidays/ 文件夹无需参数即会读取)",
        "no PRC holiday data for {year}: supply the State Council's arrangement with --holidays FILE "
        '({{"year": {year}, "holidays": [...], "workdays": [...]}}); make it from the notice with '
        "`kefu-check holidays NOTICE -o holidays/{year}.json` (a holidays/ folder beside the contract is read "
        "without the flag)",
    ),
    # diagnostics (stderr, never a consequence)
    "channel_without_figures": (
        "合同为该渠道约定了标准,但本月没有数据;不予判断",
        "the contract sets a standard but the month gives no figures; not judged",
    ),
    "channel_without_standard": (
        "合同没有为渠道 {channel} 约定标准(约定的渠道:{known});该数据不予采用",
        "the contract sets no standard for the channel {channel} (its channels: {known}); figures ignored",
    ),
    "no_channels": ("无", "none"),
    # ---- agreements and notices: .txt and .docx (textfile.py, review/document.py, holidays/command.py)
    "not_text": ("既不是 UTF-8 也不是 GB18030 文本", "neither UTF-8 nor GB18030 text"),
    "binary_file": ("是二进制文件,不是文本", "a binary file, not text"),
    "convert_to_docx": (
        "{what}无法读取:请用 Word、WPS 或 LibreOffice 打开并另存为 .docx",
        "{what} cannot be read: open it in Word, WPS or LibreOffice and save it as .docx",
    ),
    "document:.pdf": ("PDF 文件", "a PDF"),
    "document:.doc": ("Word 97-2003 文档", "a Word 97-2003 document"),
    "document:.wps": ("WPS 文档", "a WPS document"),
    "document:.odt": ("OpenDocument 文本", "an OpenDocument text"),
    "document:.rtf": ("RTF 文档", "an RTF document"),
    "docx_not_zip": ("不是 .docx 文件(不是 zip 压缩包)", "not a .docx file (not a zip archive)"),
    "docx_too_many_entries": (
        "已拒绝:压缩包中有 {count} 个条目(上限 {limit} 个)",
        "refused: {count} entries in the archive (limit {limit})",
    ),
    "docx_too_large": (
        "已拒绝:解压后 {size} 字节(上限 {limit} 字节)",
        "refused: {size} bytes uncompressed (limit {limit})",
    ),
    "docx_zip_bomb": ("已拒绝:压缩比异常,疑似 zip 炸弹", "refused: compression ratio of a zip bomb"),
    "docx_no_document": ("不是 Word 文档(没有 word/document.xml)", "not a Word document (no word/document.xml)"),
    "docx_bad_entry": ("压缩包中的条目无法读取", "unreadable archive entry ({detail})"),
    "docx_dtd": ("已拒绝:XML 中含有 DTD 或实体声明", "refused: XML with a DTD or entity declarations"),
    "docx_damaged_xml": ("不是可读取的 Word 文档(XML 已损坏)", "not a readable Word document (damaged XML)"),
    "docx_no_body": ("不是可读取的 Word 文档(没有正文)", "not a readable Word document (no body)"),
    "docx_unreadable": ("不是可读取的 Word 文档", "not a readable Word document ({detail})"),
    # review and extract (review/)
    "unsupported_review_input": (
        "不支持的文件类型(应为 .json、.yaml、.docx 或 .txt)",
        "unsupported file type (expected .json, .yaml, .docx or .txt)",
    ),
    "unsupported_agreement": ("不支持的文件类型(应为 .docx 或 .txt)", "unsupported file type (expected .docx or .txt)"),
    "annotate_needs_agreement": (
        "--annotate 需要协议文本(.docx 或 .txt),不能是 contract.json",
        "--annotate needs an agreement (.docx or .txt), not a contract.json",
    ),
    "too_many_unreadable": ("无法读取的值过多", "too many values that cannot be read"),
    # ---- writing (output.py, holidays/command.py)
    "output_is_input": ("--output 指向一个输入文件;请换一个路径", "--output names an input file; choose another path"),
    "cannot_write_report": ("无法写入报告", "cannot write the report ({reason})"),
    "cannot_write": ("无法写入文件", "cannot write the file ({reason})"),
    # ---- the --holidays file (holidays/files.py)
    "holidays_file_too_large": ("文件过大(上限 {limit} 字节)", "file too large (limit {limit} bytes)"),
    "invalid_json_line": ("JSON 语法错误(第 {line} 行)", "invalid JSON (line {line})"),
    "invalid_json_nested": ("JSON 语法错误(嵌套层数过深)", "invalid JSON (nested too deeply)"),
    "key_twice": ("键重复出现", "duplicate key"),
    "expected_json_object": ("应为 JSON 对象,实际为{type}", "expected a JSON object, got {type}"),
    "unknown_key_allowed": ("未知的键(可用的键:{allowed})", "unknown key (allowed: {allowed})"),
    "expected_integer_year": ("应为整数年份,实际为 {given}", "expected an integer year, got {given}"),
    "year_out_of_range": ("{year} 超出范围 {first}..{last}", "{year} is out of range {first}..{last}"),
    "expected_date_list": (
        "应为 'YYYY-MM-DD' 日期的列表,实际为{type}",
        "expected a list of 'YYYY-MM-DD' dates, got {type}",
    ),
    "expected_date_string": (
        "应为 'YYYY-MM-DD' 格式的日期字符串,实际为 {given}",
        "expected a date string 'YYYY-MM-DD', got {given}",
    ),
    "date_not_in_year": ("{date} 不在 {year} 年内", "{date} is not in year {year}"),
    "duplicate_date": ("日期 {date} 重复", "duplicate date {date}"),
    "also_in_holidays": ("{date} 也列在 holidays 中", "{date} is also in holidays"),
    "workday_not_weekend": (
        "上班日 {date} 不是周六或周日(调休上班日总在周末)",
        "the working day {date} is not a Saturday or Sunday (an adjusted working day always is)",
    ),
    "statutory_day_working": (
        "{date}({festival})是法定节假日(全国年节及纪念日放假办法),文件中却是工作日;该年的安排不完整或有误",
        "{date} ({festival}) is a statutory holiday (the national holidays regulation) but a working day in the "
        "file: the year's arrangement is incomplete or wrong",
    ),
    "statutory_days_unknown": (
        "无法核对 {year} 年的法定节假日(农历节日只算到 {last} 年),不接受该年的安排",
        "the statutory holidays of {year} cannot be verified (the lunar festivals are known to {last}): the "
        "year's arrangement is not accepted",
    ),
    "festival:new_year": ("元旦", "New Year's Day"),
    "festival:qingming": ("清明节", "Qingming Festival"),
    "festival:spring_festival": ("春节", "the Spring Festival"),
    "festival:labour_day": ("劳动节", "Labour Day"),
    "festival:dragon_boat": ("端午节", "the Dragon Boat Festival"),
    "festival:mid_autumn": ("中秋节", "the Mid-Autumn Festival"),
    "festival:national_day": ("国庆节", "National Day"),
    "expected_before_object": (
        "应为对象 {{holidays, workdays}},实际为{type}",
        "expected an object {{holidays, workdays}}, got {type}",
    ),
    "holidays_differ": (
        "与 chinesecalendar 的 {year} 年工作日不一致:{days}(两个来源不能二选一;请核对通知与文件)",
        "disagrees with chinesecalendar's working days of {year}: {days} (two sources, never a silent choice; "
        "check the file against the notice)",
    ),
    "holidays_before_clash": (
        "与 {other} 的 {year} 年安排不一致:{days}",
        "disagrees with the {year} arrangement of {other}: {days}",
    ),
    "holidays_twice": ("{year} 年的安排给了两次({other})", "the {year} arrangement is given twice ({other})"),
    "day_working_in_file": ("{date}(文件为工作日)", "{date} (a working day in the file)"),
    "day_off_in_file": ("{date}(文件为休息日)", "{date} (a day off in the file)"),
    "more_days": ("…(另 {n} 天)", "… ({n} more days)"),
    # a JSON value's type, as Python names it (en) and in words (zh)
    "type:list": ("列表", "list"),
    "type:dict": ("对象", "dict"),
    "type:str": ("字符串", "str"),
    "type:int": ("整数", "int"),
    "type:float": ("小数", "float"),
    "type:bool": ("布尔值", "bool"),
    "type:NoneType": ("空值", "NoneType"),
    # ---- the configuration (config.py)
    "invalid_toml": ("TOML 语法错误", "invalid TOML ({detail})"),
    "invalid_toml_at": (
        "TOML 语法错误(第 {line} 行第 {column} 列)",
        "invalid TOML ({detail} (at line {line}, column {column}))",
    ),
    "expected_table": ("应为 TOML 表", "expected a table"),
    "unknown_key_known": ("未知的键(可用的键:{known})", "unknown key (known: {known})"),
    "expected_path_list": ("应为路径的列表", "expected a list of paths"),
    "invalid_choice": ("取值无效 {given}(可选:{choices})", "invalid value {given} (one of {choices})"),
    "format_not_offered": (
        "{where} 设定的格式 {given} 不适用于 {command}(可选:{choices}),按 {default} 输出",
        "{where} sets the format {given}, which {command} does not print (its formats: {choices}); printing {default}",
    ),
    # ---- sequences (sequence/months.py)
    "not_a_folder": ("不是文件夹", "not a folder"),
    "history_not_relative": ("必须是相对于月度文件的路径:{given}", "must be relative to the month file: {given}"),
    "period_twice": ("{period} 也是 {other} 的期间", "{period} is also the period of {other}"),
    "other_contract": (
        "合同 {ours} 不是 {other} 的合同 {theirs}(一个序列只能有一份合同)",
        "contract {ours} is not the contract {theirs} of {other}",
    ),
    "contract_differs": (
        "合同 {ours} 与 {other} 所指的合同内容不同(一个序列只能有一份合同)",
        "contract {ours} differs from the one {other} names (one contract per sequence)",
    ),
    # ---- deadlines (deadlines/command.py)
    "to_before_from": ("{last} 早于 --from {first}", "{last} is before --from {first}"),
    # ---- the command line's usage errors (cli.py: click's own, rendered by `usage_problem`)
    "usage": ("{message}(参见 kefu-check --help)", "{message} (see kefu-check --help)"),
    "missing_option": ("缺少选项 {option}", "Missing option {option}."),
    "missing_argument": ("缺少参数 {argument}", "Missing argument {argument}."),
    "no_such_option": ("没有选项 {option}", "No such option {option}."),
    "no_such_option_near": ("没有选项 {option}——是否应为 {near}?", "No such option {option}. Did you mean {near}?"),
    "option_needs_value": ("选项 {option} 需要一个值", "Option {option} requires an argument."),
    "option_choice": (
        "{option} 的取值 {given} 无效,应为 {choices} 之一",
        "Invalid value for {option}: {given} is not one of {choices}.",
    ),
    "option_range": (
        "{option} 的取值 {given} 不在 {min} 至 {max} 之间",
        "Invalid value for {option}: {given} is not in the range {min}<=x<={max}.",
    ),
    "option_value": ("{option} 的取值无效:{problem}", "Invalid value for {option}: {problem}"),
}

SUFFIXES: dict[str, tuple[str, str]] = {
    "more": ("(另有 {n} 个问题:kefu-check validate {file})", "({n} more problems: kefu-check validate {file})"),
    "more_one": ("(另有 1 个问题:kefu-check validate {file})", "(1 more problem: kefu-check validate {file})"),
}

_LANG: list[Lang] = ["zh"]


def set_lang(lang: Lang) -> None:
    """The language problems are rendered in from now on (the command line sets it from --lang)."""
    _LANG[0] = "en" if lang == "en" else "zh"


def current_lang() -> Lang:
    return _LANG[0]


def printable(text: str) -> str:
    """A user's key or file name as it may appear in the one error line: control characters escaped."""
    return text if text.isprintable() else json.dumps(text)


def quote(value: Any) -> str:
    """A user's value inside a message: strings in quotes, everything on one line, at most 60 characters."""
    text = repr(value) if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    text = text if text.isprintable() else json.dumps(value, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


@dataclass(frozen=True)
class Problem:
    """One kind of problem of the catalogue and the values its message shows."""

    kind: str
    params: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.kind not in PROBLEMS:
            raise KeyError(f"no problem kind {self.kind!r} in the catalogue")

    def render(self, lang: Lang | None = None) -> str:
        lang = lang or current_lang()
        zh, en = PROBLEMS[self.kind]
        values = {k: _rendered(v, lang) for k, v in self.params.items()}
        return (zh if lang == "zh" else en).format(**values)

    def __str__(self) -> str:
        return self.render()


def _rendered(value: Any, lang: Lang) -> Any:
    """A parameter as its message shows it: a Problem rendered in `lang`, a tuple of them joined with ', '."""
    if isinstance(value, Problem):
        return value.render(lang)
    if isinstance(value, tuple) and any(isinstance(v, Problem) for v in value):
        return ", ".join(str(_rendered(v, lang)) for v in value)
    return value


def problem(kind: str, **params: Any) -> Problem:
    return Problem(kind, params)


def os_problem(exc: OSError) -> Problem:
    """A file that cannot be opened: missing, a folder, not permitted, or the system's reason (en only)."""
    if isinstance(exc, FileNotFoundError):
        return problem("no_such_file")
    if isinstance(exc, IsADirectoryError):
        return problem("is_directory")
    if isinstance(exc, PermissionError):
        return problem("permission_denied")
    return problem("cannot_read", reason=exc.strerror or type(exc).__name__, errno=exc.errno)


def type_problem(value: Any) -> Problem:
    """The type of a JSON value, in words ("a list": 列表 / list)."""
    name = type(value).__name__
    return problem(f"type:{name}" if f"type:{name}" in PROBLEMS else "type:str")


class ProblemValueError(ValueError):
    """Raised by a model's validator: pydantic reports it as a value error, `load` renders its problem."""

    def __init__(self, kind: str, *, at: str | None = None, **params: Any) -> None:
        self.problem, self.at = Problem(kind, params), at  # at: the key inside the object that is wrong
        super().__init__(self.problem.render("en"))


def more_suffix(n: int, file: str, lang: Lang | None = None) -> str:
    """'(N more problems: kefu-check validate FILE)' in the user's language, or '' when there are none."""
    if n <= 0:
        return ""
    zh, en = SUFFIXES["more_one" if n == 1 else "more"]
    return (zh if (lang or current_lang()) == "zh" else en).format(n=n, file=file)


@dataclass(frozen=True)
class Diagnostic:
    """A line for stderr about something not judged (`file: field: problem`), worded when it is printed."""

    file: str
    field: str
    problem: Problem

    def render(self, lang: Lang | None = None) -> str:
        return f"{self.file}: {self.field}: {self.problem.render(lang)}"


def diagnostic(file: str, field: str, kind: str, **params: Any) -> Diagnostic:
    """A diagnostic, rendered in the language of the run that prints it (not the process's last --lang)."""
    return Diagnostic(file, field, Problem(kind, params))


def lang_of(args: list[str], defaults: dict[str, dict[str, Any]] | None = None) -> Lang:
    """The --lang of a command line (`--lang en`, `--lang=en`), else the configured default, else zh."""
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
    for options in (defaults or {}).values():
        if options.get("lang"):
            return str(options["lang"])
    return "zh"


def usage_problem(exc: Any) -> Problem:
    """A usage error of click (missing option or argument, no such option, a bad choice, a number out of range,
    a value the option's own check refuses) as the one line `usage` in the user's language; another error of
    click keeps click's English wording inside it."""
    import re

    import click

    param = getattr(exc, "param", None)
    hint = getattr(exc, "param_hint", None) or (param.get_error_hint(exc.ctx) if param is not None else None)
    if isinstance(hint, (list, tuple)):
        hint = " / ".join(f"'{h}'" for h in hint)
    message: Any = " ".join(exc.format_message().split())
    if isinstance(exc, click.MissingParameter) and hint and not exc.message:
        kind = "missing_argument" if isinstance(param, click.Argument) else "missing_option"
        message = problem(kind, **{"argument" if kind == "missing_argument" else "option": hint})
    elif isinstance(exc, click.NoSuchOption):
        option = repr(exc.option_name)
        message = (
            problem("no_such_option_near", option=option, near=", ".join(repr(p) for p in sorted(exc.possibilities)))
            if exc.possibilities
            else problem("no_such_option", option=option)
        )
    elif isinstance(exc, click.BadOptionUsage) and "requires" in exc.message:
        message = problem("option_needs_value", option=repr(exc.option_name))
    elif isinstance(exc, click.BadParameter) and param is not None and hint:
        given = re.match(r"('(?:[^'\\]|\\.)*'|\S+) is not ", exc.message)
        own = re.fullmatch(r"invalid (date|period) ('.*') \(expected (?:YYYY-MM-DD|YYYY-MM)\)", exc.message)
        if isinstance(param.type, click.Choice) and given:
            choices = ", ".join(repr(c) for c in param.type.choices)
            message = problem("option_choice", option=hint, given=given.group(1), choices=choices)
        elif isinstance(param.type, click.IntRange) and given and None not in (param.type.min, param.type.max):
            message = problem("option_range", option=hint, given=given.group(1), min=param.type.min,
                              max=param.type.max)
        elif own:  # cliopts.parse_date, facts' --period
            kind = "date_format" if own.group(1) == "date" else "period_format"
            message = problem("option_value", option=hint, problem=problem(kind, given=own.group(2)))
    elif isinstance(exc, click.UsageError):
        missing = re.fullmatch(r"Missing option ('[^']*')\.", exc.message)  # facts: required unless --template
        if missing:
            message = problem("missing_option", option=missing.group(1))
    return problem("usage", message=message)
