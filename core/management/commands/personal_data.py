"""Export or erase what the site stores about a person, from the shell (GDPR Art. 15/17).

The same as the coordinator's privacy page, for operators: both ask every
holder registered in ``core.privacy``; the change set records the system
as the actor.
"""

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from core.privacy import personal_data_erase, personal_data_export
from core.validators import validate_single_line


class Command(BaseCommand):
    help = "Export (JSON on standard output) or erase everything stored about a person."

    def add_arguments(self, parser) -> None:
        parser.add_argument("action", choices=["export", "erase"])
        parser.add_argument("email", help="The person's e-mail address.")
        parser.add_argument(
            "--name", default="", help="The person's full name (finds meeting guests too)."
        )

    def handle(self, *args, action: str, email: str, name: str, **options) -> None:
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(_("Not an e-mail address: %(email)s") % {"email": email}) from None
        try:
            validate_single_line(name)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        if action == "export":
            data = personal_data_export(email=email, name=name)
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        for result in personal_data_erase(email=email, name=name).values():
            if result.kept:
                line = _("%(label)s: kept – %(reason)s") % {
                    "label": result.label,
                    "reason": result.kept,
                }
            else:
                line = _("%(label)s: %(count)d") % {"label": result.label, "count": result.count}
            self.stdout.write(line)
