"""Background tasks of the core app (imported at start-up by ``core.apps``)."""

from core.mail import deliver_mail, mail_sweep

__all__ = ["deliver_mail", "mail_sweep"]
