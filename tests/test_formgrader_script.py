"""The server extension that lets nbgrader's Formgrader pages load our interface script."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from tornado.httputil import HTTPHeaders

from workbench.formgrader_script import CDN_MATHJAX, LOCAL_FONTS, LOCAL_MATHJAX, SCRIPT, for_server

PAGE = b"<!doctype html><head><title>nbgrader</title></head><body>Manage Assignments</body>"


def transform(path, chunk=PAGE, *, content_type="text/html; charset=UTF-8", status=200, base="/"):
    headers = HTTPHeaders({"Content-Type": content_type, "Content-Length": str(len(chunk))})
    out = for_server(base)(SimpleNamespace(path=path))
    return out.transform_first_chunk(status, headers, chunk, True)


@pytest.mark.parametrize(
    ("path", "base"),
    [
        ("/formgrader", "/"),
        ("/formgrader/manage_assignments", "/"),
        ("/user/pelatih1/formgrader/gradebook/tugas-02", "/user/pelatih1/"),
        ("/user/pelatih1/formgrader", "/user/pelatih1"),
        ("/formgrader/submissions/abc/next", "/"),
    ],
)
def test_formgrader_pages_get_the_script_with_their_base_url(path, base):
    """Does every Formgrader HTML page, under any base URL, get one script tag in its head
    pointing at our extension under that base URL, with Content-Length following?"""
    _, headers, chunk = transform(path, base=base)
    base = base.rstrip("/") + "/"  # a server's base URL, with or without its final slash
    tag = f'<script src="{base}{SCRIPT}" data-asn-workbench-formgrader data-base-url="{base}">'
    assert chunk.count(b"<script") == 1 and tag.encode() in chunk
    assert chunk.index(tag.encode()) < chunk.index(b"</head>")
    assert headers["Content-Length"] == str(len(chunk))
    assert chunk.replace(tag.encode() + b"</script>", b"") == PAGE


@pytest.mark.parametrize(
    "path",
    [
        "/lab",
        "/formgrader/static/js/utils.js",
        "/formgrader/api/assignments",
        "/api/contents/formgrader",
        "/tree/formgrader-notes.ipynb",
        "/tree/formgrader",
        "/formgraders",
    ],
)
def test_other_responses_are_untouched(path):
    """Are JupyterLab's pages, the Formgrader's scripts and its JSON API left exactly as sent?"""
    assert transform(path)[2] == PAGE


def test_json_errors_and_compressed_pages_are_untouched():
    """Is a non-HTML answer, an error page or an already compressed body never rewritten?"""
    assert transform("/formgrader", content_type="application/json")[2] == PAGE
    assert transform("/formgrader", status=404)[2] == PAGE
    headers = HTTPHeaders({"Content-Type": "text/html", "Content-Encoding": "gzip"})
    result = for_server("/")(SimpleNamespace(path="/formgrader")).transform_first_chunk(
        200, headers, PAGE, True
    )
    assert result[2] == PAGE


def test_a_page_is_given_the_script_once():
    """Is a page that already carries the script (a second pass) left alone?"""
    once = transform("/formgrader")[2]
    assert transform("/formgrader", once)[2] == once


def test_grading_page_takes_mathjax_from_this_server():
    """Does the grading page ask for MathJax from this server instead of a CDN that an office
    without internet cannot reach (nbgrader's page script stops without it)?"""
    page = b'<html><head><script src="' + CDN_MATHJAX + b'"> </script></head><body></body></html>'
    chunk = transform("/user/pelatih1/formgrader/submissions/abc", page, base="/user/pelatih1/")[2]
    assert CDN_MATHJAX not in chunk
    local = f'src="/user/pelatih1/{LOCAL_MATHJAX}"'.encode()
    assert local in chunk
    # The fonts it has are chosen before MathJax loads.
    assert chunk.index(LOCAL_FONTS.encode()) < chunk.index(local)


def test_the_mathjax_addresses_are_the_installed_ones():
    """Is CDN_MATHJAX still what the installed nbconvert's mathjax() macro asks for, and does
    jupyter-server-mathjax ship the file and configuration LOCAL_MATHJAX names?"""
    import jupyter_server_mathjax
    from jupyter_core.paths import jupyter_path

    macros = [
        Path(d) / "base" / "mathjax.html.j2"
        for d in jupyter_path("nbconvert", "templates")
        if (Path(d) / "base" / "mathjax.html.j2").is_file()
    ]
    assert macros and CDN_MATHJAX.decode() in macros[0].read_text(encoding="utf-8")
    static = Path(jupyter_server_mathjax.__file__).parent / "static"
    name, config = LOCAL_MATHJAX.removeprefix("static/jupyter_server_mathjax/").split("?config=")
    assert (static / name).is_file()
    assert (static / "config" / f"{config.split(',')[0]}.js").is_file()
    assert (static / "jax" / "output" / "HTML-CSS" / "fonts" / "STIX-Web").is_dir()
    assert 'webFont: "STIX-Web"' in LOCAL_FONTS
