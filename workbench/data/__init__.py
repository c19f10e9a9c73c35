"""Realistic Asemrowo datasets: schemas, generators, readers and the shipped CSVs.

* :func:`load` returns a shipped dataset (``layanan``, ``skm``, ``pegawai``, ``kompetensi``,
  ``pelatihan``, and the messy ``layanan_kotor``, ``skm_kotor``); :func:`defects` lists the
  recorded defects of a messy one and :func:`truth` its clean rows (the answer key).
* :func:`read_csv` / :func:`read_excel` read files as Indonesian offices write them and, with a
  schema, check and convert them, raising one Indonesian error that lists every problem.
* :data:`SCHEMAS` holds each dataset's columns, types, allowed values and meaning: the single
  source for generators, readers and the data dictionary.
* ``generate_*`` make synthetic data from an explicit seed; :func:`make_messy` injects
  recorded defects into any clean table; :func:`generate_all` rewrites the shipped files and
  the data dictionary ``KAMUS-DATA.md`` (``workbench data generate``).
* :func:`validate` checks a DataFrame already in memory; :func:`write_csv` writes one the way
  the shipped files are written (atomically, reproducibly).
"""

from workbench.data.generators import (
    LayananProfile,
    SkmProfile,
    generate_layanan,
    generate_skm,
)
from workbench.data.messy import JENIS_CACAT, MessySpec, make_messy
from workbench.data.readers import (
    FileFacts,
    file_facts,
    read_csv,
    read_excel,
    validate,
    write_csv,
)
from workbench.data.schema import SCHEMAS, Column, Schema
from workbench.data.shipped import SHIPPED, dataset_names, defects, generate_all, load, truth
from workbench.data.staff import generate_kompetensi, generate_pegawai, generate_pelatihan

__all__ = [
    "JENIS_CACAT",
    "SCHEMAS",
    "SHIPPED",
    "Column",
    "FileFacts",
    "LayananProfile",
    "MessySpec",
    "Schema",
    "SkmProfile",
    "dataset_names",
    "defects",
    "file_facts",
    "generate_all",
    "generate_kompetensi",
    "generate_layanan",
    "generate_pegawai",
    "generate_pelatihan",
    "generate_skm",
    "load",
    "make_messy",
    "read_csv",
    "read_excel",
    "truth",
    "validate",
    "write_csv",
]
