"""Scheduled jobs of the network app."""

from datetime import timedelta

from core.periodic import periodic_task
from network.privacy import retention_apply


@periodic_task(every=timedelta(hours=24))
def network_retention() -> dict[str, int]:
    """Delete expired personal data once a day (counts only: nothing personal logged)."""
    return retention_apply()
