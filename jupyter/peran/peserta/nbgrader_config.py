"""nbgrader in a learner's lab (``make lab``): their own NIP on what they submit.

``workbench lab`` puts this folder first on ``JUPYTER_CONFIG_PATH``; nbgrader's Assignment List
reads it at every request. The NIP chosen for the workspace (``.peserta.json``, see
``workbench.identity``) becomes nbgrader's student id, so a submission is filed under that NIP,
not under the computer's account, and the list of submitted assignments shows only this
learner's. Without a chosen NIP nbgrader keeps its default (the computer's account).
JupyterHub loads this folder too: there no NIP is chosen (the account is the learner's own).

Nothing here may stop the Assignment List: if the settings cannot be read, nbgrader's defaults
stay.
"""

import os

c = get_config()  # noqa: F821 - provided by nbgrader when it loads this file
if os.name == "posix":
    # *Periksa* (validate) runs the notebook in a kernel of its own; like the lab's kernels it
    # talks over local sockets, so no "Kernel is running over TCP without encryption".
    c.KernelManager.transport = "ipc"
try:
    from workbench.identity import nbgrader_settings

    _found = nbgrader_settings()
except Exception:  # a broken settings file must not take the Assignment List down with it
    _found = {}
for _section, _values in _found.items():
    for _key, _value in _values.items():
        setattr(c[_section], _key, _value)
