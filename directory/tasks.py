"""Background tasks of the directory (found by ``run_worker`` through autodiscovery)."""

from directory.translating.tasks import machine_translate

__all__ = ["machine_translate"]
