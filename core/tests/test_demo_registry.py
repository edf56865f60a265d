from core.demo.registry import demo_modules


def test_demo_modules_load_in_the_order_the_apps_registered():
    assert [module.__name__ for module in demo_modules()] == [
        "core.sitecontent.demo",
        "directory.demo",
        "meetings.demo",
        "festival.demo",
        "network.demo",
    ]
