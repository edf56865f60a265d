"""Reads of the directory. Views and other apps read through these functions."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from directory.enums import MembershipStatus
from directory.models import Organisation, OrganisationTranslation


def member_list(*, language: str) -> QuerySet[Organisation]:
    """Active network members, by name, with their text in ``language`` prefetched."""
    return Organisation.objects.filter(membership_status=MembershipStatus.ACTIVE).prefetch_related(
        Prefetch(
            "translations",
            queryset=OrganisationTranslation.objects.filter(language=language),
        )
    )
