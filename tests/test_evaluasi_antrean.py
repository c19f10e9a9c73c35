"""Queue-ticket exports as offices have them: title lines, vendors' column names, time-only
columns, Indonesian dates, Excel; every problem named by row; synthetic exports whose training
effect is known because the same citizens are also served without it."""

from __future__ import annotations

import datetime as dt

import numpy as np
import openpyxl
import pandas as pd
import pytest

from workbench.data.antrean import (
    KANTOR_CONTOH,
    generate_antrean,
    not_served,
    read_queue_export,
    read_queue_folder,
    write_queue_export,
)
from workbench.errors import WorkbenchError

VENDOR_CSV = (
    "LAPORAN ANTRIAN KELURAHAN GENTING KALIANAK\n"
    "Periode 06/01/2025 s.d. 07/01/2025\n"
    "\n"
    "No. Antrian;Jenis Layanan;Tanggal;Jam Ambil;Jam Panggil;Counter;Jam Selesai;Status\n"
    "A001;KTP-el;06/01/2025;07.31;07.40;1;07.52;Selesai\n"
    "A002;KTP-el;06/01/2025;07:33:20;07:52:05;1;08:01:00;Selesai\n"
    "B001;Kartu Keluarga;06/01/2025;07.35;;;;Tidak Hadir\n"
    "A001;KTP-el;07/01/2025;08.02;08.02;2;08.10;Selesai\n"
)


def _write(tmp_path, text, name="antrian.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def test_vendor_csv_with_title_lines_and_time_only_columns(tmp_path):
    """Are title lines skipped, 'No. Antrian'/'Counter' recognised, '07.31' and '07:33:20' put
    on their row's date (day first) in WIB, and the waits computed in minutes?"""
    tickets = read_queue_export(_write(tmp_path, VENDOR_CSV), kantor="Kelurahan Genting Kalianak")
    assert list(tickets["no_tiket"]) == ["A001", "A002", "B001", "A001"]
    assert str(tickets["ambil"].dt.tz) == "Asia/Jakarta"
    first = tickets.iloc[0]
    assert first["ambil"] == pd.Timestamp("2025-01-06 07:31", tz="Asia/Jakarta")
    assert first["tunggu_menit"] == pytest.approx(9.0)
    assert first["layanan_menit"] == pytest.approx(12.0)
    assert tickets.iloc[1]["tunggu_menit"] == pytest.approx((52 * 60 + 5 - 33 * 60 - 20) / 60)
    assert pd.isna(tickets.iloc[2]["panggil"]) and pd.isna(tickets.iloc[2]["tunggu_menit"])
    assert tickets.iloc[3]["tanggal"] == pd.Timestamp("2025-01-07", tz="Asia/Jakarta")
    assert set(tickets["kantor"]) == {"Kelurahan Genting Kalianak"}
    assert list(not_served(tickets["status"])) == [False, False, True, False]


def test_windows_1252_export_with_full_datetimes_and_no_date_column(tmp_path):
    """Does an export from an older machine (Windows-1252, comma separated, 'Waktu Ambil' as
    full day-first date-times, no date column, an office column) read right?"""
    text = (
        "Nomor Antrean,Pelayanan,Waktu Ambil,Waktu Panggil,Loket,Unit\n"
        "1,Legalisir – cap,06/01/2025 08.15,06/01/2025 08.20,2,Kecamatan Asemrowo\n"
        "2,Surat Keterangan,06/01/2025 08.16,06/01/2025 08.31,1,Kecamatan Asemrowo\n"
    )
    tickets = read_queue_export(_write(tmp_path, text, encoding="cp1252"))
    assert list(tickets["kantor"]) == ["Kecamatan Asemrowo"] * 2
    assert tickets["layanan"].iloc[0] == "Legalisir – cap"
    assert list(tickets["tunggu_menit"]) == pytest.approx([5.0, 15.0])
    assert tickets["tanggal"].iloc[0] == pd.Timestamp("2025-01-06", tz="Asia/Jakarta")
    assert tickets["selesai"].isna().all()  # this machine does not record the end


def test_excel_export_with_a_title_row_and_time_cells(tmp_path):
    """Does an .xlsx with a title row, real Excel time cells and a date cell read the same as
    the CSV, with problems numbered as Excel shows the rows?"""
    path = tmp_path / "antrian.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Rekap Antrian Kecamatan Asemrowo"])
    sheet.append([])
    sheet.append(["No Antrian", "Layanan", "Tanggal", "Jam Ambil", "Jam Panggil", "Loket"])
    sheet.append(["A001", "KTP-el", dt.datetime(2025, 1, 6), dt.time(7, 31), dt.time(7, 40), 1])
    sheet.append(["A002", "KTP-el", dt.datetime(2025, 1, 6), dt.time(7, 45), dt.time(7, 41), 1])
    book.save(path)
    with pytest.raises(WorkbenchError) as caught:
        read_queue_export(path, kantor="Kecamatan Asemrowo")
    problem = caught.value.problems[0]
    assert problem.row == 5 and "dipanggil sebelum tiket diambil" in problem.message
    sheet.delete_rows(5)
    book.save(path)
    tickets = read_queue_export(path, kantor="Kecamatan Asemrowo")
    assert tickets["tunggu_menit"].tolist() == pytest.approx([9.0])
    assert tickets["loket"].tolist() == ["1"]


