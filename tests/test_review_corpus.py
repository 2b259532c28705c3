"""The review corpus (scripts/gen-review-corpus.py): agreements made with python-docx and LibreOffice and
paraphrased texts; each extracts to exactly the contract it states and reviews with exactly its findings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_review_support import FIXTURES, golden

from kefu_check.load import load_contract_data
from kefu_check.review.findings import review_contract
from kefu_check.review.inputs import extract_file, load_for_review

CORPUS = FIXTURES / "corpus"
MANIFEST = json.loads((FIXTURES / "corpus.json").read_text(encoding="utf-8"))


def document(name: str) -> Path:
    (path,) = [p for p in CORPUS.glob(f"{name}.*") if p.suffix in (".docx", ".txt")]
    return path


def test_the_corpus_is_at_least_twenty_documents_from_both_makers():
    names = sorted(MANIFEST)
    assert len(names) >= 20
    assert any(n.startswith("docx-") for n in names) and any(n.startswith("lo-") for n in names)
    assert any(document(n).suffix == ".txt" for n in names)


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_extracts_exactly_the_stated_contract(name):
    ex, contract = extract_file(document(name))
    want, _ = load_contract_data(json.loads((CORPUS / f"{name}.contract.json").read_text(encoding="utf-8")), name)
    assert contract == want
    assert ex.unreadable == () or "review.unread" in MANIFEST[name]["findings"]


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_reviews_with_exactly_its_findings(name):
    path = document(name)
    contract, source = load_for_review(path)
    review = review_contract(contract, source, path.name, "en")
    assert sorted({f.id for f in review.findings}) == MANIFEST[name]["findings"]
    golden(CORPUS / f"{name}.expected.json", review.as_json())


def test_annotated_copy_has_each_located_finding_on_its_paragraph(kefu):
    import docx

    from kefu_check.review.annotate import _anchors_of_docx

    source = document("docx-blanks")
    before = source.read_bytes()
    target = kefu.dir / "reviewed.docx"
    run = kefu.run("review", "--format", "json", "--lang", "en", source, "--annotate", target)
    assert run.code == 1 and source.read_bytes() == before
    findings = [f for f in json.loads(run.out)["findings"] if f["location"].get("line")]
    copy = docx.Document(str(target))
    comments = {c.comment_id: c for c in copy.comments}
    anchors = _anchors_of_docx(copy)
    assert len(comments) == len(findings) > 0
    by_paragraph: dict[int, list[str]] = {}
    for n, anchor in anchors.items():
        for ref in anchor.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}commentRangeStart"):
            cid = int(ref.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}id"))
            by_paragraph.setdefault(n, []).append(comments[cid].text)
    for finding in findings:
        texts = by_paragraph.get(finding["location"]["line"], [])
        assert any(finding["message"] in t and finding["suggestion"] in t for t in texts), finding
    assert {c.author for c in comments.values()} == {"kefu-check"}


def test_annotate_a_txt_and_refuse_a_contract_json(kefu):
    target = kefu.dir / "t.docx"
    run = kefu.run("review", FIXTURES / "template.zh.txt", "--annotate", target)
    assert run.code == 1 and target.exists()
    run = kefu.run("review", "--lang", "en", FIXTURES / "filled.contract.json", "--annotate", kefu.dir / "x.docx")
    assert run.code == 2 and "--annotate needs an agreement" in run.err


@pytest.mark.parametrize("suffix", [".pdf", ".doc", ".wps", ".odt"])
@pytest.mark.parametrize("command", ["review", "extract"])
def test_other_formats_say_save_as_docx(kefu, suffix, command):
    run = kefu.run(command, "--lang", "en", kefu.write(f"agreement{suffix}", "x"))
    assert run.code == 2 and run.err.count("\n") == 1 and "save it as .docx" in run.err
    run = kefu.run(command, kefu.write(f"agreement{suffix}", "x"))  # Chinese by default
    assert run.code == 2 and run.err.count("\n") == 1 and "另存为 .docx" in run.err


def test_extract_writes_unread_values_to_stderr(kefu):
    run = kefu.run("extract", "--lang", "en", document("para-unread-fee"), "-o", kefu.dir / "c.json")
    assert run.code == 0
    (line,) = [ln for ln in run.err.splitlines() if "fees.monthly_fee" in ln]
    assert line.startswith("4.2 line 59: cannot read fees.monthly_fee = 4.2具体费率标准为") and "报价单" in line


def test_extract_reads_the_credit_and_its_cap(kefu):
    out = kefu.dir / "c.json"
    assert kefu.run("extract", document("para-liability-article"), "-o", out).code == 0
    remedies = json.loads(out.read_text(encoding="utf-8"))["remedies"]
    assert (remedies["service_credit_percent"], remedies["service_credit_cap_percent"]) == ("5", "20")
