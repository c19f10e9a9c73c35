"""Widgets and charts for notebooks and Voilà dashboards (the UI floor).

Each capability has its own module (``workbench.widgets.skm``, ...); they only present what the
engines compute and never hold business logic. Import the module you need directly, so a
notebook does not pay for widgets it does not use.
"""
