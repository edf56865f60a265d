"""Encrypt stored MFA secrets and rotate their key: ``manage.py mfa_keys <action>``.

``status`` counts, ``encrypt`` converts plain rows (written before encryption
was turned on), ``rotate`` re-encrypts everything under the newest key in
``MFA_KEY``, ``generate`` prints a new key. Output holds counts, never a
stored secret; see README "Production" for the rotation steps.
"""

from django.core.management.base import BaseCommand, CommandError

from accounts.mfa import SecretState, key_generate, mfa_secrets_update

LABELS = {
    SecretState.PLAIN: "not encrypted",
    SecretState.OLD_KEY: "encrypted with an older key",
    SecretState.CURRENT_KEY: "encrypted with the newest key",
    SecretState.UNREADABLE: "not readable with any key in MFA_KEY",
}


class Command(BaseCommand):
    help = "Encrypt stored TOTP secrets and recovery-code seeds, or rotate their key."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["status", "encrypt", "rotate", "generate"])

    def handle(self, *args, action: str, **options):
        if action == "generate":
            self.stdout.write(key_generate())
            return
        counts = mfa_secrets_update(mode=action)
        when = "" if action == "status" else f" before '{action}'"
        self.stdout.write(f"Authenticators (TOTP and recovery codes){when}:")
        for state, label in LABELS.items():
            self.stdout.write(f"  {label}: {counts[state.value]}")
        if action != "status":
            self.stdout.write(f"Rewritten under the newest key: {counts['rewritten']}")
        unreadable = counts[SecretState.UNREADABLE.value]
        if unreadable:
            raise CommandError(
                f"{unreadable} authenticator(s) cannot be decrypted with the keys in MFA_KEY "
                "and were left unchanged: add the key they were encrypted with to MFA_KEY."
            )
