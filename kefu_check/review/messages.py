# ruff: noqa: E501  (bilingual sentence tables read best one entry a line, as in kefu_check/i18n.py)
"""Every text the review prints, in zh and en: lang → key → (message, suggestion), and the renderers' words."""

from __future__ import annotations

import re
from typing import Any

FINDINGS: dict[str, dict[str, tuple[str, str]]] = {
    "zh": {
        "placeholder.blank": ("空白未填写:{text}", "填写该空白处的具体约定,或删除不适用的句子"),
        "term_missing": ("协议未约定{term}", "补充{term}的具体约定"),
        "unread.value": (
            "无法识别{term}:“{text}”",
            "改写为明确的数值,例如“万分之五”“10个工作日”“2026年1月1日”",
        ),
        "unread.clause": (
            "本条似乎约定了{term},但无法识别其数值:“{text}”",
            "请人工核对;或改写为明确的表述,例如“月服务费为人民币贰万元整(¥20,000.00)”“于每月结束后10个工作日内支付”",
        ),
        "clause_missing.disputes": (
            "协议没有争议解决条款(管辖法院或仲裁机构)",
            "增加:“因本协议引起的争议,双方应友好协商;协商不成的,任何一方均可向甲方所在地有管辖权的人民法院提起诉讼。”",
        ),
        "clause_missing.signature": (
            "协议没有签署栏(双方盖章或签字及签署日期)",
            "在正文后增加签署栏:“甲方(盖章):____ 授权代表(签字):____ 日期:____年__月__日”,乙方同",
        ),
        "clause_missing.liability": (
            "除第4.4条逾期付款外,协议没有违约责任条款",
            "增加违约责任条款:“任何一方违反本协议约定的,应承担违约责任,赔偿守约方因此遭受的全部损失。”",
        ),
        "text_truncated": ("条款在句中中断:“{text}”", "补全该句;模板原文此处缺失后半句,签约前须写完整"),
        "credit_code_invalid.length": (
            "{party}统一社会信用代码 {code} 不是18位",
            "核对营业执照,填写18位统一社会信用代码",
        ),
        "credit_code_invalid.character": (
            "{party}统一社会信用代码 {code} 含有不允许的字符(不使用I、O、S、V、Z及小写字母)",
            "核对营业执照上的统一社会信用代码",
        ),
        "credit_code_invalid.check": (
            "{party}统一社会信用代码 {code} 校验位错误(GB 32100-2015,应为 {expected})",
            "核对营业执照或国家企业信用信息公示系统,更正统一社会信用代码",
        ),
        "term_invalid.order": ("服务期限终止日 {end} 早于起始日 {start}", "更正起止日期,使终止日不早于起始日"),
        "term_invalid.months": (
            "“共计{stated}个月”与起止日期不符:{start} 至 {end} 为 {actual}",
            "将“共计”改为“共计{fix}”,或更正起止日期",
        ),
        "amount_words_mismatch": (
            "大写金额“{words}”({words_value})与小写金额 {figures} 不一致",
            "统一大小写金额,例如“人民币{fix_words}(¥{figures})”",
        ),
        "bank_account_name_mismatch": (
            "收款账户名称“{account_name}”与甲方名称“{provider}”不一致,存在付款被骗风险",
            "将账户名称改为“{provider}”;如确需向第三方付款,另行书面约定并由甲方盖章确认",
        ),
        "renewal_ambiguous.negotiation": (
            "第3.2条既约定“另行协商签订续约协议”,又约定未异议即自动续约,二者冲突",
            "删除其一,例如:“协议期满前一个月,乙方未书面提出异议的,本协议自动续约十二个月。”",
        ),
        "renewal_ambiguous.objection": (
            "自动续约未约定乙方书面异议的截止时间",
            "写明:“乙方应于协议期满前一个月提出书面异议,逾期未提出的,本协议自动续约。”",
        ),
        "renewal_ambiguous.length": (
            "自动续约未约定续约期限",
            "写明续约期限,例如:“本协议自动续约十二个月,续约次数不限。”",
        ),
        "late_fee_high": (
            "逾期违约金日利率 {rate} 高于万分之五(年化 {annual}%);超过损失30%的部分可能被法院调减(民法典第585条;最高人民法院2023年合同编通则解释第65条)",
            "改为“每逾期一日按应付未付金额的万分之五支付违约金”(保障中小企业款项支付条例第17条)",
        ),
        "suspension_without_notice": (
            "第4.4条允许甲方不经事先书面通知即暂停服务(民法典第509条、第528条)",
            "改为:“逾期超过30日,甲方有权在提前5个工作日书面通知乙方后暂停服务,直至费用结清。”",
        ),
        "sla_without_remedy": (
            "服务标准未约定具体违约责任,而逾期付款约定了违约金;笼统的赔偿损失条款不是具体救济",
            "增加:“甲方当月未达到第2.1条任一项服务标准的,每项按当月服务费用的5%抵减服务费用;连续三个月未达标的,乙方有权解除本协议。”",
        ),
        "response_target_absolute": (
            "第2.1(1)条 {channel} 首次响应未约定达标比例:一次响应超时即构成违约",
            "写明比例,例如:“每月不低于80%的{channel}请求应在20秒内做出首次响应。”",
        ),
        "availability_year_ambiguous.year": (
            "年度可用性未说明按合同年度还是自然年度计算",
            "写明:“年度按合同年度(自服务期限起始日起每十二个月)计算。”",
        ),
        "availability_year_ambiguous.exclusions": (
            "年度可用性未约定不计入不可用时间的情形",
            "写明:“因乙方原因、不可抗力或经乙方同意的计划内维护导致的中断不计入不可用时间。”",
        ),
        "service_hours_holidays_ambiguous": (
            "服务时间未说明法定节假日及调休工作日如何处理",
            "写明,例如:“法定节假日休息,调休工作日照常服务”,或“每日0点至24点,含法定节假日”",
        ),
        "satisfaction_metric_ambiguous.method": (
            "客户满意度未约定计算方法(平均分或满意比例)",
            "写明,例如:“满意度按五分制调查中给出4分或5分的答卷占全部答卷的比例计算。”",
        ),
        "satisfaction_metric_ambiguous.scale_max": ("客户满意度未约定评分量表(几分制)", "写明评分量表,例如“五分制”"),
        "report_schedule_missing": (
            "第2.3条“定期”提供服务报告,未约定频率和提交期限",
            "改为:“甲方应于每月结束后5个工作日内向乙方提供上月服务报告。”",
        ),
        "personal_information_terms": (
            "甲方处理乙方客户的个人信息,但协议没有个人信息保护法第21条要求的委托处理条款",
            "增加委托处理条款:处理目的、期限、方式、个人信息种类、保护措施,未经乙方同意不得转委托,协议终止后返还或删除个人信息",
        ),
    },
    "en": {
        "placeholder.blank": (
            "unfilled blank: {text}",
            "fill in the blank with the agreed term, or delete the sentence if it does not apply",
        ),
        "term_missing": ("the agreement does not state {term}", "state {term} in the agreement"),
        "unread.value": (
            "cannot read {term}: “{text}”",
            "write it as a plain value, e.g. “万分之五”, “10个工作日”, “2026年1月1日”",
        ),
        "unread.clause": (
            "this clause appears to state {term}, but kefu-check could not read it: “{text}”",
            "check it by hand, or rephrase it plainly, e.g. “月服务费为人民币贰万元整(¥20,000.00)”, “于每月结束后10个工作日内支付”",
        ),
        "clause_missing.disputes": (
            "the agreement has no dispute-resolution clause (a court or an arbitration commission)",
            "add e.g. “因本协议引起的争议,双方应友好协商;协商不成的,任何一方均可向甲方所在地有管辖权的人民法院提起诉讼。”",
        ),
        "clause_missing.signature": (
            "the agreement has no signature block (both parties' seals or signatures, with the date)",
            "add after the last article: “甲方(盖章):____ 授权代表(签字):____ 日期:____年__月__日”, and the same for the client",
        ),
        "clause_missing.liability": (
            "apart from late payment (4.4) the agreement has no liability-for-breach clause",
            "add e.g. “任何一方违反本协议约定的,应承担违约责任,赔偿守约方因此遭受的全部损失。”",
        ),
        "text_truncated": (
            "the clause stops in the middle of a sentence: “{text}”",
            "complete the sentence; the template itself lacks its second half here, and it must be written out before signing",
        ),
        "credit_code_invalid.length": (
            "{party}'s unified social credit code {code} is not 18 characters",
            "copy the 18-character code from the business licence",
        ),
        "credit_code_invalid.character": (
            "{party}'s unified social credit code {code} has a character that codes never use (I, O, S, V, Z, lower case)",
            "copy the code from the business licence",
        ),
        "credit_code_invalid.check": (
            "{party}'s unified social credit code {code} fails the GB 32100-2015 check character (expected {expected})",
            "check the code against the business licence or the national enterprise credit register and correct it",
        ),
        "term_invalid.order": (
            "the term ends on {end}, before it starts on {start}",
            "correct the dates so that the end is not before the start",
        ),
        "term_invalid.months": (
            "the stated duration of {stated} months does not match the dates: {start} to {end} is {actual}",
            "state “共计{fix}”, or correct the dates",
        ),
        "amount_words_mismatch": (
            "the amount in words “{words}” ({words_value}) differs from the figures {figures}",
            "make both the same, e.g. “人民币{fix_words}(¥{figures})”",
        ),
        "bank_account_name_mismatch": (
            "the payee account name “{account_name}” is not the provider's name “{provider}”: payment-fraud risk",
            "make the account name “{provider}”; a payment to a third party needs a separate written instruction sealed by the provider",
        ),
        "renewal_ambiguous.negotiation": (
            "3.2 requires a newly negotiated renewal agreement and also renews the agreement automatically absent an objection: the two conflict",
            "keep one, e.g. “协议期满前一个月,乙方未书面提出异议的,本协议自动续约十二个月。”",
        ),
        "renewal_ambiguous.objection": (
            "tacit renewal with no deadline for the client's written objection",
            "add “乙方应于协议期满前一个月提出书面异议,逾期未提出的,本协议自动续约。”",
        ),
        "renewal_ambiguous.length": (
            "tacit renewal without the length of the renewed term",
            "add the length, e.g. “本协议自动续约十二个月,续约次数不限。”",
        ),
        "late_fee_high": (
            "daily late-fee rate {rate} is above 0.0005 (“万分之五”), {annual}% a year; a court may reduce what exceeds the loss by over 30% (Civil Code Art. 585; SPC 2023 interpretation Art. 65)",
            "use “每逾期一日按应付未付金额的万分之五支付违约金” (2025 SME payment regulation Art. 17)",
        ),
        "suspension_without_notice": (
            "4.4 lets the provider suspend the service without prior written notice (Civil Code Arts. 509, 528)",
            "add notice: “逾期超过30日,甲方有权在提前5个工作日书面通知乙方后暂停服务,直至费用结清。”",
        ),
        "sla_without_remedy": (
            "the service standards carry no specific remedy while late payment carries a late fee; a general damages clause is not a specific remedy",
            "add “甲方当月未达到第2.1条任一项服务标准的,每项按当月服务费用的5%抵减服务费用;连续三个月未达标的,乙方有权解除本协议。”",
        ),
        "response_target_absolute": (
            "2.1(1) sets no percentage target for {channel}: a single slow first response is a breach",
            "add a target, e.g. “每月不低于80%的{channel}请求应在20秒内做出首次响应。”",
        ),
        "availability_year_ambiguous.year": (
            "the annual availability does not say whether the year is the contract year or the calendar year",
            "add “年度按合同年度(自服务期限起始日起每十二个月)计算。”",
        ),
        "availability_year_ambiguous.exclusions": (
            "the annual availability states no exclusions (client-caused outages, force majeure, planned maintenance)",
            "add “因乙方原因、不可抗力或经乙方同意的计划内维护导致的中断不计入不可用时间。”",
        ),
        "service_hours_holidays_ambiguous": (
            "the service hours do not say how statutory holidays and adjusted working days (“调休”) count",
            "add e.g. “法定节假日休息,调休工作日照常服务”, or “每日0点至24点,含法定节假日”",
        ),
        "satisfaction_metric_ambiguous.method": (
            "the satisfaction standard does not define how it is measured (mean score or share satisfied)",
            "add e.g. “满意度按五分制调查中给出4分或5分的答卷占全部答卷的比例计算。”",
        ),
        "satisfaction_metric_ambiguous.scale_max": (
            "the satisfaction standard does not define its scale (how many points)",
            "state the scale, e.g. “五分制”",
        ),
        "report_schedule_missing": (
            "2.3 requires “regular” service reports with no frequency or due day",
            "use “甲方应于每月结束后5个工作日内向乙方提供上月服务报告。”",
        ),
        "personal_information_terms": (
            "the provider processes the client's customers' personal information without the entrusted-processing terms of PIPL Art. 21",
            "add terms on purpose, duration, method, categories of personal information, protection, no sub-processing without consent, return or deletion at the end",
        ),
    },
}

