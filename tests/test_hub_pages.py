"""The hub's pages where a learner waits for or loses their server are Indonesian (fast).

deploy/jupyterhub/templates extend JupyterHub's own templates ("templates/<name>"). Here they
are rendered with Jinja2 over minimal stand-ins of those templates (JupyterHub is not in the
test environment), to check the words; tests/test_hub.py shows the real page of a real
failed start.
"""

from __future__ import annotations

import re

import pytest
from jinja2 import ChoiceLoader, DictLoader, Environment, FileSystemLoader, PrefixLoader

from tests.conftest import ROOT

TEMPLATES = ROOT / "deploy" / "jupyterhub" / "templates"
# JupyterHub's templates, reduced to the blocks ours fill.
UPSTREAM = {
    "spawn_pending.html": "{% block title %}{% endblock %}{% block main %}{% endblock %}"
    "{% block script %}<script>hub</script>{% endblock %}",
    "not_running.html": "{% block title %}{% endblock %}{% block heading %}{% endblock %}"
    "{% block message %}{% endblock %}{% block start_button %}{% endblock %}",
    "error.html": "{% block title %}{% endblock %}{% block h1_error %}{% endblock %}"
    "{% block error_detail %}{% endblock %}",
}
ENGLISH = ("Spawn failed", "Relaunch", "Your server", "Event log", "Launch", "Server not running")


class User:
    name = "peserta01"
    escaped_name = "peserta01"


def render(name: str, **context) -> str:
    loader = ChoiceLoader(
        [PrefixLoader({"templates": DictLoader(UPSTREAM)}, "/"), FileSystemLoader(TEMPLATES)]
    )
    env = Environment(loader=loader, autoescape=True)
    context.setdefault("base_url", "/hub/")
    context.setdefault("user", User())
    return env.get_template(name).render(**context)


def visible(page: str) -> str:
    return re.sub(r"<details>.*?</details>|<script.*?</script>|\{#.*?#\}", "", page, flags=re.S)


def test_every_page_we_override_is_one_jupyterhub_has():
    """Does each of our templates extend JupyterHub's page of the same name?"""
    names = sorted(p.name for p in TEMPLATES.glob("*.html"))
    assert names == sorted(UPSTREAM)
    for name in names:
        text = (TEMPLATES / name).read_text(encoding="utf-8")
        assert f'{{% extends "templates/{name}" %}}' in text


def test_starting_page_tells_what_happens_and_what_to_do_if_it_fails():
    """Does the page while a server starts say it in Indonesian, with help for a failure?"""
    page = render("spawn_pending.html", progress_url="/hub/api/users/peserta01/server/progress")
    shown = visible(page)
    assert "Server Anda sedang disiapkan" in shown
    assert "Server Anda gagal dimulai" in shown  # shown by the script when the start fails
    assert 'href="/hub/spawn/peserta01"' in shown and "Coba lagi" in shown
    assert "<script>hub</script>" in page  # JupyterHub's own progress script stays
    for element in ("progress-bar", "progress-message", "progress-details", "progress-log"):
        assert f'id="{element}"' in page  # the ids JupyterHub's script writes to
    assert not [word for word in ENGLISH if word in shown]


@pytest.mark.parametrize("failed", [True, False])
def test_not_running_page_is_indonesian(failed):
    """Does a failed or stopped server's page say in Indonesian what to do?"""
    page = render(
        "not_running.html",
        failed=failed,
        failed_message="Spawn failed: KeyError 'getpwnam(): name not found'",
        spawn_url="/hub/spawn/peserta01",
    )
    shown = visible(page)
    assert ("Server Anda gagal dimulai" if failed else "Server Anda belum berjalan") in shown
    assert ("Coba lagi" if failed else "Mulai server") in shown
    assert not [word for word in ENGLISH if word in shown]
    if failed:
        assert "peserta01" in shown and "staf TI" in shown
        assert "getpwnam" in page and "getpwnam" not in shown  # technical detail tucked away


@pytest.mark.parametrize(
    ("code", "heading"),
    [
        (500, "server sedang bermasalah"),
        (503, "server sedang bermasalah"),
        (404, "Halaman tidak ditemukan"),
        (403, "tidak punya akses"),
    ],
)
def test_error_page_is_indonesian(code, heading):
    """Does each kind of hub error get an Indonesian heading and advice?"""
    page = render("error.html", status_code=code, status_message="Error", message="boom")
    shown = visible(page)
    assert heading in shown
    assert "boom" in page and "boom" not in shown
