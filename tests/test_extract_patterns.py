"""The pattern files load, and a malformed row is reported with its file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from vietkg.ingest import patterns
from vietkg.ingest.patterns import PatternError, read_rows


def test_pattern_files_load() -> None:
    assert "nguyễn" in patterns.surnames()
    assert patterns.posts()[0].written  # longest first
    assert [p.written for p in patterns.posts()].index("Phó Bí thư Thường trực") < [
        p.written for p in patterns.posts()].index("Phó Bí thư")
    assert patterns.doc_kinds()["qđi"] == "QĐi"
    assert {k for k, _ in patterns.event_triggers()} >= {"ky_ket", "phat_dong", "so_ket", "tong_ket", "khen_thuong"}
    assert {m for m, _ in patterns.impl_cues()} == {"committed", "directed", "reported", "reviewed"}
    assert patterns.party_terms()[-1][0] == "XIV"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("kind,text\nname,Hồ Chí Minh\nplace,Hà Nội,extra\n", "bad.csv:3: wrong number of fields"),
        ("kind,text\n,Hồ Chí Minh\n", "bad.csv:2: empty 'kind'"),
        ("kind\nname\n", "bad.csv:1: missing columns ['text']"),
    ],
)
def test_malformed_rows_name_file_and_line(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(PatternError, match=message.replace("[", r"\[").replace("]", r"\]")):
        read_rows("bad.csv", ["kind", "text"], path)


def test_body_grammar_is_consistent() -> None:
    grammar = patterns.body_grammar()
    levels = {v for _, v in grammar["level"]}
    for text, value in grammar["committee"]:
        assert value and set(value.split("|")) <= levels, f"committee {text!r} leads unknown levels {value!r}"
    assert ("Ban Chỉ đạo", "") in grammar["numbered"]


def test_courtesy_words_and_kind_labels() -> None:
    assert {"ông", "bà", "đồng chí"} <= patterns.not_people()["honorific"]
    assert all(w == w.lower() for w in patterns.not_people()["honorific"])
    labels = dict(patterns.kind_labels())
    assert (labels["Nghị quyết"], labels["Luật"], labels["Pháp lệnh"]) == ("NQ", "L", "PL")
    names = [n for n, _ in patterns.kind_labels()]
    assert names == sorted(names, key=len, reverse=True)  # longest first
