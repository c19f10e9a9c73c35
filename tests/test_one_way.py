"""`make lint` enforces one way to do each thing: every rule catches a planted violation.

The rules live in two places: ruff's configuration in ``pyproject.toml`` (banned calls, size
limits) and ``tools/check_one_way.py`` (what ruff cannot express). Each test plants the
habit the rule forbids and asks whether it is caught, and that the one home of the thing is not.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RUFF = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")

_spec = importlib.util.spec_from_file_location("check_one_way", ROOT / "tools/check_one_way.py")
check_one_way = importlib.util.module_from_spec(_spec)
sys.modules["check_one_way"] = check_one_way  # its dataclasses look their module up
_spec.loader.exec_module(check_one_way)


def codes(source: str, where: str = "workbench/skm/planted.py") -> list[str]:
    return [f.code for f in check_one_way.check_source(source, where)]


def ruff(source: str, where: str) -> str:
    """ruff's findings for ``source`` as if it were the file ``where`` (project settings)."""
    if RUFF is None:
        pytest.skip("ruff tidak terpasang (make .venv/.installed-dev)")
    done = subprocess.run(
        [RUFF, "check", "--no-cache", "--output-format", "concise", "--stdin-filename", where, "-"],
        input=source,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    return done.stdout


# --- tools/check_one_way.py -------------------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        "def f(x):\n    return float(str(x).replace(',', '.'))\n",
        "def f(text):\n    cleaned = text.strip().replace(',', '.')\n    return float(cleaned)\n",
        "def f(s):\n    return s.str.replace(',', '.').astype(float)\n",
        "import pandas as pd\n\ndef f(s):\n    return pd.to_numeric(s.str.replace(',', '.'))\n",
    ],
)
def test_a_hand_parsed_decimal_comma_is_caught(source):
    """Is `.replace(",", ".")` fed to float/int/to_numeric/astype caught (it reads "1.500"
    as 1.5), directly or through a variable?"""
    assert codes(source) == ["OW001"]


def test_replacing_commas_for_other_reasons_is_not_a_number_parser():
    """Is a comma replaced in text that never becomes a number left alone?"""
    assert codes("def f(names):\n    return names.replace(',', ' ').split()\n") == []


@pytest.mark.parametrize(
    "source",
    [
        'def f(x):\n    return f"rata-rata {x:.1f} menit"\n',
        'def f(n):\n    return f"{n:,} jawaban"\n',
        'def f(p):\n    return f"{p:.0%} responden"\n',
        'def f(x):\n    return "beban {:.2f} loket".format(x)\n',
        'def f(x):\n    return "nilai %.2f" % x\n',
        'def f(x):\n    return format(x, ".2f")\n',
        'def f(x):\n    return f"{x:g} menit"\n',
    ],
)
def test_a_number_formatted_by_hand_in_text_is_caught(source):
    """Is a number written with Python's English format specs (1,234.5 and 24.4%) caught?"""
    assert codes(source) == ["OW002"]


def test_dates_clock_padding_and_plain_values_in_text_are_not_numbers_formatted_by_hand():
    """Are a date format, alignment and a plain value left alone by the number rule?"""
    source = 'def f(d, name, n):\n    return f"{d:%d-%m-%Y} {name:>10} {n} {n!r}"\n'
    assert codes(source) == []


def test_a_decimal_comma_put_in_by_hand_is_caught():
    """Is `.replace(".", ",")` on a formatted number caught?"""
    assert codes('def f(x):\n    return str(round(x, 2)).replace(".", ",")\n') == ["OW003"]


def test_number_rules_apply_to_the_product_not_to_developer_scripts():
    """Do the formatting rules apply to workbench/ (what users read) and not to a benchmark?"""
    source = 'def f(x):\n    return f"{x:.2f} s"\n'
    assert codes(source, "workbench/simulation/planted.py") == ["OW002"]
    assert codes(source, "benchmarks/bench_planted.py") == []
    assert codes(source, "workbench/formatting.py") == []  # the one home