def test_every_problem_is_named_by_row_and_column(tmp_path):
    """Are a time that is no time, a call before the ticket, and a ticket number twice on one
    day all reported at once, with the rows a person sees (title lines counted)?"""
    text = (
        "REKAP ANTRIAN\n"
        "No Antrian;Layanan;Tanggal;Jam Ambil;Jam Panggil;Loket\n"
        "A001;KTP-el;06/01/2025;07.31;07.40;1\n"
        "A002;KTP-el;06/01/2025;25.70;07.52;1\n"
        "A003;KTP-el;06/01/2025;08.00;07.50;1\n"
        "A001;KTP-el;06/01/2025;08.10;08.20;1\n"
    )
    with pytest.raises(WorkbenchError) as caught:
        read_queue_export(_write(tmp_path, text), kantor="Kelurahan Asemrowo")
    found = {(p.row, p.column) for p in caught.value.problems}
    assert (4, "ambil") in found  # 25.70 is not a time
    assert any(p.row == 5 and "dipanggil sebelum" in p.message for p in caught.value.problems)
    assert any(p.row == 6 and "kembar" in p.message for p in caught.value.problems)
    assert "antrian.csv" in str(caught.value)


def test_a_file_that_is_not_a_queue_export_says_what_it_needs(tmp_path):
    """Does a file without ticket/taken/called columns name the columns it found and the
    names to use?"""
    path = _write(tmp_path, "nama;umur\nBudi;30\n")
    with pytest.raises(WorkbenchError) as caught:
        read_queue_export(path, kantor="X")
    text = str(caught.value)
    assert "'nama'" in text and "Jam Ambil" in text and "Jam Panggil" in text


def test_an_export_without_office_asks_for_one(tmp_path):
    """Is an export with no office column and no kantor refused with what to do?"""
    with pytest.raises(WorkbenchError, match="kantor"):
        read_queue_export(_write(tmp_path, VENDOR_CSV))


@pytest.fixture(scope="module")
def synthetic():
    return generate_antrean(
        seed=11,
        start="2025-01-01",
        end="2025-06-30",
        kantor=KANTOR_CONTOH[:2],
        pelatihan={"Kecamatan Asemrowo": "2025-04-14"},
        faktor_layanan=0.85,
    )


def test_written_exports_read_back_exactly(synthetic, tmp_path):
    """Does an export written as a machine would (title line, ';', times HH.MM.SS, .csv and
    .xlsx) read back to the same tickets and waits?"""
    office = "Kelurahan Asemrowo"
    part = synthetic.tiket[synthetic.tiket["kantor"] == office].head(300).reset_index(drop=True)
    for name in ("ekspor.csv", "ekspor.xlsx"):
        path = write_queue_export(part, tmp_path / name, title=f"LAPORAN ANTRIAN {office}")
        back = read_queue_export(path, kantor=office)
        assert back["no_tiket"].tolist() == part["no_tiket"].tolist()
        np.testing.assert_allclose(
            back["tunggu_menit"].to_numpy(float), part["tunggu_menit"].to_numpy(float)
        )
        assert back["ambil"].equals(part["ambil"])


