"""The apps that bring demo data, and the order in which it loads.

An app registers the module that holds its demo data in its
``AppConfig.ready()``: ``register("festival.demo", order=30)``. Such a module
has a ``demo_load()`` that is safe to run again; it may list ``DEMO_FILES``
(paths of data files, part of the demo's fingerprint) and ``DEMO_LOGINS``
(printed by ``manage.py load_demo``). Lower orders load first, so a module
can use what an earlier one loaded.
"""

from __future__ import annotations

import importlib
from types import ModuleType

# module path → order
_registered: dict[str, int] = {}


def register(module: str, *, order: int) -> None:
    """Declare ``module`` as demo data that loads at ``order``."""
    _registered[module] = order


def demo_modules() -> list[ModuleType]:
    """The registered demo modules, in loading order."""
    paths = sorted(_registered, key=lambda path: (_registered[path], path))
    return [importlib.import_module(path) for path in paths]
