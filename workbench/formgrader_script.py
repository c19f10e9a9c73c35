"""Jupyter server extension: nbgrader's Formgrader pages load our interface script.

nbgrader's Formgrader is a set of HTML pages its server extension renders (Manage Assignments,
Manual Grading, the grading view of a submission...), English, with no translation hook and a
template folder that cannot be configured. Trainers open them inside JupyterLab (an iframe in
a tab) or, on JupyterHub without per-user subdomains, in a browser tab of their own
(deploy/PANDUAN-TI.md, section 9). Either way this extension adds one ``<script>`` tag to the
``<head>`` of every Formgrader HTML page: our lab extension's script
(``jupyter/labextensions/@asn-workbench/antarmuka``), which, loaded this way, translates the page
with the ``nbgrader`` catalogue of the user's interface language. Nothing else in the response
changes but one thing: the grading page asks nbconvert's default MathJax from a CDN, which an
office without internet cannot reach (the page's own script then stops: no keyboard shortcuts,
no formulas); that address is pointed at the MathJax 2 that ``jupyter-server-mathjax`` serves
from this server. Other pages are not touched.

Enabled for the trainer's role in ``jupyter/peran/pelatih/jupyter_server_config.json`` (used by
``make lab-pelatih`` and the hub).
"""

from __future__ import annotations

from tornado.web import OutputTransform

SCRIPT = "lab/extensions/@asn-workbench/antarmuka/static/remoteEntry.js"
MARKER = b"data-asn-workbench-formgrader"
#: nbconvert's default MathJax (its ``mathjax()`` macro), which nbgrader's grading page uses.
CDN_MATHJAX = (
    b"https://cdnjs.cloudflare.com/ajax/libs/mathjax/2.7.7/latest.js?config=TeX-AMS_CHTML-full,Safe"
)
#: The same MathJax 2 from jupyter-server-mathjax (its one complete configuration).
LOCAL_MATHJAX = "static/jupyter_server_mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full,Safe"
#: jupyter-server-mathjax ships the STIX-Web fonts only (MathJax's default TeX fonts would be a
#: 404 and no formula would show); told before it loads, as Jupyter's classic notebook did.
LOCAL_FONTS = (
    '<script type="text/x-mathjax-config">MathJax.Hub.Config({"HTML-CSS": {availableFonts: [], '
    'preferredFont: null, webFont: "STIX-Web", imageFont: null}});</script>'
)


class FormgraderScript(OutputTransform):
    """Adds our script to a Formgrader HTML page, whole pages only (nbgrader renders each page
    in one piece), and keeps Content-Length right. ``base_url`` is the server's."""

    base_url = "/"

    def __init__(self, request) -> None:
        page = self.base_url + "formgrader"
        path = request.path
        is_page = path == page or (
            path.startswith(page + "/") and not path.startswith((page + "/static/", page + "/api/"))
        )
        self._base = self.base_url if is_page else None

    def transform_first_chunk(self, status_code, headers, chunk, finishing):
        content_type = headers.get("Content-Type", "")
        if (
            self._base is None
            or status_code != 200
            or not finishing
            or not content_type.startswith("text/html")
            or "Content-Encoding" in headers
            or MARKER in chunk
        ):
            return status_code, headers, chunk
        head = chunk.find(b"</head>")
        if head == -1:
            return status_code, headers, chunk
        tag = f'<script src="{self._base}{SCRIPT}" {MARKER.decode()} data-base-url="{self._base}">'
        chunk = chunk[:head] + tag.encode() + b"</script>" + chunk[head:]
        local = (LOCAL_FONTS + f'<script src="{self._base}{LOCAL_MATHJAX}"').encode()
        chunk = chunk.replace(b'<script src="' + CDN_MATHJAX + b'"', local)
        if "Content-Length" in headers:
            headers["Content-Length"] = str(len(chunk))
        return status_code, headers, chunk

    def transform_chunk(self, chunk: bytes, finishing: bool) -> bytes:
        return chunk


def _jupyter_server_extension_points() -> list[dict]:
    return [{"module": "workbench.formgrader_script"}]


def for_server(base_url: str) -> type[FormgraderScript]:
    """The transform for a server whose base URL is ``base_url`` (``/``, ``/user/name/``)."""
    base = "/" + base_url.strip("/") + "/" if base_url.strip("/") else "/"
    return type("FormgraderScript", (FormgraderScript,), {"base_url": base})


def _load_jupyter_server_extension(serverapp) -> None:
    transforms = serverapp.web_app.transforms
    if not any(issubclass(t, FormgraderScript) for t in transforms):
        # Before any compressing transform, which would hand us gzip bytes.
        transforms.insert(0, for_server(serverapp.base_url))
