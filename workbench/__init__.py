"""ASN Workbench: training and simulation for the civil servants of Kecamatan Asemrowo.

The library that notebooks, dashboards, nbgrader exercises and the ``workbench`` command share.
One subpackage per capability; see the README for the map.
"""

from workbench.config import Settings, get_settings
from workbench.errors import Problem, WorkbenchError


def __getattr__(name: str) -> str:
    """``__version__``, read from the installed package's metadata only when asked.

    Every kernel on a shared server imports the workbench; reading package metadata (importlib
    scans the environment's ``*.dist-info`` folders) at that import would cost each of them time
    for a value only ``workbench --version`` and ``workbench info`` show.
    """
    if name != "__version__":
        raise AttributeError(f"module 'workbench' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("asn-workbench")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "0+unknown"


__all__ = ["Problem", "Settings", "WorkbenchError", "__version__", "get_settings"]
