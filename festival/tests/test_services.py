import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from core.models import OutgoingMail
from festival import selectors, services
from festival.enums import ChangeKind, EditionStatus, EventState
from festival.models import Edition, Event, EventComment, Venue
from festival.rules import member_may_edit
from festival.tests.factories import EditionFactory, EventFactory, VenueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The services' messages are checked in English (the msgids)."""
    with translation.override("en"):
        yield


def fields(venue, **overrides):
    data = {
        "title": "Sprachcafé",
        "description": "Deutsch üben bei Kaffee.",
        "category": "food",
        "day": datetime.date(2026, 9, 29),
        "starts_at": datetime.time(15, 0),
        "ends_at": datetime.time(17, 0),
        "venue": venue,
        "contact_name": "Erika Muster",
        "contact_email": "erika@example.org",
    }
    data.update(overrides)
    return data


def submit(venue, owner, organisation, **overrides):
    return services.event_submit(
        edition=venue.edition,
        fields=fields(venue, **overrides),
        languages=["de", "uk"],
        by=owner,
        organisation=organisation,
        submitter_email=owner.email,
        language="uk",
    )


def test_submit_during_call_stores_event_and_languages(during_call, venue, owner, organisation):
    event = submit(venue, owner, organisation)

    assert event.state == EventState.SUBMITTED
    assert sorted(event.languages.values_list("code", flat=True)) == ["de", "uk"]
    assert event.submitter_language == "uk"
    assert event.identity_confirmed is True


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"day": datetime.date(2026, 11, 2)}, "day"),
        ({"day": datetime.date(2026, 9, 1)}, "day"),
        ({"ends_at": datetime.time(14, 0)}, "ends_at"),
        ({"ends_at": datetime.time(15, 0)}, "ends_at"),
    ],
)
def test_submit_refuses_bad_times(during_call, venue, owner, organisation, overrides, field):
    with pytest.raises(ValidationError) as error:
        submit(venue, owner, organisation, **overrides)

    assert field in error.value.message_dict
    assert Event.objects.count() == 0


def test_submit_refuses_venue_of_another_edition(during_call, venue, owner, organisation):
    other = VenueFactory(edition=EditionFactory(year=2025))

    with pytest.raises(ValidationError) as error:
        services.event_submit(
            edition=venue.edition,
            fields=fields(other),
            by=owner,
            organisation=organisation,
            submitter_email=owner.email,
            language="de",
        )

    assert "venue" in error.value.message_dict
    assert Event.objects.count() == 0


def test_submit_after_deadline_without_link_is_refused(after_deadline, venue, owner, organisation):
    with pytest.raises(ValidationError, match="call for events is closed"):
        submit(venue, owner, organisation)
    assert Event.objects.count() == 0


def test_submit_after_deadline_with_valid_link(
    after_deadline, venue, owner, organisation, coordinator
):
    link, token = services.link_create(
        edition=venue.edition,
        organisation=organisation,
        expires_at=datetime.datetime(2026, 9, 1, tzinfo=datetime.UTC),
        by=coordinator,
    )
    assert services.link_from_token(token) == link

    event = services.event_submit(
        edition=venue.edition,
        fields=fields(venue),
        by=owner,
        organisation=organisation,
        submitter_email=owner.email,
        language="de",
        link=link,
    )
    assert event.pk


def test_revoked_or_foreign_link_is_refused(
    after_deadline, venue, owner, organisation, other_organisation, coordinator
):
    link, _token = services.link_create(
        edition=venue.edition,
        organisation=other_organisation,
        expires_at=datetime.datetime(2026, 9, 1, tzinfo=datetime.UTC),
        by=coordinator,
    )
    for attempt in range(2):
        with pytest.raises(ValidationError, match="expired or was revoked"):
            services.event_submit(
                edition=venue.edition,
                fields=fields(venue),
                by=owner,
                organisation=organisation if attempt == 0 else other_organisation,
                submitter_email=owner.email,
                language="de",
                link=link,
            )
        services.link_revoke(link=link)
    assert Event.objects.count() == 0
    assert services.link_from_token("forged:token") is None


