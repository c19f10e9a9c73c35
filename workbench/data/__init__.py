"""Realistic Asemrowo datasets: schemas, generators, readers and the shipped CSVs.

* :func:`load` returns a shipped dataset (``layanan``, ``skm``, ``pegawai``, ``kompetensi``,
  ``pelatihan``, and the messy ``layanan_kotor``, ``skm_kotor``); :func:`defects` lists the
  recorded defects of a messy one.
* :func:`read_csv` / :func:`read_excel` read files as Indonesian offices write them and, with a
  schema, check and convert them, raising one Indonesian error that lists every problem.
* :data:`SCHEMAS` holds each dataset's columns, types, allowed values and meaning: the single
  source for generators, readers and the data dictionary.
* ``generate_*`` make synthetic data from an explicit seed; :func:`generate_all` rewrites the
  shipped files (``workbench data generate``).
"""

from workbench.data.generators import (
    LayananProfile,
    SkmProfile,
    generate_layanan,
    generate_skm,
)
from workbench.data.readers import read_csv, read_excel, validate, write_csv
from workbench.data.schema import SCHEMAS, Column, Schema
from workbench.data.shipped import SHIPPED, dataset_names, defects, generate_all, load, truth
from workbench.data.staff import generate_kompetensi, generate_pegawai, generate_pelatihan

__all__ = [
    "SCHEMAS",
    "SHIPPED",
    "Column",
    "LayananProfile",
    "Schema",
    "SkmProfile",
    "dataset_names",
    "defects",
    "generate_all",
    "generate_kompetensi",
    "generate_layanan",
    "generate_pegawai",
    "generate_pelatihan",
    "generate_skm",
    "load",
    "read_csv",
    "read_excel",
    "truth",
    "validate",
    "write_csv",
]
