"""One reader of people's dates: day first, as Indonesians write them."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from workbench.data.dates import from_seconds, parse_date, parse_dates, parse_stamps
from workbench.errors import WorkbenchError

FEB5 = dt.date(2025, 2, 5)


@pytest.mark.parametrize(
    "text",
    [
        "05/02/2025",
        "5/2/2025",
        "05-02-2025",
        "05.02.2025",
        "2025-02-05",
        "2025/02/05",
        "5 Februari 2025",
        "5 Feb 2025",
        "05-Feb-2025",
        " 05/02/2025 ",
        "05/02/2025 08.15",
        "2025-02-05T08:15:00",
        "2025-02-05T01:15:00Z",
    ],
)
def test_parse_date_day_first(text):
    """Is every written form of 5 February 2025 read as 5 February, never 2 May?"""
    assert parse_date(text) == FEB5


def test_parse_date_values():
    """Are dates, datetimes and aware timestamps taken as the office's calendar day?"""
    assert parse_date(FEB5) == FEB5
    assert parse_date(dt.datetime(2025, 2, 5, 23, 0)) == FEB5
    assert parse_date(pd.Timestamp("2025-02-04 20:00", tz="UTC")) == FEB5  # 03:00 WIB


@pytest.mark.parametrize("bad", ["", "  ", None, "31/02/2025", "Senin", "2025", "5/2/25", 45000])
def test_parse_date_refuses(bad):
    """Is a value that is not a full date refused in Indonesian, naming the place?"""
    with pytest.raises(WorkbenchError) as err:
        parse_date(bad, where="rencana.csv, baris 3, kolom 'tenggat'")
    assert "rencana.csv, baris 3" in str(err.value)
    assert "05/02/2025" in str(err.value)


def test_parse_dates_vectorised():
    """Does the vectorised form mark bad rows and leave empty cells missing, not bad?"""
    values = pd.Series(["05/02/2025", "", None, "bukan", "6 Januari 2025"], dtype="str")
    parsed, bad = parse_dates(values)
    assert parsed.iloc[0] == pd.Timestamp("2025-02-05")
    assert parsed.iloc[4] == pd.Timestamp("2025-01-06")
    assert list(bad) == [False, False, False, True, False]
    stamps, bad = parse_dates(pd.Series(["05/02/2025 08.15"]), with_time=True)
    assert stamps.iloc[0] == pd.Timestamp("2025-02-05 08:15") and not bad.any()
    aware = pd.Series(pd.to_datetime(["2025-02-05 01:15"]).tz_localize("UTC"))
    assert parse_dates(aware, with_time=True)[0].iloc[0] == pd.Timestamp("2025-02-05 08:15")
    assert parse_dates(aware)[1].dtype == np.bool_


def test_stamps_the_workbench_wrote_are_read_in_office_time():
    """Is a progress record's '2025-02-05T01:15:00+00:00' 08:15 WIB, and a broken one NaT?"""
    stamps = parse_stamps(pd.Series(["2025-02-05T01:15:00+00:00", "", "rusak"], index=[7, 8, 9]))
    assert stamps.index.tolist() == [7, 8, 9]
    assert str(stamps.dt.tz) == "Asia/Jakarta"
    assert stamps.iloc[0] == pd.Timestamp("2025-02-05 08:15", tz="Asia/Jakarta")
    assert stamps.iloc[1:].isna().all()


def test_seconds_since_1970_become_wall_clock_datetimes():
    """Do the generators' clock seconds become datetimes to the second, NaN staying NaT?"""
    out = from_seconds(np.array([1738743300.0, np.nan]))
    assert out.dtype == "datetime64[s]"
    assert out.iloc[0] == pd.Timestamp("2025-02-05 08:15") and pd.isna(out.iloc[1])


def test_the_old_office_tz_function_still_answers_with_a_warning():
    """Does schema.office_tz() (now get_settings().tz) still work for old code, warned?"""
    from workbench.data import schema

    with pytest.warns(DeprecationWarning, match="get_settings"):
        assert schema.office_tz() == "Asia/Jakarta"