def test_edit_window_closes_at_deadline_unless_changes_requested(venue):
    event = EventFactory(edition=venue.edition, venue=venue)
    before = datetime.datetime(2026, 8, 1, tzinfo=datetime.UTC)
    after = datetime.datetime(2026, 8, 16, tzinfo=datetime.UTC)

    assert member_may_edit(event, before) is True
    assert member_may_edit(event, after) is False
    event.state = EventState.CHANGES_REQUESTED
    assert member_may_edit(event, after) is True


def test_member_edit_after_changes_requested_resubmits(
    after_deadline, venue, owner, coordinator, django_capture_on_commit_callbacks
):
    event = EventFactory(edition=venue.edition, venue=venue, organisation=owner.organisation)
    with django_capture_on_commit_callbacks(execute=True):
        services.event_decide(
            event=event, state=EventState.CHANGES_REQUESTED, by=coordinator, comment="Bitte Uhrzeit"
        )

    services.event_update(event=event, fields={"starts_at": datetime.time(17, 0)}, by=owner)

    event.refresh_from_db()
    assert event.state == EventState.SUBMITTED
    assert event.starts_at == datetime.time(17, 0)
    assert OutgoingMail.objects.filter(to=event.submitter_email).count() == 1


def test_request_for_changes_needs_comment(venue, coordinator):
    event = EventFactory(edition=venue.edition, venue=venue)
    with pytest.raises(ValidationError, match="comment"):
        services.event_decide(event=event, state=EventState.CHANGES_REQUESTED, by=coordinator)
    event.refresh_from_db()
    assert event.state == EventState.SUBMITTED
    assert EventComment.objects.count() == 0


def test_impossible_transition_is_refused(venue, coordinator):
    event = EventFactory(edition=venue.edition, venue=venue, state=EventState.WITHDRAWN)
    with pytest.raises(ValidationError, match="cannot become"):
        services.event_decide(event=event, state=EventState.ACCEPTED, by=coordinator)


def test_partner_event_needs_confirmation_before_accepting(venue, coordinator):
    event = EventFactory(
        edition=venue.edition,
        venue=venue,
        organisation=None,
        partner_name="Kulturverein Oststadt",
        identity_confirmed=False,
    )
    with pytest.raises(ValidationError, match="Confirm who the organiser is"):
        services.event_decide(event=event, state=EventState.ACCEPTED, by=coordinator)

    services.partner_confirm(event=event, by=coordinator)
    services.event_decide(event=event, state=EventState.ACCEPTED, by=coordinator)
    assert Event.objects.get(pk=event.pk).state == EventState.ACCEPTED


