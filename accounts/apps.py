from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from accounts.privacy import register_holders
        from accounts.security_log import security_log_connect
        from accounts.sessions import login_recorded

        register_holders()  # what the app holds about a person (core.privacy)
        security_log_connect()  # logins and account changes, one line each
        # Session bookkeeping only (when the login began): no data changes.
        user_logged_in.connect(login_recorded, dispatch_uid="accounts.sessions.login_recorded")
