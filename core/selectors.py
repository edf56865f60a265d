from core.models import DemoDataset


def demo_data_loaded() -> bool:
    """Whether the demo data set is loaded (the notice on every page)."""
    return DemoDataset.objects.exists()