def test_decisions_mail_submitter_in_their_language(
    venue, coordinator, django_capture_on_commit_callbacks
):
    event = EventFactory(edition=venue.edition, venue=venue, submitter_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        services.event_decide(event=event, state=EventState.ACCEPTED, by=coordinator)

    mail = OutgoingMail.objects.get()
    assert mail.to == "submitter@example.org"
    assert mail.subject.startswith("Intercultural Week: new state of your event")
    assert "accepted" in mail.body


def test_publish_switch_publishes_accepted_only_and_logs_later_changes(
    venue, coordinator, django_capture_on_commit_callbacks
):
    accepted = EventFactory(edition=venue.edition, venue=venue, state=EventState.ACCEPTED)
    pending = EventFactory(edition=venue.edition, venue=venue, state=EventState.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        services.edition_publish(edition=venue.edition, by=coordinator)

    accepted.refresh_from_db()
    pending.refresh_from_db()
    assert (accepted.state, pending.state) == (EventState.PUBLISHED, EventState.SUBMITTED)
    assert Edition.objects.get().status == EditionStatus.PUBLISHED
    assert selectors.changes(edition=venue.edition) == []

    services.event_update(
        event=accepted, fields={"starts_at": datetime.time(19, 0)}, by=coordinator
    )
    services.event_decide(event=pending, state=EventState.ACCEPTED, by=coordinator)
    services.event_decide(event=pending, state=EventState.PUBLISHED, by=coordinator)
    services.event_withdraw(event=accepted, by=coordinator)

    log = [(entry.kind, entry.fields) for entry in selectors.changes(edition=venue.edition)]
    assert log == [
        (ChangeKind.CANCELLED, ()),
        (ChangeKind.ADDED, ()),
        (ChangeKind.CHANGED, ("starts_at",)),
    ]


def test_bulk_decide_reports_what_failed(venue, coordinator):
    good = EventFactory(edition=venue.edition, venue=venue)
    gone = EventFactory(edition=venue.edition, venue=venue, state=EventState.WITHDRAWN)

    done, problems = services.events_bulk_decide(
        events=[good, gone], state=EventState.ACCEPTED, by=coordinator
    )

    assert done == 1
    assert len(problems) == 1 and gone.title in problems[0]


def test_copy_edition_moves_dates_and_copies_venues(venue):
    copy = services.edition_create(
        fields=services.edition_copy_fields(source=venue.edition, year=2027),
        copy_from=venue.edition,
    )

    assert copy.starts_on == datetime.date(2027, 9, 20)
    assert copy.status == EditionStatus.PREPARING
    assert list(copy.venues.values_list("name", flat=True)) == ["Kulturzentrum"]
    assert Venue.objects.count() == 2


def test_database_refuses_end_before_start(venue):
    with pytest.raises(IntegrityError):
        EventFactory(edition=venue.edition, venue=venue, ends_at=datetime.time(10, 0))


def test_decision_mail_subject_is_plain_text_on_one_line(venue, coordinator):
    event = EventFactory(
        edition=venue.edition,
        venue=venue,
        submitter_language="en",
        title='Tanz & "Musik" <live>\r\nim Hof',
    )
    services.event_decide(event=event, state=EventState.ACCEPTED, by=coordinator)

    mail = OutgoingMail.objects.get()
    assert mail.subject == (
        'Intercultural Week: new state of your event “Tanz & "Musik" <live> im Hof”: accepted'
    )
    assert 'your event “Tanz & "Musik" <live>\r\nim Hof”' in mail.body


def test_decision_mail_in_ukrainian_for_a_ukrainian_submitter(venue, coordinator):
    event = EventFactory(
        edition=venue.edition, venue=venue, submitter_language="uk", title="Sprachcafé"
    )
    services.event_decide(event=event, state=EventState.ACCEPTED, by=coordinator)

    mail = OutgoingMail.objects.get()
    assert mail.subject == (
        "Міжкультурний тиждень: новий статус вашого заходу «Sprachcafé»: прийнято"
    )
    assert "Його поточний статус: прийнято." in mail.body


def test_decision_mail_is_stored_inside_the_decisions_transaction(
    venue, coordinator, django_capture_on_commit_callbacks
):
    event = EventFactory(edition=venue.edition, venue=venue)
    with django_capture_on_commit_callbacks() as callbacks:
        services.event_decide(event=event, state=EventState.ACCEPTED, by=coordinator)
        # nothing has committed yet, and the mail is already in the outbox
        assert OutgoingMail.objects.filter(purpose="festival-decision").count() == 1
    assert callbacks  # only the delivery waits for the commit


def test_decision_mail_is_not_stored_when_the_decision_rolls_back(venue, coordinator):
    event = EventFactory(edition=venue.edition, venue=venue)
    with pytest.raises(RuntimeError), transaction.atomic():
        services.event_decide(event=event, state=EventState.ACCEPTED, by=coordinator)
        raise RuntimeError("the caller fails after the decision")

    assert OutgoingMail.objects.count() == 0
    assert Event.objects.get(pk=event.pk).state == EventState.SUBMITTED


@pytest.mark.django_db(transaction=True)
def test_decision_mail_is_in_the_outbox_once_the_decision_commits(venue, coordinator):
    event = EventFactory(edition=venue.edition, venue=venue)
    services.event_decide(event=event, state=EventState.ACCEPTED, by=coordinator)

    (mail,) = OutgoingMail.objects.all()
    assert (mail.to, mail.purpose) == ("submitter@example.org", "festival-decision")
