"""Review mode: member editors' changes wait for a coordinator.

With ``settings.DIRECTORY_REVIEW_CHANGES`` on, a member editor's valid
submission is stored as a ``PendingChange`` (the kind of change and the
submitted data) instead of being applied; the public keeps seeing the entry
as it is. A coordinator approves, which applies the change through the
same form and service as a direct save, or rejects it with a comment.
The author is told by e-mail either way.

Decisions: "confirm still correct" is applied at once even in review mode
(it changes no content, and holding it back would make entries look stale);
retiring an offer and deleting contacts or locations change what the public
sees and go through review.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _

from accounts.permissions import is_coordinator
from core.mail import mail_send, site_link
from directory.member.history import REASON_REVIEW
from directory.member.kinds import EDITABLE_ENTRIES, EntryKind
from directory.member.locking import EditConflict, check_version, version_of
from directory.models import Organisation, PendingChange
from directory.translating.review import TranslationChangeKind

SUMMARY_LENGTH = 200


def review_applies(user) -> bool:
    """Changes by ``user`` wait for review (never a coordinator's)."""
    return bool(settings.DIRECTORY_REVIEW_CHANGES) and not is_coordinator(user)


def form_data(post) -> dict[str, list[str]]:
    """The submitted data as stored: every field's list of values, without the CSRF token."""
    return {key: values for key, values in post.lists() if key != "csrfmiddlewaretoken"}


@transaction.atomic
def pending_change_submit(
    *, kind: EntryKind, form, entry, organisation: Organisation, data: dict, author
) -> PendingChange:
    """Store a valid change for review.

    Steps: refuse it, like a direct save, if the entry changed since the
    form was opened; store the kind, the entry, a summary and the data.
    """
    if entry._state.adding:
        summary = str(form.cleaned_data.get("name", ""))
    else:
        # The entry as stored: the form has already put the proposal into ``entry``.
        stored = type(entry)._default_manager.get(pk=entry.pk)
        check_version(kind.versioned(stored), form.cleaned_data["version"])
        summary = str(stored)
    return PendingChange.objects.create(
        organisation=organisation,
        kind=kind.name,
        object_id=None if entry._state.adding else entry.pk,
        summary=summary[:SUMMARY_LENGTH],
        data=data,
        author=author,
    )


def bind_stored(change: PendingChange):
    """The change's form bound to its data against the entry as it is now.

    Returns (kind, entry, form); entry and form are None if the entry is gone.
    The version is the entry's current one: the reviewer sees and approves
    the difference to the entry as it is now, not to what the author saw.
    """
    kind = EDITABLE_ENTRIES[change.kind]
    if isinstance(kind, TranslationChangeKind):  # its entry is found from the stored data
        entry, form = kind.bind(change)
        return kind, entry, form
    entry = kind.entry(change.organisation, change.object_id)
    if entry is None:
        return kind, None, None
    data = MultiValueDict(change.data)
    if not entry._state.adding:
        data.setlist("version", [version_of(kind.versioned(entry))])
    # The form gets a copy of its own: validating puts the proposal into it.
    proposal = kind.entry(change.organisation, change.object_id)
    form = kind.form(data, organisation=change.organisation, entry=proposal)
    return kind, entry, form


def form_error_messages(form) -> list[str]:
    """Every error of a bound form, each prefixed with its field's label."""
    messages = [str(error) for error in form.non_field_errors()]
    forms = [form] if hasattr(form, "fields") else [form.version_form, *form.formset.forms]
    for one in forms:
        for name, errors in one.errors.items():
            if name == "__all__":
                continue
            label = one.fields[name].label if name in one.fields else name
            messages.extend(f"{label}: {error}" for error in errors)
    return messages


@dataclass
class Decision:
    """The outcome of approving: done, or the errors that keep the change pending."""

    errors: list[str] = field(default_factory=list)

    @property
    def applied(self) -> bool:
        return not self.errors


class ReviewClosed(Exception):
    """The change was already approved or rejected."""


def _locked_pending(change: PendingChange) -> PendingChange:
    change = PendingChange.objects.select_for_update().get(pk=change.pk)
    if change.status != PendingChange.Status.PENDING:
        raise ReviewClosed
    return change


@transaction.atomic
def pending_change_approve(*, change: PendingChange, by) -> Decision:
    """Apply a waiting change, unless it is no longer valid against the entry as it is now.

    Steps: lock the change; bind its form to the stored data; if invalid,
    keep it pending and return the errors; else apply it through the kind's
    service (which re-indexes) with the author as the history's user; mark
    it approved; e-mail the author.
    """
    change = _locked_pending(change)
    kind, _entry, form = bind_stored(change)
    if form is None:
        return Decision(errors=[_("The entry no longer exists.")])
    if not form.is_valid():
        return Decision(errors=form_error_messages(form))
    try:
        with transaction.atomic():
            kind.apply(form=form, by=change.author, reason=REASON_REVIEW)
    except EditConflict:
        return Decision(errors=[_("The entry was changed just now. Please try again.")])
    except ValidationError as error:
        return Decision(errors=[str(message) for message in error.messages])
    _close(change, status=PendingChange.Status.APPROVED, by=by, comment="")
    return Decision()


@transaction.atomic
def pending_change_reject(*, change: PendingChange, by, comment: str) -> None:
    """Reject a waiting change with a comment for the author; nothing is applied."""
    change = _locked_pending(change)
    _close(change, status=PendingChange.Status.REJECTED, by=by, comment=comment)


def _close(change: PendingChange, *, status: str, by, comment: str) -> None:
    change.status = status
    change.reviewed_by = by
    change.reviewed_at = timezone.now()
    change.comment = comment
    change.save(update_fields=["status", "reviewed_by", "reviewed_at", "comment"])
    _mail_decision(change)


def _mail_decision(change: PendingChange) -> None:
    author = change.author
    if author is None or not author.email:
        return
    mail_send(
        to=author.email,
        language=author.mail_language,
        template="directory/member/mail/review",
        context={
            "change": change,
            "kind": EDITABLE_ENTRIES[change.kind].label,
            "approved": change.status == PendingChange.Status.APPROVED,
            "link": site_link("member:organisation", change.organisation_id),
        },
        purpose="review-decision",
    )
