"""Numbers, shares, clock times and dates as an Indonesian reader writes them."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from workbench import formatting as fmt


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1234.56, 1, "1.234,6"),
        (np.float64(0.2438), 2, "0,24"),
        (np.int64(4476), None, "4.476"),
        (1234567, 0, "1.234.567"),
        (-1234.5, 1, "-1.234,5"),
        (-0.04, 1, "0,0"),
        (0.125, 2, "0,13"),  # half up, as people round (binary float 0.125 is exact)
        (2.675, 2, "2,68"),  # the decimal 2.675, not the binary 2.67499...
        (88.305, 2, "88,31"),
        (0.1, None, "0,1"),
        (float("nan"), 1, "–"),
        (None, 1, "–"),
        (float("inf"), 1, "∞"),
    ],
)
def test_number(value, decimals, expected):
    """Is every number written with a thousands dot, a decimal comma and half-up rounding?"""
    assert fmt.number(value, decimals) == expected


def test_count_percent():
    """Are counts whole with dots, and shares percentages with a comma?"""
    assert fmt.count(np.int64(12345)) == "12.345"
    assert fmt.percent(0.2438) == "24,4%"
    assert fmt.percent(1) == "100,0%"
    assert fmt.percent(pd.NA) == "–"


def test_number_refuses_text():
    """Is text passed as a number a programming error, not a silently printed string?"""
    with pytest.raises(TypeError):
        fmt.number("12")


def test_clock():
    """Are clock times HH:MM from minutes, times and (aware) timestamps?"""
    assert fmt.clock(495) == "08:15"
    assert fmt.clock(494.6) == "08:15"
    assert fmt.clock(dt.time(7, 30)) == "07:30"
    assert fmt.clock(pd.Timestamp("2025-02-05 01:15", tz="UTC")) == "08:15"
    assert fmt.clock(None) == "–"


def test_dates():
    """Are dates day first, in words with Indonesian months, and moments in WIB?"""
    assert fmt.date(dt.date(2025, 2, 5)) == "05-02-2025"
    assert fmt.date_long(pd.Timestamp("2025-08-17")) == "17 Agustus 2025"
    assert fmt.timestamp(pd.Timestamp("2025-02-05 01:15", tz="UTC")) == "05-02-2025 08.15 WIB"
    assert fmt.date(pd.NaT) == "–"


def test_label():
    """Does every column read as words, known ones with their unit?"""
    assert fmt.label("rata_tunggu") == "Rata-rata waktu tunggu (menit)"
    assert fmt.label("kolom_baru") == "Kolom baru"


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (1.25, 2, "+1,25"),
        (-0.4, 1, "-0,4"),
        (0.0, 2, "0,00"),
        (0.004, 2, "0,00"),
        (1234.5, 1, "+1.234,5"),
    ],
)
def test_signed_change(value, decimals, text):
    """Is a change written with its sign (+1,25; -0,4) and no change without one (0,00)?"""
    assert fmt.signed(value, decimals) == text


def test_simulation_summary_labels_come_from_the_one_table():
    """Does the simulation summary name its indicators with formatting's labels and units?"""
    from workbench.simulation import Scenario, simulate

    office = Scenario.mmc(arrivals_per_hour=30, mean_service_minutes=4, counters=3, hours=2)
    summary = simulate(office, replications=2, seed=1).summary()
    assert summary.loc["rata_tunggu", "indikator"] == fmt.LABELS["rata_tunggu"]
    assert summary.loc["rata_tunggu", "satuan"] == fmt.UNITS["rata_tunggu"] == "menit"
