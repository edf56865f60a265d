from core.models import DemoDataset
from core.recheck import recheck

DEMO_KEY = "core:demo-data-loaded"


def demo_data_loaded() -> bool:
    """Whether the demo data set is loaded (the notice on every page)."""
    return recheck(DEMO_KEY, DemoDataset.objects.exists)