WORDS: dict[str, dict[str, str]] = {
    "zh": {
        "title": "合同 {contract}({source})签约前审查",
        "none": "未发现问题。",
        "summary": "合计:{error} 个错误,{warning} 个警告,{info} 个信息",
        "headers": "条款|位置|问题|级别|说明|建议",
        "line": "第{line}行",
        "paragraph": "第{line}段",
        "error": "错误",
        "warning": "警告",
        "info": "信息",
        "provider": "甲方",
        "client": "乙方",
        "masked": "账号已在标准输出中隐去中间数字;用 -o 写入文件可保留完整账号",
        "note.blank": "{clause} 第{line}行:空白未填写 {text}",
        "note.unreadable": "{clause} 第{line}行:无法识别 {field} = {text}",
        "wrote": "已写入 {path}",
        "months": "{n}个月",
        "days": "{n}日",
    },
    "en": {
        "title": "Pre-signing review of contract {contract} ({source})",
        "none": "No findings.",
        "summary": "Summary: {error} errors, {warning} warnings, {info} info",
        "headers": "clause|location|finding|severity|message|suggestion",
        "line": "line {line}",
        "paragraph": "paragraph {line}",
        "error": "error",
        "warning": "warning",
        "info": "info",
        "provider": "provider",
        "client": "client",
        "masked": "account number masked on standard output; write it with -o to keep it whole",
        "note.blank": "{clause} line {line}: unfilled blank {text}",
        "note.unreadable": "{clause} line {line}: cannot read {field} = {text}",
        "wrote": "wrote {path}",
        "months": "{n} months",
        "days": "{n} days",
    },
}


