"""Make the learner copies in notebooks/ from the author copies in curriculum/.

Usage (from the repository root)::

    .venv/bin/python tools/add_navigation.py          # first, if modules were added
    .venv/bin/python tools/make_learner_copies.py     # writes notebooks/NN-*.ipynb
    .venv/bin/python tools/make_learner_copies.py --check   # CI: fail if out of date

Cells tagged ``penulis`` (self-tests with filled-in solutions) are dropped and all outputs
cleared. Never edit a learner copy by hand: edit the author copy and run this script.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workbench.practice.authoring import make_learner_copies

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    """Run the script; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if a learner copy is out of date",
    )
    parser.add_argument("--source", type=Path, default=ROOT / "curriculum")
    parser.add_argument("--target", type=Path, default=ROOT / "notebooks")
    args = parser.parse_args(argv)
    changed = make_learner_copies(args.source, args.target, check=args.check)
    for path in changed:
        verb = "out of date" if args.check else "written"
        print(f"{verb}: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    if args.check and changed:
        print("Run: .venv/bin/python tools/make_learner_copies.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
