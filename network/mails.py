"""Every e-mail of the network app, rendered in the recipient's language.

Each mail is a pair of templates in ``network/mail/`` rendered by
``core.mail.mail_send``; every mail has a dedupe key, so a repeated call
never mails twice.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accounts.selectors import coordinators
from core.mail import mail_send, site_url


def _send(*, to: str, language: str, template: str, context: dict, key: str):
    return mail_send(
        to=to,
        language=language,
        template=f"network/mail/{template}",
        context=context,
        purpose=f"network:{template}",
        dedupe_key=key,
    )


def join_confirmation(join_request, link: str) -> None:
    _send(
        to=join_request.email,
        language=join_request.language,
        template="join_confirmation",
        context={"request": join_request, "link": link},
        key=f"network:join-confirmation:{join_request.pk}",
    )


def help_confirmation(help_offer, link: str) -> None:
    _send(
        to=help_offer.email,
        language=help_offer.language,
        template="help_confirmation",
        context={"offer": help_offer, "link": link},
        key=f"network:help-confirmation:{help_offer.pk}",
    )


def join_invitation(join_request, *, to: str, link: str) -> None:
    _send(
        to=to,
        language=join_request.language,
        template="join_invitation",
        context={"request": join_request, "link": link},
        key=f"network:join-invitation:{join_request.pk}",
    )


def join_declined(join_request) -> None:
    _send(
        to=join_request.email,
        language=join_request.language,
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
        template="help_taken_up",
        context={"offer": offer, "organisation": routing.organisation},
        key=f"network:help-taken-up:{routing.pk}",
    )


def coordinators_notice(*, subject, link_path: str, key: str) -> None:
    """Tell every coordinator that something waits in a queue (a link, nothing personal)."""
    for address in coordinators().values_list("email", flat=True):
        _send(
            to=address,
            language=settings.LANGUAGE_CODE,
            template="coordinator_notice",
            context={"subject": subject, "link": site_url(link_path)},
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
