"""The coordinators' review queue: changes of member editors waiting for approval."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import coordinator_required
from directory.member.forms import ReviewRejectForm
from directory.member.kinds import EDITABLE_ENTRIES, with_kind_labels
from directory.member.review import (
    ReviewClosed,
    bind_stored,
    form_error_messages,
    pending_change_approve,
    pending_change_reject,
)
from directory.member.selectors import pending_changes
from directory.models import PendingChange


@coordinator_required
def queue(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "directory/member/review_queue.html",
        {"changes": with_kind_labels(pending_changes())},
    )


def _proposal(change: PendingChange):
    """The kind, the entry as it is now, the diff current → proposed, and why the
    change cannot be applied now (if it cannot). Decided changes show no diff."""
    if change.status != PendingChange.Status.PENDING:
        return EDITABLE_ENTRIES[change.kind], None, [], []
    kind, entry, form = bind_stored(change)
    if form is None:
        return kind, None, [], [_("The entry no longer exists.")]
    if not form.is_valid():
        return kind, entry, [], form_error_messages(form)
    return kind, entry, kind.diff(form, entry), []


def _detail(
    request: HttpRequest,
    change: PendingChange,
    *,
    reject_form: ReviewRejectForm | None = None,
    errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    kind, entry, diff, invalid = _proposal(change)
    return render(
        request,
        "directory/member/review_detail.html",
        {
            "change": change,
            "kind": kind,
            "entry": entry,
            "diff": diff,
            "minor_edit": change.data.get("minor_edit") in (["on"], ["true"], ["1"]),
            "invalid": errors or invalid,
            "reject_form": reject_form or ReviewRejectForm(),
        },
        status=status,
    )


def _closed(request: HttpRequest, change: PendingChange) -> HttpResponse:
    change.refresh_from_db()
    return _detail(request, change, errors=[_("This change has already been decided.")], status=409)


def _change_or_404(change_id: int) -> PendingChange:
    """A change of a kind this area knows (other apps may store kinds of their own)."""
    return get_object_or_404(
        PendingChange.objects.select_related("organisation", "author", "reviewed_by"),
        pk=change_id,
        kind__in=list(EDITABLE_ENTRIES),
    )


@coordinator_required
def detail(request: HttpRequest, change_id: int) -> HttpResponse:
    return _detail(request, _change_or_404(change_id))


@coordinator_required
@require_POST
def approve(request: HttpRequest, change_id: int) -> HttpResponse:
    change = _change_or_404(change_id)
    try:
        decision = pending_change_approve(change=change, by=request.user)
    except ReviewClosed:
        return _closed(request, change)
    if not decision.applied:
        change.refresh_from_db()
        return _detail(request, change, errors=decision.errors, status=400)
    messages.success(request, _("The change is approved and published. The author is told."))
    return redirect("member:review-queue")


@coordinator_required
@require_POST
def reject(request: HttpRequest, change_id: int) -> HttpResponse:
    change = _change_or_404(change_id)
    form = ReviewRejectForm(request.POST)
    if not form.is_valid():
        return _detail(request, change, reject_form=form, status=400)
    try:
        pending_change_reject(change=change, by=request.user, comment=form.cleaned_data["comment"])
    except ReviewClosed:
        return _closed(request, change)
    messages.success(request, _("The change is rejected. The author is told why."))
    return redirect("member:review-queue")
