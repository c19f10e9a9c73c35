"""``python -m workbench._labserver ARGS``: JupyterLab (as ``python -m jupyterlab ARGS``) without
the deprecation warnings an IT officer would read as faults.

jupyter_server reads the ``JUPYTER_TOKEN`` the README documents and then warns that its own
``ServerApp.token`` is deprecated. Python hides deprecation warnings from libraries by default,
but importing Voilà (a server extension here) adds a "default" filter for traitlets' deprecation
warnings, which brings this one back. Voilà is imported first here, inside a
``catch_warnings`` block that undoes its filter, so Python's defaults apply again; other
warnings (a real fault: a port in use, a missing kernel) still show.
"""

from __future__ import annotations

import contextlib
import sys
import warnings

with warnings.catch_warnings(), contextlib.suppress(ImportError):
    import voila  # noqa: F401 - imported for its side effect on the warning filters

if __name__ == "__main__":
    from jupyterlab.labapp import main

    sys.exit(main())
