"""Reading people's YAML files safely."""

from __future__ import annotations

import itertools
import time

import pytest

from workbench import yamlfile
from workbench.errors import WorkbenchError

LEVELS = "abcdefghi"
BOMB = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{b}: &{b} [{', '.join(['*' + a] * 9)}]\n" for a, b in itertools.pairwise(LEVELS)
)


def test_alias_bomb_refused_fast(tmp_path):
    """Is a few-hundred-byte alias bomb refused at once, with a short message?"""
    path = tmp_path / "bom.yaml"
    path.write_text(BOMB, encoding="utf-8")
    start = time.process_time()
    with pytest.raises(WorkbenchError) as err:
        yamlfile.load(path, what="Kartu skenario")
    assert time.process_time() - start < 5  # minutes before; generous against slow CI
    assert "alias" in str(err.value) and len(str(err.value)) < 300


def test_recursive_alias_refused():
    """Is an alias inside its own anchor refused instead of looping?"""
    with pytest.raises(WorkbenchError, match="dirinya sendiri"):
        yamlfile.load("x.yaml", text="&a [1, *a]")


def test_ordinary_aliases_and_times():
    """Do small aliases still work, and clock times stay text?"""
    data = yamlfile.load("x.yaml", text="buka: 07:30\nn: 5\nx: [&k {a: 1}, *k]")
    assert data == {"buka": "07:30", "n": 5, "x": [{"a": 1}, {"a": 1}]}


def test_invalid_yaml_names_line(tmp_path):
    """Does invalid YAML say which line, in Indonesian?"""
    with pytest.raises(WorkbenchError) as err:
        yamlfile.load("kartu.yaml", text="nama: x\nhari: [1,\n", what="Kartu skenario")
    assert "bukan YAML yang sah" in str(err.value)
    assert err.value.problems[0].row is not None
