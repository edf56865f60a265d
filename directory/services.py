"""The directory's write services for other apps.

The network admits and publishes member organisations through these; it
never writes the directory's tables itself. (The directory's own areas
have their services next to them: ``member``, ``exchange``, ``translating``,
``freshness``.)
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.text import slugify

from accounts.models import User
from core import audit
from directory.enums import MembershipStatus, OrganisationKind
from directory.models import Organisation
from directory.search.updates import index_updates, organisations_changed


def _unique_slug(name: str) -> str:
    base = slugify(name)[:70] or "mitglied"
    slug, number = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def member_organisation_create(
    *, name: str, kind: OrganisationKind | str, member_since: date, by: User | None = None
) -> Organisation:
    """A new active member, not yet listed publicly (the coordinator publishes
    its profile once it is complete); its slug is made unique from ``name``."""
    organisation = Organisation(
        name=name,
        slug=_unique_slug(name),
        kind=kind,
        membership_status=MembershipStatus.ACTIVE,
        member_since=member_since,
        listed=False,
    )
    organisation.full_clean()
    with audit.change_set(by=by, action="directory.organisation.create") as cs:
        organisation.save()
        cs.created(organisation)
    return organisation


@transaction.atomic
@index_updates()
def member_organisation_activate(
    *, organisation: Organisation, since: date, by: User | None = None
) -> Organisation:
    """Make an existing organisation an active member. One that was not an
    active member is unlisted until its profile is published; ``since`` is
    its membership start unless it has one."""
    before = audit.snapshot(organisation)
    if organisation.membership_status != MembershipStatus.ACTIVE:
        organisation.listed = False
    organisation.membership_status = MembershipStatus.ACTIVE
    organisation.member_since = organisation.member_since or since
    organisation.full_clean()
    action = "directory.organisation.activate"
    with audit.change_set(by=by, action=action, subject=organisation) as cs:
        organisation.save()
        cs.changed(organisation, before)
    organisations_changed([organisation.pk])
    return organisation


def member_profile_is_complete(organisation: Organisation) -> bool:
    """Ready to publish: a description and at least one public contact."""
    return (
        bool(organisation.description.strip())
        and organisation.contacts.filter(public=True).exists()
    )


@transaction.atomic
@index_updates()
def member_organisation_publish(*, organisation: Organisation, by: User | None = None) -> None:
    """Show an accepted member in the public network overview (profile complete)."""
    if not member_profile_is_complete(organisation):
        raise ValueError("the profile is not complete")
    action = "directory.organisation.publish"
    with audit.change_set(by=by, action=action, subject=organisation) as cs:
        before = audit.snapshot(organisation)
        organisation.listed = True
        organisation.save(update_fields=["listed", "updated_at"])
        cs.changed(organisation, before)
    organisations_changed([organisation.pk])
