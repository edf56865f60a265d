from core.models import DemoDataset


def demo_data_loaded() -> bool:
    return DemoDataset.objects.exists()
