"""The parsed-YAML cache: same data with or without it, content-keyed, and never fatal."""

from __future__ import annotations

from pathlib import Path

import pytest

from recordlint.errors import RulePackError
from recordlint.ruleset.loader import read_yaml


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("RECORDLINT_NO_CACHE", raising=False)
    return tmp_path / "cache" / "recordlint" / "packs"


def test_second_read_comes_from_the_cache_and_matches(tmp_path, cache_home):
    pack = tmp_path / "p.yaml"
    pack.write_text("pack: p\nrules: [{id: p.a, terms: [x, y]}]\n", encoding="utf-8")
    first = read_yaml(pack)
    assert len(list(cache_home.glob("*.json"))) == 1
    assert read_yaml(pack) == first


def test_changed_content_is_parsed_again(tmp_path, cache_home):
    pack = tmp_path / "p.yaml"
    pack.write_text("a: 1\n", encoding="utf-8")
    assert read_yaml(pack) == {"a": 1}
    pack.write_text("a: 2\n", encoding="utf-8")
    assert read_yaml(pack) == {"a": 2}


def test_data_json_cannot_keep_is_not_cached(tmp_path, cache_home):
    pack = tmp_path / "p.yaml"
    pack.write_text("when: 2024-05-01\n1: one\n", encoding="utf-8")
    data = read_yaml(pack)
    assert 1 in data
    assert not cache_home.exists() or not list(cache_home.glob("*.json"))


def test_aliases_are_refused_and_never_cached(tmp_path, cache_home):
    pack = tmp_path / "p.yaml"
    pack.write_text("a: &x [1, 2]\nb: *x\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(RulePackError, match="aliases"):
            read_yaml(pack)
    assert not cache_home.exists() or not list(cache_home.glob("*.json"))


def test_cache_can_be_turned_off(tmp_path, cache_home, monkeypatch):
    monkeypatch.setenv("RECORDLINT_NO_CACHE", "1")
    pack = tmp_path / "p.yaml"
    pack.write_text("a: 1\n", encoding="utf-8")
    assert read_yaml(pack) == {"a": 1}
    assert not cache_home.exists()


def test_an_unwritable_or_corrupt_cache_is_not_an_error(tmp_path, cache_home):
    pack = tmp_path / "p.yaml"
    pack.write_text("a: 1\n", encoding="utf-8")
    read_yaml(pack)
    for entry in cache_home.glob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    assert read_yaml(pack) == {"a": 1}
    Path(cache_home.parent).chmod(0o500)
    try:
        pack.write_text("a: 3\n", encoding="utf-8")
        assert read_yaml(pack) == {"a": 3}
    finally:
        Path(cache_home.parent).chmod(0o700)
