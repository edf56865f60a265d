"""The one flow every edit page of the member area follows.

GET shows the form. POST validates it (400 with the errors if invalid),
then either stores it for review (member editors, when review is on) or
applies it through the kind's service. A change made by someone else since
the form was opened is refused with 409: the form comes back with the
editor's input, the changes in between, and the current version, so the
editor can look, adjust and save again on purpose.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.permissions import View, is_coordinator, member_required
from directory.access import entry_for, organisation_for
from directory.member.kinds import EDITABLE_ENTRIES, EntryKind
from directory.member.locking import EditConflict
from directory.member.review import form_data, pending_change_submit, review_applies
from directory.models import Organisation


def _with_version(form, version: str) -> None:
    """Re-render ``form`` with the editor's input but the entry's current version."""
    target = getattr(form, "version_form", form)
    target.data = target.data.copy()
    target.data["version"] = version


def _add_error(form, error: ValidationError) -> None:
    getattr(form, "version_form", form).add_error(None, error)


def _submit(request: HttpRequest, *, kind: EntryKind, form, entry, organisation, review: bool):
    """Store the valid form for review, or apply it; tell the editor which."""
    if review:
        pending_change_submit(
            kind=kind,
            form=form,
            entry=entry,
            organisation=organisation,
            data=form_data(request.POST),
            author=request.user,
        )
        messages.info(
            request,
            _(
                "Your change waits for review by the coordination. "
                "Until it is approved, the public sees the entry as it was."
            ),
        )
    else:
        kind.apply(form=form, by=request.user)
        messages.success(request, _("Your change is saved."))


def edit_page(
    request: HttpRequest,
    *,
    kind: EntryKind,
    organisation: Organisation,
    entry,
    template: str,
    success_url: str,
    context: dict | None = None,
) -> HttpResponse:
    """Show and handle the form of ``kind`` for ``entry`` (a new, unsaved one to create)."""
    data = request.POST if request.method == "POST" else None
    # Named before the form is validated: validating puts the input into ``entry``.
    entry_name = "" if entry._state.adding else str(entry)
    form = kind.form(
        data, organisation=organisation, entry=entry, full_access=is_coordinator(request.user)
    )
    review = review_applies(request.user)
    page = {
        **(context or {}),
        "form": form,
        "kind": kind,
        "organisation": organisation,
        "entry": entry,
        "entry_name": entry_name,
        "review": review,
    }
    if data is None:
        return render(request, template, page)
    if not form.is_valid():
        return render(request, template, page, status=400)
    try:
        _submit(
            request, kind=kind, form=form, entry=entry, organisation=organisation, review=review
        )
    except EditConflict as conflict:
        _with_version(form, conflict.current_version)
        return render(request, template, {**page, "conflict": conflict}, status=409)
    except ValidationError as error:
        _add_error(form, error)
        return render(request, template, page, status=400)
    return redirect(success_url)


FORM = "directory/member/form.html"


def overview_url(organisation_id: UUID, section: str = "") -> str:
    """The organisation's page in the member area, at ``section`` when given."""
    url = reverse("member:organisation", args=[organisation_id])
    return f"{url}#{section}" if section else url


def new_entry_view(model: type[Model], *, kind: str, section: str) -> View:
    """The page that adds a ``model`` entry to an organisation, then returns to ``section``."""

    @member_required
    def view(request: HttpRequest, organisation_id: UUID) -> HttpResponse:
        organisation = organisation_for(request.user, organisation_id)
        return edit_page(
            request,
            kind=EDITABLE_ENTRIES[kind],
            organisation=organisation,
            entry=model(organisation=organisation),
            template=FORM,
            success_url=overview_url(organisation.pk, section),
        )

    return view


def entry_view(
    model: type[Model],
    *,
    kind: str,
    section: str | Callable[[Any], str],
    template: str = FORM,
    context: Callable[[Any], dict[str, Any]] | None = None,
) -> View:
    """The page of ``kind`` for one ``model`` entry (URL argument ``entry_id``).

    Afterwards the editor returns to ``section`` of the organisation's page
    (a function of the entry where it names the entry); ``context`` adds to
    the page what it needs of the entry.
    """

    @member_required
    def view(request: HttpRequest, entry_id: UUID) -> HttpResponse:
        entry = entry_for(request.user, model, entry_id)
        return edit_page(
            request,
            kind=EDITABLE_ENTRIES[kind],
            organisation=entry.organisation,
            entry=entry,
            template=template,
            success_url=overview_url(
                entry.organisation_id, section(entry) if callable(section) else section
            ),
            context=context(entry) if context else None,
        )

    return view
