"""Bad input on every public form: a clear message, a 4xx, nothing stored, never a 500."""

import pytest
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.models import OutgoingMail
from directory.tests.factories import TopicFactory
from network.models import HelpOffer, JoinRequest
from network.tests.helpers import help_data, join_data

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("x")</script><b>bold</b>'


def url(name):
    with translation.override("en"):
        return reverse(f"network:{name}")


def stored():
    return (JoinRequest.objects.count(), HelpOffer.objects.count(), OutgoingMail.objects.count())


@pytest.fixture
def topic():
    return TopicFactory(slug="sport", name="Sport")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "This field is required."),
        ("name", "x" * 201, "Ensure this value has at most 200 characters"),
        ("activity", "", "This field is required."),
        ("activity", "x" * 2001, "Ensure this value has at most 2000 characters"),
        ("message", "x" * 2001, "Ensure this value has at most 2000 characters"),
        ("email", "not-an-address", "Enter a valid email address."),
        ("email", "a@b@example.org", "Enter a valid email address."),
        ("email", "amina@example.org\r\nBcc: victim@example.org", "Enter a valid email address."),
        ("name", "Amina\r\nBcc: victim@example.org", "Line breaks and control characters"),
        ("organisation_name", "Verein\nSubject: spam", "Line breaks and control characters"),
        ("phone", "call me <script>", "Enter a phone number"),
        ("kind", "emperor", "Select a valid choice."),
        ("consent", None, "Please agree to the processing of your data."),
        ("organisation_name", "", "Please name the organisation."),
        ("message", "bad \x07 bell", "Control characters are not allowed."),
    ],
)
def test_join_form_refuses_bad_input(client, field, value, message):
    response = client.post(url("join"), join_data(**{field: value}))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert stored() == (0, 0, 0)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("topics", [], "This field is required."),
        ("topics", ["00000000-0000-0000-0000-000000000000"], "Select a valid choice."),
        ("topics", ["not-a-uuid"], "is not a valid UUID."),
        ("languages", [], "This field is required."),
        ("languages", ["klingon"], "Select a valid choice."),
        ("time_available", "", "This field is required."),
        ("district", "not-a-uuid", "Select a valid choice."),
        ("consent", None, "Please agree to the processing of your data."),
        ("name", "Karim\rSubject: hi", "Line breaks and control characters"),
    ],
)
def test_help_form_refuses_bad_input(client, topic, field, value, message):
    response = client.post(url("help"), help_data([topic], **{field: value}))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert stored() == (0, 0, 0)


def test_html_is_stored_as_text_and_shown_escaped(client, coordinator):
    client.post(url("join"), join_data(name=SCRIPT[:200], activity=SCRIPT, message=SCRIPT))
    join_request = JoinRequest.objects.get()
    assert join_request.activity == SCRIPT
    mail = OutgoingMail.objects.get(purpose="network:join_confirmation")
    assert SCRIPT[:200] in mail.body  # plain text, not HTML: shown as typed
    client.force_login(coordinator)
    with translation.override("en"):
        page = client.get(reverse("network:join-detail", args=[join_request.pk]))
    html = page.content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_a_get_with_parameters_stores_nothing(client):
    response = client.get(url("join"), join_data())
    assert response.status_code == 200
    assert stored() == (0, 0, 0)


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_other_methods_are_refused(client, method):
    assert getattr(client, method)(url("join")).status_code == 405


FUZZ = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
anything = st.text(max_size=3000) | st.sampled_from(["\x00", SCRIPT, "😀" * 300, "\r\n"])


@FUZZ
@given(
    name=anything,
    email=anything,
    activity=anything,
    kind=anything,
    phone=anything,
    started=anything,
)
def test_join_form_never_fails(client, name, email, activity, kind, phone, started):
    before = stored()
    data = join_data(name=name, email=email, activity=activity, kind=kind, phone=phone)
    if started:
        data["started"] = started
    response = client.post(url("join"), data)
    assert response.status_code in (302, 400, 429)
    if response.status_code != 302:
        assert stored() == before


@FUZZ
@given(languages=st.lists(anything, max_size=4), time_available=anything, message=anything)
def test_help_form_never_fails(client, topic, languages, time_available, message):
    before = stored()
    data = help_data([topic], languages=languages, time_available=time_available, message=message)
    response = client.post(url("help"), data)
    assert response.status_code in (302, 400, 429)
    if response.status_code != 302:
        assert stored() == before


# --- forms of members and coordinators -------------------------------------------------


def manage_url(name, *args):
    with translation.override("en"):
        return reverse(f"network:{name}", args=args)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": ""}, "This field is required."),
        ({"title": "x" * 201}, "Ensure this value has at most 200 characters"),
        ({"title": "Lesen\r\nBcc: x@example.org"}, "Line breaks and control characters"),
        ({"title": "Lesen", "topics": []}, "This field is required."),
        ({"title": "Lesen", "languages": ["xx"]}, "Select a valid choice."),
        ({"title": "Lesen", "description": "x" * 2001}, "at most 2000 characters"),
    ],
)
def test_volunteer_need_form_refuses_bad_input(client, owner, organisation, topic, data, message):
    from network.models import VolunteerNeed

    client.force_login(owner)
    payload = {"topics": [str(topic.pk)], **data}
    response = client.post(manage_url("need-create", organisation.pk), payload)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert VolunteerNeed.objects.count() == 0


def test_volunteer_need_html_is_shown_escaped(client, owner, organisation, topic):
    client.force_login(owner)
    client.post(
        manage_url("need-create", organisation.pk),
        {"title": SCRIPT[:200], "topics": [str(topic.pk)]},
    )
    page = client.get(manage_url("needs", organisation.pk)).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page


def test_decline_reason_too_long_is_refused(client, coordinator):
    from network.tests.factories import JoinRequestFactory

    join_request = JoinRequestFactory()
    client.force_login(coordinator)
    response = client.post(manage_url("join-decline", join_request.pk), {"reason": "x" * 2001})
    assert response.status_code == 400
    assert "at most 2000 characters" in response.content.decode()
    assert OutgoingMail.objects.count() == 0


@FUZZ
@given(
    token=st.text(
        alphabet=st.characters(exclude_characters="/?#%", exclude_categories=("Cs",)),
        min_size=1,
        max_size=400,
    )
)
def test_any_state_link_token_is_a_clear_4xx(client, token):
    response = client.post(manage_url("status", token))
    assert response.status_code == 400
    assert stored() == (0, 0, 0)
