"""The learner's name is asked once where the computer's user name is not a person's."""

from __future__ import annotations

import getpass

from workbench import config


def test_generic_user_needs_a_name(tmp_path, monkeypatch):
    """Is a name needed for 'root' or 'User' without settings, but not on JupyterHub, not once
    set, and not for a personal user name?"""
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    monkeypatch.delenv("WORKBENCH_CONFIG", raising=False)
    settings = config.load_settings(home=tmp_path)
    for user, needed in (("root", True), ("User", True), ("sari", False)):
        monkeypatch.setattr(getpass, "getuser", lambda user=user: user)
        assert config.needs_learner_name(settings) is needed, user
    monkeypatch.setattr(getpass, "getuser", lambda: "root")
    monkeypatch.setenv("JUPYTERHUB_USER", "sari")
    assert not config.needs_learner_name(settings)


def test_saved_name_keeps_other_settings(tmp_path, monkeypatch):
    """Is the name written as [learner] name, other settings and comments kept, and read back
    by the settings (quotes in a name do not break the file)?"""
    monkeypatch.delenv("WORKBENCH_CONFIG", raising=False)
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    toml = tmp_path / "workbench.toml"
    toml.write_text('# kantor kami\n[office]\nname = "Kecamatan Asemrowo"\n', encoding="utf-8")
    settings = config.load_settings(home=tmp_path)
    config.save_learner_name('  Sari  "Dewi" ', settings=settings)
    again = config.load_settings(home=tmp_path)
    assert again.learner_name == 'Sari "Dewi"'
    assert again.office_name == "Kecamatan Asemrowo"
    assert "# kantor kami" in toml.read_text(encoding="utf-8")
    config.save_learner_name("Budi", settings=again)
    assert config.load_settings(home=tmp_path).learner_name == "Budi"
    assert toml.read_text(encoding="utf-8").count("[learner]") == 1
