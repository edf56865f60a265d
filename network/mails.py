"""Every e-mail of the network app, rendered in the recipient's language.

Bodies are plain text (templates with autoescape off); subjects are our own
fixed strings with any line break removed, so nothing a person typed can
add a header.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.mail import mail_queue, site_url


def _send(*, to: str, language: str, subject, template: str, context: dict, key: str):
    with translation.override(language):
        body = render_to_string(f"network/mail/{template}.txt", context)
        subject_text = " ".join(str(subject).split())
    return mail_queue(
        to=to, subject=subject_text, body=body, purpose=f"network:{template}", dedupe_key=key
    )


def join_confirmation(join_request, link: str) -> None:
    _send(
        to=join_request.email,
        language=join_request.language,
        subject=_("We received your request to join the network"),
        template="join_confirmation",
        context={"request": join_request, "link": link},
        key=f"network:join-confirmation:{join_request.pk}",
    )


def help_confirmation(help_offer, link: str) -> None:
    _send(
        to=help_offer.email,
        language=help_offer.language,
        subject=_("Thank you for offering your help"),
        template="help_confirmation",
        context={"offer": help_offer, "link": link},
        key=f"network:help-confirmation:{help_offer.pk}",
    )


def join_invitation(join_request, *, to: str, link: str) -> None:
    _send(
        to=to,
        language=join_request.language,
        subject=_("Welcome to the network: set your password"),
        template="join_invitation",
        context={"request": join_request, "link": link},
        key=f"network:join-invitation:{join_request.pk}",
    )


def join_declined(join_request) -> None:
    _send(
        to=join_request.email,
        language=join_request.language,
        subject=_("Your request to join the network"),
        template="join_declined",
        context={"request": join_request},
        key=f"network:join-declined:{join_request.pk}",
    )


def help_forwarded(routing, recipients: list[str], topics: list[str], inbox_path: str) -> None:
    """To the contact persons of a member organisation (in the site's language)."""
    for address in recipients:
        _send(
            to=address,
            language=settings.LANGUAGE_CODE,
            subject=_("Someone offers help to your organisation"),
            template="help_forwarded",
            context={
                "offer": routing.help_offer,
                "routing": routing,
                "topics": topics,
                "link": site_url(inbox_path),
            },
            key=f"network:help-forwarded:{routing.pk}:{address.lower()}",
        )


def help_taken_up(routing) -> None:
    offer = routing.help_offer
    _send(
        to=offer.email,
        language=offer.language,
        subject=_("A member organisation will contact you"),
        template="help_taken_up",
        context={"offer": offer, "organisation": routing.organisation},
        key=f"network:help-taken-up:{routing.pk}",
    )


def coordinators_notice(*, subject, link_path: str, key: str) -> None:
    """Tell every coordinator that something waits in a queue (a link, nothing personal)."""
    from accounts.enums import Role
    from accounts.models import User

    addresses = User.objects.filter(role=Role.COORDINATOR, is_active=True).values_list(
        "email", flat=True
    )
    for address in addresses:
        _send(
            to=address,
            language=settings.LANGUAGE_CODE,
            subject=subject,
            template="coordinator_notice",
            context={"link": site_url(link_path)},
            key=f"{key}:{address.lower()}",
        )


def join_request_waiting(join_request) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("network:join-detail", args=[join_request.pk])
    coordinators_notice(
        subject=_("A new join request is waiting"),
        link_path=path,
        key=f"network:join-waiting:{join_request.pk}",
    )


def help_offer_unmatched(help_offer) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("network:help-detail", args=[help_offer.pk])
    coordinators_notice(
        subject=_("A help offer found no matching organisation"),
        link_path=path,
        key=f"network:help-unmatched:{help_offer.pk}",
    )
