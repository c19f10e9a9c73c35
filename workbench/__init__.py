"""ASN Workbench: training and simulation for the civil servants of Kecamatan Asemrowo.

The library that notebooks, dashboards, nbgrader exercises and the ``workbench`` command share.
One subpackage per capability; see the README for the map.
"""

from importlib.metadata import PackageNotFoundError, version

from workbench.config import Settings, get_settings
from workbench.errors import Problem, WorkbenchError

try:
    __version__ = version("asn-workbench")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0+unknown"

__all__ = ["Problem", "Settings", "WorkbenchError", "__version__", "get_settings"]
