"""Settings: defaults that work out of the box, one file to change them, clear errors."""

from __future__ import annotations

import pytest

from workbench.config import load_settings
from workbench.errors import WorkbenchError


def test_defaults_work_without_a_settings_file(tmp_path, monkeypatch):
    """Without workbench.toml, are the Asemrowo defaults used with paths under the home?"""
    monkeypatch.delenv("WORKBENCH_CONFIG", raising=False)
    s = load_settings(home=tmp_path)
    assert s.office_name == "Kecamatan Asemrowo"
    assert s.timezone == "Asia/Jakarta" and str(s.tz) == "Asia/Jakarta"
    assert s.service_standard_minutes == 15 and s.minutes_per_jp == 45 and s.jp_per_year == 20
    assert s.state_dir == tmp_path / "var"
    assert s.data_dir == tmp_path / "notebooks" / "data"
    assert s.gradebook_url.endswith("/var/gradebook.db")
    assert s.config_file is None


def test_settings_file_overrides_defaults(tmp_path, monkeypatch):
    """Does a value in workbench.toml replace the default, and relative paths resolve from home?"""
    monkeypatch.delenv("WORKBENCH_CONFIG", raising=False)
    (tmp_path / "workbench.toml").write_text(
        '[office]\nname = "Kelurahan Genting Kalianak"\nservice_standard_minutes = 20\n'
        '[paths]\nstate = "cadangan/state"\n',
        encoding="utf-8",
    )
    s = load_settings(home=tmp_path)
    assert s.office_name == "Kelurahan Genting Kalianak"
    assert s.service_standard_minutes == 20.0
    assert s.state_dir == tmp_path / "cadangan" / "state"


def test_every_mistake_in_the_file_is_listed(tmp_path):
    """Does a wrong settings file raise one Indonesian error listing every mistake?"""
    path = tmp_path / "salah.toml"
    path.write_text(
        '[office]\nnama = "x"\nservice_standard_minutes = -5\n[kantor]\nx = 1\n'
        '[development]\nminutes_per_jp = "45"\n',
        encoding="utf-8",
    )
    with pytest.raises(WorkbenchError) as info:
        load_settings(path, home=tmp_path)
    err = info.value
    columns = {p.column for p in err.problems}
    assert columns == {
        "office.nama",
        "office.service_standard_minutes",
        "kantor",
        "development.minutes_per_jp",
    }
    assert "salah.toml" in str(err) and "berisi kesalahan" in str(err)


def test_unknown_time_zone_is_refused(tmp_path):
    """Is a misspelt time zone caught when the settings are read, not later in a report?"""
    path = tmp_path / "w.toml"
    path.write_text('[office]\ntimezone = "Asia/Surabaya"\n', encoding="utf-8")
    with pytest.raises(WorkbenchError, match="Asia/Surabaya"):
        load_settings(path, home=tmp_path)


def test_broken_toml_is_explained(tmp_path):
    """Does a file that is not valid TOML give an Indonesian message naming the file?"""
    path = tmp_path / "rusak.toml"
    path.write_text("[office\nname = ", encoding="utf-8")
    with pytest.raises(WorkbenchError, match=r"rusak\.toml tidak bisa dibaca"):
        load_settings(path, home=tmp_path)


def test_missing_file_named_by_environment_is_an_error(tmp_path, monkeypatch):
    """If WORKBENCH_CONFIG names a file that does not exist, is the user told?"""
    monkeypatch.setenv("WORKBENCH_CONFIG", str(tmp_path / "tidak-ada.toml"))
    with pytest.raises(WorkbenchError, match="tidak ditemukan"):
        load_settings(home=tmp_path)


def test_home_follows_environment(tmp_path, monkeypatch):
    """Does WORKBENCH_HOME move the whole installation (course, data, state)?"""
    from workbench.config import find_home

    monkeypatch.setenv("WORKBENCH_HOME", str(tmp_path))
    assert find_home() == tmp_path.resolve()


def test_retired_city_setting_is_gone_but_old_files_still_load(tmp_path):
    """Is the unused 'city' setting removed, while a workbench.toml that still has it loads?"""
    from dataclasses import fields

    from workbench.config import Settings, load_settings

    assert "city" not in {f.name for f in fields(Settings)}
    (tmp_path / "workbench.toml").write_text(
        '[office]\nname = "Kecamatan Tandes"\ncity = "Kota Surabaya"\n', encoding="utf-8"
    )
    assert load_settings(home=tmp_path).office_name == "Kecamatan Tandes"
