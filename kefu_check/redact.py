"""Privacy in logs: bank account numbers are always masked (`6222 **** **** 1234`); `--redact` also hides
party names, addresses, credit codes and contacts. Applied to the final text of every format.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import Contract


# 12–19 digits written together, or in groups of four (6222 0212 3456 7890 123); never part of a decimal
ACCOUNT = re.compile(r"(?<![\d.])(?:\d{12,19}|\d{4}(?:[ -]\d{4}){2,3}(?:[ -]\d{1,3})?)(?!\d|\.\d)")
HIDDEN = "***"


def mask_account(number: str) -> str:
    """'6222021234567890' → '6222 **** **** 7890' (first and last four kept, the rest hidden)."""
    digits = re.sub(r"[^0-9A-Za-z]", "", number)
    if len(digits) <= 8:
        return "****"
    groups = max(1, -(-(len(digits) - 8) // 4))
    return " ".join([digits[:4], *["****"] * groups, digits[-4:]])


@dataclass(frozen=True)
class Private:
    """What a contract holds that a log must not show: accounts always, the rest under --redact."""

    accounts: tuple[str, ...] = ()
    identities: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()  # credit codes: digit runs that are not accounts (hidden only under --redact)

    @staticmethod
    def of(contract: Contract, extra: Iterable[str] = ()) -> Private:
        accounts, identities, codes = [], list(extra), []
        bank = contract.fees.bank if contract.fees else None
        if bank and bank.account_no:
            accounts.append(bank.account_no)
        if bank and bank.account_name:
            identities.append(bank.account_name)
        for party in (contract.provider, contract.client):
            if party:
                identities += [v for v in (party.name, party.address, party.credit_code, party.contact) if v]
                codes += [party.credit_code] if party.credit_code else []
        return Private(tuple(accounts), tuple(identities), tuple(codes))


def redact(text: str, private: Iterable[Private], identities: bool) -> str:
    """Mask every account number (the contract's own and anything shaped like one); with identities, names too."""
    private = list(private)
    keep = {code for p in private for code in p.codes}
    accounts = {a for p in private for a in p.accounts if a}
    if accounts:
        text = _one_pass(accounts).sub(lambda m: mask_account(m.group(0)), text)
    names = {v for p in private for v in p.identities if len(v) >= 2} if identities else set()
    if names:
        text = _one_pass(names).sub(HIDDEN, text)

    def account(m: re.Match[str]) -> str:  # a credit code's digits (91330110628530197 of …197B) are no account
        kept = m.group(0) in keep or m.string[m.start() : m.end() + 1] in keep
        return m.group(0) if kept else mask_account(m.group(0))

    return ACCOUNT.sub(account, text)


def _one_pass(values: set[str]) -> re.Pattern[str]:
    """One pattern for many literal values, the longest first (a name inside a longer name is not split)."""
    return re.compile("|".join(re.escape(v) for v in sorted(values, key=lambda v: (-len(v), v))))
