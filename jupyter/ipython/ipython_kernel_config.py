"""Kernel settings of this installation (copied by tools/setup_env.py to <env>/etc/ipython/).

Every kernel started from this environment loads ``workbench.kernel``: after a cell ends in a
``NameError`` (typically ``q1.check()`` after the kernel was restarted), it shows in Indonesian
that the module's cells above must run again, starting with the setup cell.
"""

c = get_config()  # noqa: F821 - provided by IPython when it loads this file
c.InteractiveShellApp.extensions.append("workbench.kernel")
