"""Every sentence `kefu-check facts` prints, in Chinese and English (lang → key → template)."""

from __future__ import annotations

CATALOGUE: dict[str, dict[str, str]] = {
    "zh": {
        # problems of one row (bad rows)
        "missing_value": "缺少必填值",
        "bad_timestamp": "无法解析的时间 {value!r}(如 2026-10-09 10:00:00 或 …+08:00;时区请写偏移量,不写 CST 等名称)",
        "bad_date": "无法解析的日期 {value!r}(可写作 2026-09-03、2026/9/3、2026年9月3日或 Excel 日期单元格)",
        "date_with_time": "日期 {value!r} 带有时刻(此处应为日期)",
        "bad_amount": "无法解析的金额 {value!r}(可写作 36000、36,000.00、¥36,000.00)",
        "ambiguous_amount": "金额 {value!r} 有歧义:逗号只能用作千位分隔符,小数点须用“.”",
        "negative_amount": "金额 {value!r} 为负数",
        "sub_fen_amount": "金额 {value!r} 含有分以下的位数(请在表格中用 ROUND(…, 2) 取整到分)",
        "amount_too_large": "金额 {value!r} 过大(须小于 10^14 元)",
        "bad_number": "无法解析的数值 {value!r}",
        "bad_cycle": "无法解析的账期 {value!r}(可写作 2026-09、2026/09、2026年9月、2026-Q3 或 Excel 年月单元格)",
        "bad_cause": "未知的原因 {value!r}(可选 provider、client、force_majeure、planned)",
        "before_arrival": "早于接入时间",
        "before_start": "早于开始时间",
        "duplicate_id": "编号重复(首次出现于第 {first} 行)",
        "out_of_scale": "评分 {value!r} 超出 0 至 {scale_max} 分",
        "score_too_precise": "评分 {value!r} 的小数超过 6 位(不做四舍五入;请在表格中取整)",
        "unknown_invoice": "付款对应的发票 {value!r} 不在发票导出中",
        "totals_row": "{value!r} 是合计行,不是一笔发票或付款(合计会被重复计入):请删除该行后重新运行",
        # whole-file and command-line problems (exit 2)
        "no_file": "文件不存在",
        "unreadable": "无法读取文件({detail})",
        "formula_without_value": (
            "单元格 {cell} 是公式 {formula},但文件中没有保存其计算结果(由程序生成、未经 Excel 或 LibreOffice "
            "打开保存):请用 Excel 或 LibreOffice 打开并保存,或粘贴为数值"
        ),
        "bad_encoding": "无法识别的编码(支持 UTF-8、带 BOM 的 UTF-8、GBK/GB18030)",
        "bad_format": "不支持的文件类型 {suffix!r}(支持 .csv、.xlsx、.parquet)",
        "bad_content": "文件内容无法读取({detail})",
        "missing_column": "缺少列(现有列:{columns})",
        "duplicate_column": "表头中该列出现 {count} 次(无法判断用哪一列)",
        "sheet_of_another_export": (
            "没有名为 {kind} 的工作表,而第一个工作表 {sheet!r} 是另一份导出(现有工作表:{sheets})"
        ),
        "sheets_of_one_export": (
            "工作表 {sheets} 的表头相同,而只会读取一个工作表:请把这些行放进同一个工作表,或把要读取的工作表命名为 {kind}"
        ),
        "hidden_row": (
            "第 {rows} 行被隐藏(手动隐藏或被筛选隐藏):请取消隐藏或删除该行后重新运行——隐藏的行既不会被计入,"
            "也不会被悄悄略过"
        ),
        "hidden_rows": (
            "第 {rows} 行被隐藏(手动隐藏或被筛选隐藏):请取消隐藏或删除这些行后重新运行——隐藏的行既不会被计入,"
            "也不会被悄悄略过"
        ),
        "hidden_sheet": "工作表 {sheet!r} 是隐藏的(将被读取的就是它):请取消隐藏(若它不是这份导出,请删除它)后重新运行",
        "bad_row_line": "第 {row} 行,{column}:{problem}",
        "repeated_payment_line": (
            "第 {rows} 行是同一笔付款({invoice},{date},{amount}),无法判断是 {count} 笔付款还是重复导出的行"
            "(--strict)"
        ),
        "more_bad_rows": "(另有 {count} 行无法读取:第 {rows} 行)",
        "too_many_fields": "第 {row} 行有 {count} 个字段,表头只有 {header} 个",
        "too_few_fields": "第 {row} 行只有 {count} 个字段,表头有 {header} 个",
        "merge_not_object": "应为一个对象(月度文件的若干部分)",
        "merge_unknown_key": "不能合并的键(可合并:{known})",
        "merge_from_exports": "该部分由导出文件计算({options}),不能合并",
        "merge_twice": "该部分重复给出(已见于 {other})",
        "template_not_xlsx": "模板须为 .xlsx 文件",
        "template_exists": "文件已存在,不会覆盖;请换一个路径",
        "template_alone": "不能与其他选项同用(--lang 除外)",
        "cannot_write": "无法写入文件({detail})",
        "output_is_input": "不能覆盖输入文件",
        "as_of_before_period": "{as_of} 早于期间 {period}",
        "no_channel_standard": "合同未约定该渠道的首次响应时限,无法由 {option} 计算",
        "no_resolution_standard": "合同未约定问题解决时限,无法由 --tickets 计算",
        "no_satisfaction_standard": "合同未约定满意度标准,无法由 --surveys 计算",
        "satisfaction_method_needed": "合同未约定满意度的计算方法:请用 --satisfaction-method 指定",
        "scale_max_needed": "合同未约定满意度的分制(scale_max),无法计算",
        "payments_without_invoices": "--payments 需要同时提供 --invoices",
        "bad_mapping": "映射文件错误:{detail}",
        # diagnostics on stderr
        "diag.bad_rows": "{file}:{count} 行无法使用({problem_name},列 {column}):第 {rows} 行",
        "diag.first_response": (
            "{channel}:本月 {rows} 条,计入 {requests} 条,及时 {on_time} 条"
            "(短时放弃 {short} 条{short_how},机器人回复 {bots} 条不计)"
        ),
        "diag.resolution": "工单:本月 {rows} 条,计入 {cases} 条,及时 {on_time} 条,尚未到期 {pending} 条",
        "diag.satisfaction": "满意度:{respondents} 份评价,得分 {score}",
        "diag.outages": "故障:{count} 条在本月内(已截取至本月),{outside} 条在本月以外",
        "diag.invoices": "发票:{count} 张,{settled} 张已于本月前结清未列入",
        "diag.repeated_payment": (
            "{file}:第 {rows} 行是同一笔付款({invoice},{date},{amount}):{count} 笔均已计入;"
            "若是重复导出的行,请删除后重新生成(--strict 时视为错误)"
        ),
        "diag.written": "已写入 {path}",
        "short.exclude": "不计入",
        "short.count": "计为未及时",
        "problem_name.missing_value": "缺少必填值",
        "problem_name.bad_timestamp": "时间无法解析",
        "problem_name.bad_date": "日期无法解析",
        "problem_name.bad_number": "数值无法解析",
        "problem_name.bad_cycle": "账期无法解析",
        "problem_name.bad_cause": "原因未知",
        "problem_name.before_arrival": "早于接入时间",
        "problem_name.before_start": "早于开始时间",
        "problem_name.duplicate_id": "编号重复",
        "problem_name.out_of_scale": "评分超出分制",
        "problem_name.score_too_precise": "评分小数位过多",
        "problem_name.unknown_invoice": "发票不存在",
        "problem_name.totals_row": "合计行",
    },
    "en": {
        "missing_value": "required value missing",
        "bad_timestamp": (
            "unreadable timestamp {value!r} (e.g. 2026-10-09 10:00:00 or …+08:00;"
            " a zone as an offset, not a name like CST)"
        ),
        "bad_date": "unreadable date {value!r} (write 2026-09-03, 2026/9/3 or use an Excel date cell)",
        "date_with_time": "date {value!r} carries a time of day (a date is expected here)",
        "bad_amount": "unreadable amount {value!r} (write 36000, 36,000.00 or ¥36,000.00)",
        "ambiguous_amount": "ambiguous amount {value!r}: a comma is read only as a thousands separator, the decimal "
        "mark must be '.'",
        "negative_amount": "negative amount {value!r}",
        "sub_fen_amount": "amount {value!r} has digits below the fen (round it to 0.01 in the sheet: ROUND(..., 2))",
        "amount_too_large": "amount {value!r} too large (below 10^14 yuan)",
        "bad_number": "unreadable number {value!r}",
        "bad_cycle": "unreadable cycle {value!r} (write 2026-09, 2026/09, 2026-Q3 or use an Excel month cell)",
        "bad_cause": "unknown cause {value!r} (provider, client, force_majeure or planned)",
        "before_arrival": "before the arrival",
        "before_start": "before the start",
        "duplicate_id": "duplicate id (first at row {first})",
        "out_of_scale": "score {value!r} outside 0 to {scale_max}",
        "score_too_precise": "score {value!r} has more than 6 decimal places (never rounded silently; round it in "
        "the sheet)",
        "unknown_invoice": "payment for invoice {value!r}, which the invoices export does not list",
        "totals_row": "{value!r} is a totals row, not an invoice or a payment (its sum would be counted twice): "
        "delete the row and run again",
        "no_file": "no such file",
        "unreadable": "cannot read file ({detail})",
        "formula_without_value": (
            "cell {cell} holds the formula {formula} but no computed value (the file was written by a program and "
            "never opened and saved in Excel or LibreOffice): open and save it there, or paste the values"
        ),
        "bad_encoding": "unreadable encoding (UTF-8, UTF-8 with BOM and GBK/GB18030 are read)",
        "bad_format": "unsupported file type {suffix!r} (.csv, .xlsx or .parquet)",
        "bad_content": "unreadable content ({detail})",
        "missing_column": "missing column (columns: {columns})",
        "duplicate_column": "the header has this column {count} times (which one is meant cannot be told)",
        "sheet_of_another_export": (
            "no sheet named {kind}, and the first sheet, {sheet!r}, is another export's (sheets: {sheets})"
        ),
        "sheets_of_one_export": (
            "sheets {sheets} have the same header, and only one sheet is read: put the rows in one sheet, or name "
            "the sheet to read {kind}"
        ),
        "hidden_row": (
            "row {rows} is hidden (by hand or by a filter): unhide or delete it and run again — a hidden row is "
            "neither counted nor left out unseen"
        ),
        "hidden_rows": (
            "rows {rows} are hidden (by hand or by a filter): unhide or delete them and run again — a hidden row is "
            "neither counted nor left out unseen"
        ),
        "hidden_sheet": (
            "sheet {sheet!r}, the one read, is hidden: unhide it (or delete it if it is not the export) and run again"
        ),
        "bad_row_line": "row {row}, {column}: {problem}",
        "repeated_payment_line": (
            "rows {rows} are the same payment ({invoice}, {date}, {amount}): {count} payments or one row exported "
            "more than once cannot be told apart (--strict)"
        ),
        "more_bad_rows": " (and {count} more unreadable rows: {rows})",
        "too_many_fields": "row {row} has {count} fields, the header {header}",
        "too_few_fields": "row {row} has only {count} of the header's {header} fields",
        "merge_not_object": "expected an object (sections of a month document)",
        "merge_unknown_key": "not a section --merge copies ({known})",
        "merge_from_exports": "this section is computed from the exports ({options}), not merged",
        "merge_twice": "section given twice (also in {other})",
        "template_not_xlsx": "the template must be an .xlsx file",
        "template_exists": "file exists, not overwritten; choose another path",
        "template_alone": "no other option goes with it (except --lang)",
        "cannot_write": "cannot write the file ({detail})",
        "output_is_input": "would overwrite an input file",
        "as_of_before_period": "{as_of} is before the period {period}",
        "no_channel_standard": "the contract sets no first-response limit for this channel, needed for {option}",
        "no_resolution_standard": "the contract sets no resolution limit, needed for --tickets",
        "no_satisfaction_standard": "the contract sets no satisfaction standard, needed for --surveys",
        "satisfaction_method_needed": (
            "the contract does not say how satisfaction is measured: give --satisfaction-method"
        ),
        "scale_max_needed": "the contract does not give the satisfaction scale (scale_max)",
        "payments_without_invoices": "--payments needs --invoices",
        "bad_mapping": "bad mapping file: {detail}",
        "diag.bad_rows": "{file}: {count} unusable rows ({problem_name}, column {column}): rows {rows}",
        "diag.first_response": (
            "{channel}: {rows} rows in the period, {requests} requests, {on_time} on time "
            "({short} short abandons {short_how}, {bots} bot responses ignored)"
        ),
        "diag.resolution": "tickets: {rows} in the period, {cases} cases, {on_time} on time, {pending} not yet due",
        "diag.satisfaction": "satisfaction: {respondents} answers, score {score}",
        "diag.outages": "outages: {count} in the period (clipped to it), {outside} outside it",
        "diag.invoices": "invoices: {count} listed, {settled} settled before the period left out",
        "diag.repeated_payment": (
            "{file}: rows {rows} are the same payment ({invoice}, {date}, {amount}): all {count} are counted; "
            "if a row was exported twice, remove it and run again (an error with --strict)"
        ),
        "diag.written": "wrote {path}",
        "short.exclude": "excluded",
        "short.count": "counted as late",
        "problem_name.missing_value": "required value missing",
        "problem_name.bad_timestamp": "unreadable timestamp",
        "problem_name.bad_date": "unreadable date",
        "problem_name.bad_number": "unreadable number",
        "problem_name.bad_cycle": "unreadable cycle",
        "problem_name.bad_cause": "unknown cause",
        "problem_name.before_arrival": "before the arrival",
        "problem_name.before_start": "before the start",
        "problem_name.duplicate_id": "duplicate id",
        "problem_name.out_of_scale": "score outside the scale",
        "problem_name.score_too_precise": "score with more than 6 decimal places",
        "problem_name.unknown_invoice": "unknown invoice",
        "problem_name.totals_row": "totals row",
    },
}


def say(lang: str, key: str, **params: object) -> str:
    """The sentence `key` in `lang`, filled in."""
    return CATALOGUE[lang][key].format(**params)