def test_folder_of_exports_takes_the_office_from_the_subfolder(synthetic, tmp_path):
    """Do exports in 'antrean/<office>/' take the subfolder's name as their office, and are
    the problems of every file reported together?"""
    for office in ("Kecamatan Asemrowo", "Kelurahan Asemrowo"):
        part = synthetic.tiket[synthetic.tiket["kantor"] == office].head(50)
        write_queue_export(part, tmp_path / "antrean" / office / "januari.csv")
    both = read_queue_folder(tmp_path / "antrean")
    assert set(both["kantor"]) == {"Kecamatan Asemrowo", "Kelurahan Asemrowo"}
    assert len(both) == 100
    (tmp_path / "antrean" / "rusak.csv").write_text("nama;umur\nBudi;30\n", encoding="utf-8")
    with pytest.raises(WorkbenchError) as caught:
        read_queue_folder(tmp_path / "antrean")
    assert any(p.file == "rusak.csv" for p in caught.value.problems)


def test_synthetic_effect_is_planted_only_where_and_when_trained(synthetic):
    """Are the untrained office's tickets identical in both runs, the trained office's identical
    before its training day, and its services shorter afterwards by the planted factor?"""
    tiket, tanpa = synthetic.tiket, synthetic.tanpa_pelatihan
    other = tiket["kantor"] == "Kelurahan Asemrowo"
    pd.testing.assert_frame_equal(tiket[other], tanpa[other])
    trained = tiket["kantor"] == "Kecamatan Asemrowo"
    day = pd.Timestamp("2025-04-14", tz="Asia/Jakarta")
    before = trained & (tiket["tanggal"] < day)
    pd.testing.assert_frame_equal(tiket[before], tanpa[before])
    after = trained & (tiket["tanggal"] >= day)
    assert tiket.loc[after, "ambil"].equals(tanpa.loc[after, "ambil"])  # the same citizens
    ratio = tiket.loc[after, "layanan_menit"].median() / tanpa.loc[after, "layanan_menit"].median()
    assert ratio == pytest.approx(0.85, abs=0.02)
    assert tiket.loc[after, "tunggu_menit"].mean() < tanpa.loc[after, "tunggu_menit"].mean()


def test_synthetic_exports_follow_the_office_calendar(synthetic):
    """No tickets on holidays or weekends, Mondays busier than Wednesdays, the same seed gives
    the same tickets, and ticket numbers restart every day per service letter."""
    days = synthetic.tiket["tanggal"].dt.tz_localize(None)
    assert (days.dt.day_of_week < 5).all()
    assert not days.isin([pd.Timestamp("2025-03-31"), pd.Timestamp("2025-04-02")]).any()
    kec = synthetic.tiket[synthetic.tiket["kantor"] == "Kecamatan Asemrowo"]
    per_day = kec.groupby("tanggal").size()
    weekday = per_day.index.tz_localize(None).day_of_week
    assert per_day[weekday == 0].mean() > 1.2 * per_day[weekday == 2].mean()
    again = generate_antrean(
        seed=11,
        start="2025-01-01",
        end="2025-06-30",
        kantor=KANTOR_CONTOH[:2],
        pelatihan={"Kecamatan Asemrowo": "2025-04-14"},
    )
    pd.testing.assert_frame_equal(again.tiket, synthetic.tiket)
    assert not kec.duplicated(["tanggal", "no_tiket"]).any()
    assert (kec["no_tiket"].str.match(r"^[A-H]\d{3}$")).all()


def test_generator_refuses_unknown_offices_and_silly_factors():
    """Are a training at an office that is not in the list and a factor of 0 refused?"""
    with pytest.raises(WorkbenchError, match="Kelurahan Entah"):
        generate_antrean(
            seed=1,
            start="2025-01-01",
            end="2025-01-31",
            pelatihan={"Kelurahan Entah": "2025-01-10"},
        )
    with pytest.raises(WorkbenchError, match="faktor_layanan"):
        generate_antrean(seed=1, start="2025-01-01", end="2025-01-31", faktor_layanan=0)
