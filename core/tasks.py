"""Background tasks of the core app (found by ``run_worker`` through autodiscovery)."""

from core.mail import deliver_mail, mail_sweep

__all__ = ["deliver_mail", "mail_sweep"]
