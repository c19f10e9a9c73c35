"""The kernel extension's hint after a NameError (fast: no kernel started)."""

from __future__ import annotations

from tests.conftest import ROOT
from workbench.kernel import _box, load_ipython_extension, name_error_hint


def test_setup_names_send_the_learner_to_the_setup_cell():
    """Is a missing q1 (or start, ____) explained as a kernel that has not run the module's
    setup cell, naming that cell when the notebook is known?"""
    cells = [
        "import pandas as pd",
        "from workbench.practice import ____, start\nq1, q2 = start('m', globals())",
    ]
    text = name_error_hint("q1", cells)
    assert "sel persiapan modul (sel kode ke-2 dari atas, `from workbench.practice" in text
    assert "dimulai ulang" in text and "Jalankan Semua Sel di Atas Sel Terpilih" in text
    assert "sel persiapan di awal modul (yang berisi `start(...)`)" in name_error_hint("q3")


def test_other_names_mention_typos_and_the_cell_that_makes_them():
    """Is any other missing name explained as a typo or a cell not run yet, with that cell?"""
    text = name_error_hint("layanan", ["x = 1", "layanan = load('layanan')"])
    assert "salah ketik" in text and "sel kode ke-2 dari atas, `layanan = load('layanan')`" in text
    assert "Sel yang membuatnya" not in name_error_hint("Layanan", ["layanan = 1"])


def test_hint_box_escapes_and_formats():
    """Is the hint shown as escaped HTML with code and bold text, in the hint style?"""
    box = _box("`a<b>` lalu **menu**")
    assert (
        "<code>a&lt;b&gt;</code>" in box and "<b>menu</b>" in box and "workbench-nameerror" in box
    )


def test_extension_registers_once_and_shows_only_for_name_errors():
    """Does loading the extension twice register one listener, which speaks after a
    NameError only?"""
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    shown = []
    try:
        import IPython.display

        real = IPython.display.display
        IPython.display.display = lambda obj, **kw: shown.append(obj.data)
        load_ipython_extension(shell)
        load_ipython_extension(shell)
        shell.run_cell("1 / 0")
        assert shown == []
        shell.run_cell("q1.check()")
        assert len(shown) == 1 and "sel persiapan" in shown[0]
    finally:
        IPython.display.display = real
        InteractiveShell.clear_instance()


def test_kernel_config_loads_the_extension():
    """Does the kernel configuration that setup_env installs load workbench.kernel?"""
    text = (ROOT / "jupyter" / "ipython" / "ipython_kernel_config.py").read_text(encoding="utf-8")
    assert 'extensions.append("workbench.kernel")' in text
    assert "ipython_kernel_config.py" in (ROOT / "tools" / "setup_env.py").read_text()


def test_numpy_numbers_and_wib_times_show_plainly():
    """In a kernel with the extension, does a numpy number show as the number, and a table or
    column of WIB times show them without '+07:00' (the data itself unchanged)?"""
    import numpy as np
    import pandas as pd
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    try:
        load_ipython_extension(shell)
        fmt = shell.display_formatter.format
        assert fmt(np.float64(3.25))[0]["text/plain"] == "3.25"
        assert fmt(np.int64(49888))[0]["text/plain"] == "49888"
        assert fmt(("x", np.int32(2025)))[0]["text/plain"] == "('x', 2025)"
        times = pd.DatetimeIndex(
            [pd.Timestamp("2025-01-02 00:30"), pd.Timestamp("2025-01-03 07:31:37")]
        ).tz_localize("UTC")
        table = pd.DataFrame({"tanggal": times.normalize(), "datang": times, "n": [1, 2]})
        shown = fmt(table)[0]
        for text in (shown["text/plain"], shown["text/html"]):
            assert "+07:00" not in text and "+00:00" not in text
            assert "2025-01-03 14:31:37" in text  # 07:31 UTC is 14:31 WIB
        assert "+07:00" not in fmt(table["datang"])[0]["text/plain"]
        assert str(table["datang"].dt.tz) == "UTC"  # only the display changed
        plain = pd.DataFrame({"x": [1.5]})
        assert fmt(plain)[0]["text/plain"] == repr(plain)
    finally:
        InteractiveShell.clear_instance()