TERMS: dict[str, dict[str, str]] = {
    "zh": {
        "id": "合同编号", "provider.name": "甲方名称", "client.name": "乙方名称",
        "term.start": "服务期限起始日", "term.end": "服务期限终止日", "term.stated_months": "服务期限时长",
        "term.renewal.auto": "是否自动续约", "term.renewal.notice_months": "续约异议期限",
        "term.renewal.renew_months": "续约期限",
        "fees.method": "计费方式", "fees.monthly_fee": "月服务费", "fees.lump_sum_fee": "包干总价",
        "fees.included_units": "月费包含的服务量", "fees.unit_rate": "超出部分单价", "fees.cycle": "支付周期",
        "fees.due_working_days": "付款期限", "fees.late_fee_daily_rate": "逾期付款违约金比例",
        "fees.suspend_after_days": "可暂停服务的逾期天数", "fees.suspension_notice_days": "暂停服务前的通知",
        "fees.bank.bank": "开户行", "fees.bank.account_name": "收款账户名称", "fees.bank.account_no": "收款账号",
        "standards.first_response": "首次响应时限", "standards.service_hours": "服务时间",
        "standards.availability.min_percent": "年度可用性标准", "standards.resolution.within": "问题解决时限",
        "standards.resolution.unit": "问题解决时限", "standards.resolution.target_ratio": "问题解决达标率",
        "standards.satisfaction.min": "客户满意度标准",
        "standards.satisfaction.scale_max": "满意度评分量表", "standards.report.due_working_days": "服务报告提交期限",
        "remedies.service_credit_percent": "服务费抵扣比例", "remedies.service_credit_cap_percent": "服务费抵扣上限",
    },
    "en": {
        "id": "the contract number", "provider.name": "the provider's name", "client.name": "the client's name",
        "term.start": "the start of the term", "term.end": "the end of the term",
        "term.stated_months": "the length of the term", "term.renewal.auto": "whether the agreement renews itself",
        "term.renewal.notice_months": "the deadline for objecting to renewal",
        "term.renewal.renew_months": "the length of a renewed term",
        "fees.method": "the fee method", "fees.monthly_fee": "the monthly fee", "fees.lump_sum_fee": "the lump sum",
        "fees.included_units": "the volume the monthly fee includes", "fees.unit_rate": "the rate beyond it",
        "fees.cycle": "the payment cycle", "fees.due_working_days": "the payment deadline",
        "fees.late_fee_daily_rate": "the late-payment rate",
        "fees.suspend_after_days": "how long a payment may be late before suspension",
        "fees.suspension_notice_days": "the notice before a suspension",
        "fees.bank.bank": "the payee bank", "fees.bank.account_name": "the payee account name",
        "fees.bank.account_no": "the payee account number",
        "standards.first_response": "the first-response time", "standards.service_hours": "the service hours",
        "standards.availability.min_percent": "the annual availability", "standards.resolution.within": "the resolution time",
        "standards.resolution.unit": "the resolution time", "standards.resolution.target_ratio": "the resolution target",
        "standards.satisfaction.min": "the satisfaction target",
        "standards.satisfaction.scale_max": "the satisfaction scale",
        "standards.report.due_working_days": "the service report deadline",
        "remedies.service_credit_percent": "the service credit", "remedies.service_credit_cap_percent": "the service credit cap",
    },
}  # fmt: skip
CHANNEL_NAMES = {"zh": {"phone": "电话", "chat": "在线聊天", "email": "邮件"}, "en": {}}


def term_name(lang: str, path: str) -> str:
    """A value's name as a lawyer says it (月服务费, 付款期限), never its JSON path."""
    names = TERMS[lang]
    if m := re.fullmatch(r"standards\.first_response\.([^.]+)(?:\..*)?", path):
        channel = CHANNEL_NAMES[lang].get(m[1], m[1])
        return f"{channel}{names['standards.first_response']}" if lang == "zh" else f"the {channel} first-response time"
    probe = path
    while probe and probe not in names:
        probe = probe.rpartition(".")[0]
    return names.get(probe, names["standards.service_hours"] if path.startswith("standards.service_hours") else path)


def finding_text(lang: str, key: str, params: dict[str, Any]) -> tuple[str, str]:
    """The message and the suggestion of a finding, in `lang`."""
    message, suggestion = FINDINGS[lang][key]
    return message.format(**params), suggestion.format(**params)


def word(lang: str, key: str, **params: Any) -> str:
    return WORDS[lang][key].format(**params)