@pytest.mark.parametrize(
    "source",
    [
        "def f(settings):\n    return settings.timezone\n",
        "from workbench.config import get_settings\n\n"
        "def f():\n    return get_settings().timezone\n",
        "def f(s):\n    return s.dt.tz_localize('Asia/Jakarta')\n",
        "from workbench.data.schema import office_tz\n\n"
        "def f(s):\n    return s.dt.tz_convert(office_tz())\n",
        "import pandas as pd\n\n"
        "def f():\n    return pd.Timestamp('2025-01-01', tz='Asia/Jakarta')\n",
    ],
)
def test_the_office_time_zone_reached_around_the_settings_is_caught(source):
    """Is the zone taken from the setting's text or written in code caught (one source:
    get_settings().tz)?"""
    assert codes(source) == ["OW004"]


def test_utc_and_datetime_timezone_are_not_the_office_zone():
    """Are UTC conversions and datetime.timezone left alone?"""
    source = (
        "import datetime as dt\n\ndef f(s):\n    return s.dt.tz_convert('UTC'), dt.timezone.utc\n"
    )
    assert codes(source) == []


def test_the_nip_pattern_written_again_is_caught():
    """Is a second copy of the NIP pattern caught outside workbench.data.nip?"""
    source = "import re\n\nNIP = re.compile(r'^\\d{18}$')\n"
    assert codes(source) == ["OW005"]
    assert codes(source, "workbench/data/nip.py") == []


def test_a_noqa_with_the_code_and_a_reason_lets_one_line_through():
    """Does `# noqa: OW002 - reason` exempt exactly that rule on that line?"""
    source = 'def f(x):\n    return f"{x:.0f}%"  # noqa: OW002 - a CSS width\n'
    assert codes(source) == []
    assert codes(source.replace("OW002", "OW001")) == ["OW002"]


def test_the_project_keeps_every_one_way_rule():
    """Does the tree pass the checker, as `make lint` runs it (and does make lint run it)?"""
    findings = [
        str(f)
        for path in check_one_way.project_files()
        for f in check_one_way.check_source(
            path.read_text(encoding="utf-8"), path.relative_to(ROOT).as_posix()
        )
    ]
    assert findings == []
    assert "tools/check_one_way.py" in (ROOT / "Makefile").read_text(encoding="utf-8")


# --- ruff: banned calls and size limits (pyproject.toml) ------------------------------------


@pytest.mark.parametrize(
    ("call", "imports", "home"),
    [
        ("pd.to_datetime(x)", "import pandas as pd", "workbench/data/dates.py"),
        ("sqlite3.connect(x)", "import sqlite3", "workbench/storage.py"),
        ("os.replace(x, x)", "import os", "workbench/storage.py"),
        ("ZoneInfo(x)", "from zoneinfo import ZoneInfo", "workbench/config.py"),
        ("yaml.safe_load(x)", "import yaml", "workbench/yamlfile.py"),
    ],
)
def test_a_banned_call_is_caught_outside_its_one_home(call, imports, home):
    """Is each call that has one home refused elsewhere (with the home named) and allowed
    there?"""
    source = f"{imports}\n\n\ndef f(x):\n    return {call}\n"
    found = ruff(source, "workbench/skm/planted.py")
    assert "TID251" in found and "workbench." in found
    assert "TID251" not in ruff(source, home)


def _branches(n: int) -> str:
    body = "".join(f"    if x == {i}:\n        return {i}\n" for i in range(n))
    return f"def f(x):\n{body}    return -1\n"


def test_a_function_over_the_size_limits_is_caught():
    """Are complexity over 10, more than 12 branches and more than 40 statements refused,
    and a function at the limits accepted?"""
    assert "C901" not in ruff(_branches(9), "workbench/skm/planted.py")
    too_complex = ruff(_branches(13), "workbench/skm/planted.py")
    assert "C901" in too_complex and "PLR0912" in too_complex
    long = "def f():\n" + "".join(f"    a{i} = {i}\n" for i in range(41)) + "    return a0\n"
    assert "PLR0915" in ruff(long, "workbench/skm/planted.py")
