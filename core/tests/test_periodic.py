from core.periodic import PERIODIC


def test_periodic_tasks_of_every_app_are_registered_at_start_up():
    assert sorted(PERIODIC) == [
        "accounts.tasks.sessions_clear",
        "core.mail.mail_sweep",
        "directory.tasks.done_reports_retention",
        "directory.tasks.stale_reminders",
        "directory.tasks.unmet_searches_expire",
        "meetings.tasks.action_reminders",
        "meetings.tasks.announcement_digests",
        "network.tasks.network_retention",
    ]
