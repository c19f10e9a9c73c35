"""Write the navigation cells (previous / index / next), the closing reaction questionnaire of
each module, and the index's course map.

Usage (from the repository root)::

    .venv/bin/python tools/add_navigation.py           # updates curriculum/*.ipynb
    .venv/bin/python tools/add_navigation.py --check   # CI: fail if out of date

The order, titles and JP of modules come from ``workbench.practice.course.COURSE``. Links go
only to modules whose notebook exists (in curriculum/ or notebooks/). Run
``tools/make_learner_copies.py`` afterwards to carry the cells into the learner copies.
Navigation cells carry the tag ``navigasi``, questionnaire cells the tag ``reaksi``; never edit
them by hand.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workbench.practice.authoring import add_navigation

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    """Run the script; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if navigation is out of date"
    )
    parser.add_argument("--folder", type=Path, default=ROOT / "curriculum")
    parser.add_argument("--learner-folder", type=Path, default=ROOT / "notebooks")
    args = parser.parse_args(argv)
    changed = add_navigation(args.folder, also_present_in=[args.learner_folder], check=args.check)
    for path in changed:
        print(f"{'out of date' if args.check else 'written'}: {path}")
    if args.check and changed:
        print("Run: .venv/bin/python tools/add_navigation.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
