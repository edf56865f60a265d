"""Reports of mistakes on offer pages: receive, notify the editors, mark done, delete.

A report is anonymous: the visitor says what is wrong (a topic and a short
text) and nothing about themselves. The owning organisation's editors get a
mail without the text (it waits on the freshness page, not in mailboxes),
see the report on the freshness page and mark it done; done reports are
deleted after ``DIRECTORY_REPORT_RETENTION_MONTHS``.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.enums import Role
from accounts.models import User
from accounts.permissions import can_edit_organisation
from core import audit
from core.mail import mail_send, site_link
from directory.enums import ReportStatus
from directory.models import MistakeReport, Offer, Organisation

# Open reports listed on the freshness page; the count says how many there are.
LISTED = 50


def mistake_report_submit(*, offer: Offer, topic: str, message: str) -> MistakeReport:
    """Store the report and queue one mail to each active editor of the offer's organisation."""
    report = MistakeReport(offer=offer, topic=topic, message=message.strip())
    report.full_clean()
    with audit.change_set(by=None, action="directory.report.submit", subject=report) as cs:
        report.save()
        cs.created(report)
        editors = User.objects.filter(
            role=Role.MEMBER_EDITOR, is_active=True, organisation_id=offer.organisation_id
        ).order_by("email")
        for editor in editors:
            _notify(editor, report)
    return report


def _notify(editor: User, report: MistakeReport) -> None:
    mail_send(
        to=editor.email,
        language=editor.mail_language,
        template="directory/mail/mistake_report",
        context={
            "editor": editor,
            "offer": report.offer,
            "topic": report.get_topic_display,  # rendered in the editor's language
            "dashboard": site_link("freshness:dashboard"),
        },
        purpose="mistake-report",
    )


def mistake_report_close(*, report: MistakeReport, by: User) -> MistakeReport:
    """Mark the report done (a report already done stays as it was)."""
    with audit.change_set(by=by, action="directory.report.close", subject=report) as cs:
        report = MistakeReport.objects.select_for_update().get(pk=report.pk)
        if report.status == ReportStatus.DONE:
            return report
        before = audit.snapshot(report)
        report.status = ReportStatus.DONE
        report.closed_by = by
        report.closed_at = timezone.now()
        report.save(update_fields=["status", "closed_by", "closed_at"])
        cs.changed(report, before)
    return report


def report_for(user, report_id: int) -> MistakeReport:
    """The report, if ``user`` may edit the offer's organisation; 404 otherwise."""
    report = MistakeReport.objects.select_related("offer").filter(pk=report_id).first()
    if report is None or not can_edit_organisation(user, report.offer.organisation_id):
        raise Http404
    return report


def open_reports(*, organisation: Organisation | None = None) -> QuerySet[MistakeReport]:
    """Open reports, newest first; of one organisation, or of all (coordinators)."""
    reports = MistakeReport.objects.filter(status=ReportStatus.OPEN).select_related(
        "offer__organisation"
    )
    if organisation is not None:
        reports = reports.filter(offer__organisation=organisation)
    return reports.order_by("-created_at", "-id")


def retention_cutoff(now: datetime) -> datetime:
    return now - timedelta(days=round(settings.DIRECTORY_REPORT_RETENTION_MONTHS * 365.25 / 12))


@transaction.atomic
def done_reports_delete(*, now: datetime) -> int:
    """Delete reports marked done before the retention period; returns how many."""
    expired = MistakeReport.objects.filter(
        status=ReportStatus.DONE, closed_at__lt=retention_cutoff(now)
    )
    rows = list(expired)
    if not rows:
        return 0
    with audit.change_set(by=None, action="directory.report.retention") as cs:
        for report in rows:
            cs.deleted(report)
        MistakeReport.objects.filter(pk__in=[report.pk for report in rows]).delete()
    return len(rows)
