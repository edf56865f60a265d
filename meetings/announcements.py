"""Announcements to a body ("digital informiert"): at once or as a weekly digest,
with a one-click unsubscribe link that works without login."""

from __future__ import annotations

from datetime import timedelta

from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import User
from accounts.permissions import is_body_member
from core import audit
from core.mail import mail_send, site_link, site_url
from meetings.enums import Delivery
from meetings.models import Announcement, AnnouncementSubscription, Body
from meetings.selectors import body_recipients

UNSUBSCRIBE_SALT = "meetings.unsubscribe"
UNSUBSCRIBE_MAX_AGE = timedelta(days=365)


def unsubscribe_token(user: User, body: Body) -> str:
    return signing.dumps({"u": user.pk, "b": str(body.pk)}, salt=UNSUBSCRIBE_SALT)


def unsubscribe_read(token: str) -> tuple[int, str] | None:
    """The (user id, body id) of a valid token, or None when forged or expired."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=UNSUBSCRIBE_MAX_AGE)
    except signing.BadSignature:
        return None
    return data["u"], data["b"]


def delivery_of(user: User, body: Body) -> str:
    subscription = AnnouncementSubscription.objects.filter(user=user, body=body).first()
    return subscription.delivery if subscription else Delivery.IMMEDIATE


@transaction.atomic
def subscription_set(*, user: User, body: Body, delivery: Delivery) -> AnnouncementSubscription:
    with audit.change_set(by=user, action="meetings.subscription.set", subject=body) as cs:
        existing = AnnouncementSubscription.objects.filter(user=user, body=body).first()
        before = audit.snapshot(existing) if existing else None
        subscription, _created = AnnouncementSubscription.objects.update_or_create(
            user=user, body=body, defaults={"delivery": delivery}
        )
        if before is None:
            cs.created(subscription)
        else:
            cs.changed(subscription, before)
    return subscription


@transaction.atomic
def announcement_post(*, body: Body, by: User, kind: str, title: str, text: str) -> Announcement:
    """Post an announcement. Steps: validate and store; mail it at once to
    every member who chose immediate delivery (the default), except the author."""
    announcement = Announcement(body=body, author=by, kind=kind, title=title, text=text)
    announcement.full_clean()
    with audit.change_set(by=by, action="meetings.announcement.post", subject=announcement) as cs:
        announcement.save()
        cs.created(announcement, root=body)
    not_immediate = set(
        AnnouncementSubscription.objects.filter(body=body)
        .exclude(delivery=Delivery.IMMEDIATE)
        .values_list("user_id", flat=True)
    )
    for person in body_recipients(body):
        if person.pk in not_immediate or person.pk == by.pk:
            continue
        _send(
            person,
            body,
            template="meetings/mail/announcement",
            context={"announcements": [announcement], "title": title},
            key=f"meetings:announcement:{announcement.pk}",
        )
    return announcement


def _send(person: User, body: Body, *, template: str, context: dict, key: str) -> None:
    """One announcement mail (or digest) with the one-click unsubscribe link."""
    token = unsubscribe_token(person, body)
    with translation.override(person.mail_language):  # the header's link, too, in their language
        unsubscribe = site_url(reverse("meetings:unsubscribe", args=[token]))
    mail_send(
        to=person.email,
        language=person.mail_language,
        template=template,
        context={
            **context,
            "body": body,
            "unsubscribe_url": unsubscribe,
            "body_url": site_link("meetings:announcements", body.pk),
        },
        purpose="meetings:announcement",
        dedupe_key=f"{key}:{person.pk}",
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def digests_send(*, now=None) -> int:
    """Send the weekly digest to everyone who chose it and is due.

    Steps: for each weekly subscription whose last digest is a week old (or
    none was sent), collect the body's announcements since then; queue one
    mail when there are any (deduplicated per subscription and week); move
    the subscription's mark to now. Returns the number of mails queued.
    """
    now = now or timezone.now()
    week = timedelta(days=7)
    due = AnnouncementSubscription.objects.filter(delivery=Delivery.WEEKLY).select_related(
        "user", "body"
    )
    queued = 0
    for subscription in due:
        since = subscription.digest_sent_until
        if since is not None and now - since < week:
            continue
        with transaction.atomic():
            queued += _digest_one(subscription, since or now - week, now)
    return queued


def _digest_one(subscription: AnnouncementSubscription, since, now) -> int:
    body, person = subscription.body, subscription.user
    news = list(body.announcements.filter(created_at__gt=since, created_at__lte=now))
    sent = 0
    if news and person.is_active and is_body_member(person, body):
        year, week_number, _day = now.isocalendar()
        _send(
            person,
            body,
            template="meetings/mail/digest",
            context={"announcements": news},
            key=f"meetings:digest:{body.pk}:{year}-{week_number}",
        )
        sent = 1
    subscription.digest_sent_until = now
    subscription.save(update_fields=["digest_sent_until"])
    return sent
