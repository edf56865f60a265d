"""Build a synthetic directory in the configured database and time the public search.

Run by ``bench/run.py`` once per database, with ``DATABASE_URL`` pointing at a
throw-away database. Prints one block of figures to stdout; never asserts them.
Everything is deterministic (fixed seeds), so two runs build the same data and
send the same requests.
"""

from __future__ import annotations

import json
import math
import os
import random
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from datetime import time as clock_time
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlencode

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402 - the project must be on sys.path first

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, models, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils.text import slugify  # noqa: E402

from core.warmup import warm_up  # noqa: E402
from directory.demo import taxonomy_import  # noqa: E402
from directory.enums import MembershipStatus, OfferStatus, OrganisationKind  # noqa: E402
from directory.models import (  # noqa: E402
    District,
    Location,
    Offer,
    OfferLanguage,
    OfferLocation,
    OfferPosting,
    OfferTranslation,
    OpeningHours,
    Organisation,
    OrganisationTranslation,
    SearchTerm,
    SearchVariant,
    TargetGroup,
    Topic,
)
from directory.search.index import search_index_rebuild  # noqa: E402
from festival.bench import measure as booklet_measure  # noqa: E402

SEED = 20260126
ORGANISATIONS = 500
LOCATIONS = 2_000
OFFERS = 10_000
BATCH = 2_000
TRANSLATED = ("en", "uk", "ar")
SPOKEN = ("de", "en", "uk", "ru", "ar", "fa", "tr", "vi", "pl")
SEARCH_REQUESTS = 200
OFFER_REQUESTS = 200
WARM_UP = 20
TARGET_SEARCH_P95_MS = 50.0
TARGET_OFFER_P95_MS = 20.0
EXPORT_SCRIPT = Path(__file__).resolve().parent / "export.py"
EXPORT_URL = "/api/hsds/services?format=ndjson&full=true"
TARGET_EXPORT_SECONDS = 5.0
TARGET_EXPORT_PEAK_MB = 100.0

# Each entry is one concept in German (the source), English, Ukrainian and Arabic,
# so translations are built from the same choices as the German text.
Words = tuple[str, str, str, str]
OFFER_HEADS: list[Words] = [
    ("Beratung", "Counselling", "Консультація", "استشارة"),
    ("Deutschkurs", "German course", "Курс німецької мови", "دورة اللغة الألمانية"),
    ("Integrationskurs", "Integration course", "Інтеграційний курс", "دورة الاندماج"),
    ("Migrationsberatung", "Migration counselling", "Консультація для мігрантів", "استشارة الهجرة"),
    ("Sprachcafé", "Language café", "Мовне кафе", "مقهى اللغة"),
    ("Hausaufgabenhilfe", "Homework help", "Допомога з домашніми завданнями", "مساعدة في الواجبات"),
    ("Bewerbungstraining", "Job application training", "Тренінг з резюме", "تدريب على طلبات العمل"),
    ("Wohnungssuche", "Flat hunting", "Пошук житла", "البحث عن شقة"),
    ("Frauentreff", "Women's meeting point", "Жіночий клуб", "ملتقى النساء"),
    ("Kita-Beratung", "Day-care counselling", "Консультація щодо дитсадка", "استشارة الحضانة"),
    (
        "Jugendmigrationsdienst",
        "Youth migration service",
        "Молодіжна міграційна служба",
        "خدمة هجرة الشباب",
    ),
    ("Sozialberatung", "Social counselling", "Соціальна консультація", "استشارة اجتماعية"),
    ("Schuldnerberatung", "Debt counselling", "Консультація з боргів", "استشارة الديون"),
    ("Elterncafé", "Parents' café", "Батьківське кафе", "مقهى الآباء"),
    ("Nähwerkstatt", "Sewing workshop", "Швейна майстерня", "ورشة الخياطة"),
    ("Fahrradwerkstatt", "Bicycle workshop", "Велосипедна майстерня", "ورشة الدراجات"),
    (
        "Asylverfahrensberatung",
        "Asylum counselling",
        "Консультація щодо притулку",
        "استشارة اللجوء",
    ),
    ("Anerkennungsberatung", "Recognition counselling", "Визнання дипломів", "الاعتراف بالشهادات"),
    ("Dolmetscherdienst", "Interpreting service", "Послуги перекладача", "خدمة الترجمة الفورية"),
    ("Gesundheitsberatung", "Health counselling", "Консультація зі здоров'я", "استشارة صحية"),
    ("Mieterberatung", "Tenant counselling", "Консультація для орендарів", "استشارة المستأجرين"),
    ("Berufsorientierung", "Career guidance", "Профорієнтація", "التوجيه المهني"),
    ("Alphabetisierungskurs", "Literacy course", "Курс грамотності", "دورة محو الأمية"),
    ("Kinderbetreuung", "Childcare", "Догляд за дітьми", "رعاية الأطفال"),
    ("Sportgruppe", "Sports group", "Спортивна група", "مجموعة رياضية"),
    ("Begegnungscafé", "Meeting café", "Кафе зустрічей", "مقهى اللقاء"),
]
OFFER_TAILS: list[Words] = [
    ("für Frauen", "for women", "для жінок", "للنساء"),
    ("für Familien", "for families", "для сімей", "للعائلات"),
    ("für Jugendliche", "for young people", "для молоді", "للشباب"),
    ("für Geflüchtete", "for refugees", "для біженців", "للاجئين"),
    ("für Studierende", "for students", "для студентів", "للطلاب"),
    ("am Abend", "in the evening", "ввечері", "في المساء"),
    ("am Wochenende", "at the weekend", "на вихідних", "في عطلة نهاية الأسبوع"),
    ("im Stadtteil", "in the neighbourhood", "у районі", "في الحي"),
    ("online", "online", "онлайн", "عبر الإنترنت"),
    ("Niveau A1", "level A1", "рівень A1", "المستوى A1"),
    ("Niveau B1", "level B1", "рівень B1", "المستوى B1"),
    ("mit Kinderbetreuung", "with childcare", "з доглядом за дітьми", "مع رعاية الأطفال"),
]
TEXT_WORDS: list[Words] = [
    ("Beratung", "counselling", "консультація", "استشارة"),
    ("Unterstützung", "support", "підтримка", "دعم"),
    ("Wohnung", "flat", "квартира", "شقة"),
    ("Miete", "rent", "оренда", "إيجار"),
    ("Mietvertrag", "tenancy agreement", "договір оренди", "عقد إيجار"),
    ("Arbeit", "work", "робота", "عمل"),
    ("Bewerbung", "job application", "резюме", "طلب عمل"),
    ("Behörden", "authorities", "установи", "السلطات"),
    ("Anträge", "applications", "заяви", "طلبات"),
    ("Formulare", "forms", "бланки", "استمارات"),
    ("Sprache", "language", "мова", "لغة"),
    ("Deutsch", "German", "німецька", "الألمانية"),
    ("Sprachkurs", "language course", "мовний курс", "دورة لغة"),
    ("Integrationskurs", "integration course", "інтеграційний курс", "دورة الاندماج"),
    ("Kinder", "children", "діти", "أطفال"),
    ("Eltern", "parents", "батьки", "الوالدين"),
    ("Familie", "family", "сім'я", "عائلة"),
    ("Schule", "school", "школа", "مدرسة"),
    ("Kita", "day care", "дитсадок", "حضانة"),
    ("Hausaufgaben", "homework", "домашні завдання", "واجبات منزلية"),
    ("Nachhilfe", "tutoring", "репетиторство", "دروس خصوصية"),
    ("Gesundheit", "health", "здоров'я", "صحة"),
    ("Arzt", "doctor", "лікар", "طبيب"),
    ("Versicherung", "insurance", "страхування", "تأمين"),
    ("Aufenthalt", "residence", "перебування", "الإقامة"),
    ("Ausländerbehörde", "immigration office", "міграційна служба", "مكتب الأجانب"),
    ("Jobcenter", "job centre", "центр зайнятості", "مركز التوظيف"),
    ("Ausbildung", "vocational training", "професійне навчання", "تدريب مهني"),
    ("Studium", "studies", "навчання", "دراسة"),
    ("Anerkennung", "recognition", "визнання", "اعتراف"),
    ("Nachbarschaft", "neighbourhood", "сусідство", "جوار"),
    ("Freizeit", "leisure", "дозвілля", "وقت الفراغ"),
    ("Begegnung", "encounter", "зустріч", "لقاء"),
    ("Gespräch", "conversation", "розмова", "محادثة"),
    ("Termin", "appointment", "запис", "موعد"),
    ("kostenlos", "free", "безкоштовно", "مجاني"),
    ("vertraulich", "confidential", "конфіденційно", "سري"),
    ("mehrsprachig", "multilingual", "багатомовно", "متعدد اللغات"),
    ("Hilfe", "help", "допомога", "مساعدة"),
    ("Alltag", "everyday life", "повсякдення", "الحياة اليومية"),
    ("Bankkonto", "bank account", "банківський рахунок", "حساب بنكي"),
    ("Kochen", "cooking", "кулінарія", "طبخ"),
    ("Nähen", "sewing", "шиття", "خياطة"),
    ("Sport", "sport", "спорт", "رياضة"),
    ("Ehrenamt", "volunteering", "волонтерство", "تطوع"),
    ("Dolmetschen", "interpreting", "усний переклад", "ترجمة فورية"),
    ("Frauen", "women", "жінки", "النساء"),
    ("Jugendliche", "young people", "молодь", "الشباب"),
    ("Geflüchtete", "refugees", "біженці", "اللاجئون"),
    ("Wohnungssuche", "flat hunting", "пошук житла", "البحث عن سكن"),
]
TEXT_OPENERS: list[Words] = [
    ("Wir bieten", "We offer", "Ми пропонуємо", "نقدم"),
    ("Wir helfen bei", "We help with", "Ми допомагаємо з", "نساعد في"),
    ("Hier gibt es", "Here you find", "Тут є", "هنا تجد"),
    ("Themen sind", "Topics are", "Теми", "المواضيع"),
]
AND: Words = ("und", "and", "і", "و")
ORGANISATION_PREFIXES: dict[str, list[str]] = {
    OrganisationKind.AUTHORITY: ["Amt für Migration", "Bürgerbüro", "Sozialamt"],
    OrganisationKind.CHARITY: ["AWO Beratungszentrum", "Caritas Migrationsdienst", "DRK Treff"],
    OrganisationKind.EDUCATION: ["Volkshochschule", "Bildungswerk", "Sprachschule"],
    OrganisationKind.UNIVERSITY: ["Hochschule International Office", "Studienkolleg"],
    OrganisationKind.CHURCH: ["Evangelische Gemeinde", "Katholische Pfarrei", "Diakonie"],
    OrganisationKind.COMPANY: ["Wohnungsgesellschaft", "Stadtwerke Service", "Pflegedienst"],
    OrganisationKind.POLICE: ["Polizeiinspektion", "Präventionsstelle"],
    OrganisationKind.ASSOCIATION: ["Verein Miteinander", "Kulturverein", "Nachbarschaftshilfe"],
}
STREETS = [
    "Friedrich-Engels-Ring",
    "Treptower Straße",
    "Neustrelitzer Straße",
    "Stargarder Straße",
    "Demminer Straße",
    "Ziolkowskistraße",
    "Juri-Gagarin-Ring",
    "Koszaliner Straße",
    "Rostocker Straße",
    "Woldegker Straße",
    "Brodaer Straße",
    "Ihlenfelder Straße",
    "Robert-Blum-Straße",
    "Große Wollweberstraße",
    "Turmstraße",
    "Pfaffenstraße",
    "Darguner Straße",
    "Lerchenstraße",
    "Einsteinstraße",
    "Max-Adrian-Straße",
]
PLACE_NAMES = [
    "Beratungsstelle",
    "Bürgerhaus",
    "Haus der Kulturen",
    "Treffpunkt",
    "Büro",
    "Zentrum",
]

# What people type: German, English, Ukrainian, Russian and Arabic words, prefixes,
# typos and several words at once.
QUERIES = [
    "Wohnung",
    "housing",
    "житло",
    "жильё",
    "سكن",
    "Deutschkurs",
    "German course",
    "курси німецької",
    "Migrationsberatung",
    "Beratung",
    "Deutschk",
    "Wohnnung",
    "Sprachkrus",
    "Sprachcafé",
    "Integrationskurs",
    "Hausaufgabenhilfe",
    "Bewerbung",
    "Kita",
    "Frauentreff",
    "Beratung Wohnung",
    "Deutschkurs für Frauen",
    "help with job application",
    "консультація житло",
    "استشارة",
    "Arbeit",
    "робота",
    "Arzt",
    "doctor",
    "Ausländerbehörde Aufenthalt",
    "Kinderbetreuung Kita",
    "Migrat",
    "Bewerbungstrainig",
    "flat rent",
    "дитсадок",
    "دورة اللغة الألمانية",
]
BROAD_QUERIES = ["Beratung", "Wohnung", "Deutschkurs", "housing", "Kita"]


def new_id(rng: random.Random) -> uuid.UUID:
    """A UUID drawn from ``rng``, so that ids are the same on every run."""
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def batched(model: type[models.Model], rows: Sequence[models.Model]) -> None:
    """Insert ``rows`` in sane batches."""
    model.objects.bulk_create(rows, batch_size=BATCH)


@dataclass
class Built:
    """What the data build made, for the report."""

    organisations: int
    locations: int
    offers: int
    seconds: float


def description(rng: random.Random, words: int) -> Words:
    """A description of about ``words`` words in every language, from the same choices."""
    sentences: list[list[str]] = [[], [], [], []]
    count = 0
    while count < words:
        opener = rng.choice(TEXT_OPENERS)
        chosen = rng.sample(TEXT_WORDS, rng.randint(3, 5))
        for index in range(4):
            parts = [item[index] for item in chosen]
            listed = ", ".join(parts[:-1]) + f" {AND[index]} {parts[-1]}"
            sentences[index].append(f"{opener[index]} {listed}.")
        count += len(opener[0].split()) + sum(len(item[0].split()) for item in chosen) + 1
    de, en, uk, ar = (" ".join(parts) for parts in sentences)
    return (de, en, uk, ar)


def build_data(rng: random.Random) -> Built:
    """Taxonomy, organisations, locations, offers, hours and translations."""
    started = time.perf_counter()
    with open(BASE_DIR / "directory" / "demo" / "taxonomy.json", encoding="utf-8") as handle:
        taxonomy_import(data=json.load(handle))
    topics = list(Topic.objects.order_by("slug"))
    groups = list(TargetGroup.objects.order_by("slug"))
    districts = list(District.objects.order_by("slug"))
    # Most places are in Neubrandenburg itself.
    district_weights = [8 if d.municipality == "Neubrandenburg" else 1 for d in districts]
    kinds = list(OrganisationKind)

    with transaction.atomic():
        organisations: list[Organisation] = []
        organisation_translations: list[OrganisationTranslation] = []
        for number in range(ORGANISATIONS):
            kind = kinds[number % len(kinds)]
            place = rng.choices(districts, district_weights)[0]
            name = f"{rng.choice(ORGANISATION_PREFIXES[kind])} {place.name} {number + 1}"
            texts = description(rng, rng.randint(15, 30))
            organisation = Organisation(
                id=new_id(rng),
                name=name,
                slug=slugify(name)[:70] + f"-{number + 1}",
                kind=kind,
                membership_status=MembershipStatus.ACTIVE,
                member_since=date(2010, 1, 1) + timedelta(days=rng.randint(0, 5_000)),
                description=texts[0],
                email=f"kontakt{number + 1}@example.org",
                website=f"https://example.org/{number + 1}",
            )
            organisations.append(organisation)
            made_from = {"description": organisation.description}
            organisation_translations.extend(
                OrganisationTranslation(
                    source=organisation,
                    language=language,
                    description=texts[index + 1],
                    source_texts=made_from,
                )
                for index, language in enumerate(TRANSLATED)
            )
        batched(Organisation, organisations)
        batched(OrganisationTranslation, organisation_translations)

        locations: list[Location] = []
        for number in range(LOCATIONS):
            district = rng.choices(districts, district_weights)[0]
            locations.append(
                Location(
                    id=new_id(rng),
                    organisation=organisations[number % ORGANISATIONS],
                    name=f"{rng.choice(PLACE_NAMES)} {district.name}",
                    street=f"{rng.choice(STREETS)} {rng.randint(1, 120)}",
                    postal_code=rng.choice(["17033", "17034", "17036"]),
                    city=district.municipality,
                    district=district,
                    latitude=Decimal(f"{rng.uniform(53.52, 53.59):.6f}"),
                    longitude=Decimal(f"{rng.uniform(13.22, 13.31):.6f}"),
                    wheelchair_accessible=rng.random() < 0.4,
                )
            )
        batched(Location, locations)
        places_of: dict[uuid.UUID, list[Location]] = {}
        for location in locations:
            places_of.setdefault(location.organisation_id, []).append(location)

        offers: list[Offer] = []
        offer_translations: list[OfferTranslation] = []
        offer_topics: list[models.Model] = []
        offer_groups: list[models.Model] = []
        languages: list[OfferLanguage] = []
        offer_locations: list[OfferLocation] = []
        hours: list[OpeningHours] = []
        topic_link = Offer.topics.through
        group_link = Offer.target_groups.through
        checked = date(2026, 1, 15)  # fixed, so that every run builds the same data
        for _number in range(OFFERS):
            organisation = rng.choice(organisations)
            head = rng.choice(OFFER_HEADS)
            tail = rng.choice(OFFER_TAILS) if rng.random() < 0.7 else None
            names = tuple(f"{head[i]} {tail[i]}" if tail else head[i] for i in range(4))
            texts = description(rng, rng.randint(15, 30))
            free = rng.random() < 0.8
            offer = Offer(
                id=new_id(rng),
                organisation=organisation,
                name=names[0],
                description=texts[0],
                status=OfferStatus.ACTIVE,
                free_of_charge=free,
                cost="" if free else f"{rng.choice([5, 10, 20, 50])} Euro",
                last_verified=checked - timedelta(days=rng.randint(0, 400)),
            )
            offers.append(offer)
            made_from = {"name": offer.name, "description": offer.description}
            offer_translations.extend(
                OfferTranslation(
                    source=offer,
                    language=language,
                    name=names[index + 1],
                    description=texts[index + 1],
                    source_texts=made_from,
                )
                for index, language in enumerate(TRANSLATED)
            )
            offer_topics.extend(
                topic_link(offer_id=offer.id, topic_id=topic.id)
                for topic in rng.sample(topics, rng.randint(1, 3))
            )
            offer_groups.extend(
                group_link(offer_id=offer.id, targetgroup_id=group.id)
                for group in rng.sample(groups, rng.randint(0, 2))
            )
            languages.extend(
                OfferLanguage(offer=offer, code=code)
                for code in ["de", *rng.sample(SPOKEN[1:], rng.randint(0, 3))]
            )
            own_places = places_of[organisation.id]
            for location in rng.sample(own_places, min(len(own_places), rng.randint(1, 2))):
                offer_location = OfferLocation(id=new_id(rng), offer=offer, location=location)
                offer_locations.append(offer_location)
                for weekday in rng.sample(range(7), rng.randint(1, 3)):
                    opens = rng.randint(8, 17)
                    hours.append(
                        OpeningHours(
                            id=new_id(rng),
                            offer_location=offer_location,
                            weekday=weekday,
                            opens_at=clock_time(opens, rng.choice([0, 30])),
                            closes_at=clock_time(opens + rng.randint(1, 4), 0),
                        )
                    )
        batched(Offer, offers)
        batched(OfferTranslation, offer_translations)
        batched(topic_link, offer_topics)
        batched(group_link, offer_groups)
        batched(OfferLanguage, languages)
        batched(OfferLocation, offer_locations)
        batched(OpeningHours, hours)
    return Built(
        organisations=len(organisations),
        locations=len(locations),
        offers=len(offers),
        seconds=time.perf_counter() - started,
    )


@dataclass
class Request:
    """One request of the mix: its URL and the browser's language."""

    url: str
    language: str


def search_requests(rng: random.Random) -> list[Request]:
    """The fixed mix of search-page requests: queries, filters, both and neither."""
    topics = list(Topic.objects.order_by("slug").values_list("slug", flat=True))
    groups = list(TargetGroup.objects.order_by("slug").values_list("slug", flat=True))
    districts = list(District.objects.order_by("slug").values_list("slug", flat=True))
    filter_makers: list[Callable[[], tuple[str, str]]] = [
        lambda: ("topic", rng.choice(topics)),
        lambda: ("lang", rng.choice(["uk", "ar", "ru", "fa", "en"])),
        lambda: ("district", rng.choice(districts)),
        lambda: ("group", rng.choice(groups)),
        lambda: ("free", "on"),
        lambda: ("open", "on"),
        lambda: ("access", "on"),
    ]
    requests: list[Request] = []
    for _number in range(SEARCH_REQUESTS):
        language = rng.choices(["de", "uk", "ar"], [8, 1, 1])[0]
        params: dict[str, str] = {}
        kind = rng.random()
        if kind < 0.1:  # filters only, no words
            params.update(rng.choice(filter_makers)() for _ in range(rng.randint(1, 2)))
        elif kind < 0.15:  # a second page of a broad search
            params["q"] = rng.choice(BROAD_QUERIES)
            params["page"] = "2"
        else:
            params["q"] = rng.choice(QUERIES)
            if rng.random() < 0.5:
                params.update(rng.choice(filter_makers)() for _ in range(rng.randint(1, 2)))
        requests.append(Request(url=f"/{language}/suche/?{urlencode(params)}", language=language))
    return requests


def offer_requests(rng: random.Random) -> list[Request]:
    """Offer pages of offers drawn at random (fixed seed)."""
    ids = list(Offer.objects.order_by("id").values_list("id", flat=True))
    return [
        Request(url=f"/de/angebote/{offer_id}/", language="de")
        for offer_id in rng.choices(ids, k=OFFER_REQUESTS)
    ]


@dataclass
class Timings:
    """Times in milliseconds of a series of requests, and the ones that failed."""

    samples: list[tuple[float, str]] = field(default_factory=list)
    failures: list[tuple[int, str]] = field(default_factory=list)

    def percentile(self, share: float) -> float:
        """Nearest-rank percentile (share 0.5 is the median)."""
        times = sorted(ms for ms, _url in self.samples)
        return times[max(0, math.ceil(share * len(times)) - 1)]

    def slowest(self, count: int) -> list[tuple[float, str]]:
        """The ``count`` slowest distinct URLs, each with its slowest time."""
        worst: dict[str, float] = {}
        for ms, url in sorted(self.samples, reverse=True):
            worst.setdefault(url, ms)
        return [(ms, url) for url, ms in worst.items()][:count]


def fetch(client: Client, request: Request) -> Any:
    """GET one page the way a browser in ``request.language`` would."""
    return client.get(request.url, HTTP_ACCEPT_LANGUAGE=request.language)


def measure(client: Client, requests: list[Request]) -> Timings:
    """Time every request, in order; count failures instead of stopping."""
    timings = Timings()
    for request in requests:
        started = time.perf_counter()
        response = fetch(client, request)
        elapsed = (time.perf_counter() - started) * 1000
        timings.samples.append((elapsed, request.url))
        if response.status_code != 200:
            timings.failures.append((response.status_code, request.url))
    return timings


def queries_of(client: Client, request: Request) -> list[float]:
    """The time in milliseconds of each SQL query that one request makes."""
    with CaptureQueriesContext(connection) as captured:
        fetch(client, request)
    return [float(query["time"]) * 1000 for query in captured.captured_queries]


def figure(label: str, timings: Timings, target: float) -> str:
    """One report line: median, p95 and max against the target for p95."""
    p95 = timings.percentile(0.95)
    verdict = "target met" if p95 <= target else "target MISSED"
    return (
        f"{label} p50 {timings.percentile(0.5):.1f} ms, p95 {p95:.1f} ms, "
        f"max {max(ms for ms, _url in timings.samples):.1f} ms "
        f"over {len(timings.samples)} requests (p95 ≤ {target:.0f} ms: {verdict})"
    )


def report_failures(label: str, timings: Timings) -> None:
    if timings.failures:
        print(f"{label}: {len(timings.failures)} requests did not answer 200:")
        for status, url in timings.failures[:10]:
            print(f"  {status} {unquote(url)}")


def run_export(url: str) -> dict[str, Any]:
    """One NDJSON export in a fresh process (``bench/export.py``), so that its
    peak memory is the export's own and not that of building the data."""
    result = subprocess.run(  # noqa: S603 - our own interpreter and script, no shell
        [sys.executable, str(EXPORT_SCRIPT), url],
        cwd=BASE_DIR,
        env=dict(os.environ),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.stderr.write(result.stderr)
        raise RuntimeError(f"bench/export.py {url} failed (exit status {result.returncode})")
    return json.loads(result.stdout.strip().splitlines()[-1])


def report_export() -> None:
    """The whole HSDS export as NDJSON: time, size and peak memory against the targets.

    Fully nested records (``full=true``) are the heavy case and the one the
    targets apply to. A smaller export (the offers of one topic) shows that
    it streams: the memory an export adds does not grow with the offers.
    """
    topic = Topic.objects.order_by("slug").first()
    part = run_export(f"{EXPORT_URL}&taxonomy_term_id={topic.id}")
    whole = run_export(EXPORT_URL)
    flat = run_export(EXPORT_URL.removesuffix("&full=true"))
    for run in (part, whole, flat):
        if run["status"] != 200 or not run["streamed"]:
            print(f"!! {run['url']} answered {run['status']} (streamed: {run['streamed']})")
    seconds, peak = whole["seconds"], whole["peak_rss_mb"]
    added = peak - whole["rss_before_mb"]
    added_by_part = part["peak_rss_mb"] - part["rss_before_mb"]
    time_verdict = "target met" if seconds <= TARGET_EXPORT_SECONDS else "target MISSED"
    memory_verdict = "target met" if peak <= TARGET_EXPORT_PEAK_MB else "target MISSED"
    print(
        f"HSDS export {EXPORT_URL}: {whole['lines']:,} lines, "
        f"{whole['bytes'] / 1024 / 1024:.1f} MB in {seconds:.2f} s "
        f"({whole['cpu_seconds']:.2f} s CPU in the process, first line after "
        f"{whole['first_line_seconds']:.2f} s, {whole['queries']} SQL queries; "
        f"≤ {TARGET_EXPORT_SECONDS:.0f} s: {time_verdict})"
    )
    print(
        f"HSDS export memory: peak RSS {peak:.1f} MB, {added:.1f} MB of it added by the export "
        f"(≤ {TARGET_EXPORT_PEAK_MB:.0f} MB peak RSS: {memory_verdict}); it streams: "
        f"{part['lines']:,} offers added {added_by_part:.1f} MB, {whole['lines']:,} offers "
        f"{added:.1f} MB"
    )
    print(
        f"HSDS export {flat['url']} (list fields only): {flat['lines']:,} lines, "
        f"{flat['bytes'] / 1024 / 1024:.1f} MB in {flat['seconds']:.2f} s, "
        f"peak RSS {flat['peak_rss_mb']:.1f} MB"
    )


def main() -> None:
    """Migrate, build the data and the index, then time search and offer pages."""
    call_command("migrate", verbosity=0)
    call_command("createcachetable")
    rng = random.Random(SEED)  # noqa: S311 - reproducible test data, not cryptography

    built = build_data(rng)
    print(
        f"data: {built.organisations} organisations, {built.locations} locations, "
        f"{built.offers} offers, {len(TRANSLATED)} languages translated "
        f"(built in {built.seconds:.1f} s)",
        flush=True,
    )
    started = time.perf_counter()
    search_index_rebuild()
    seconds = time.perf_counter() - started
    print(
        f"search index: {OfferPosting.objects.count():,} postings, "
        f"{SearchTerm.objects.count():,} terms, {SearchVariant.objects.count():,} variants "
        f"(built in {seconds:.1f} s)",
        flush=True,
    )
    if connection.vendor == "postgresql":
        # Autovacuum vacuums and analyses a table soon after a load like this
        # (PostgreSQL 13+ also after inserts alone). Without it PostgreSQL has no
        # planner statistics and no visibility map, so it cannot answer from the
        # postings index alone, and times would show a state a running site is not in.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        print("planner statistics and visibility map: VACUUM ANALYZE run after loading")

    searches = search_requests(rng)
    offers = offer_requests(rng)
    warm_up()  # as config/wsgi.py does when a server process starts
    client = Client()
    for request in [*searches[: WARM_UP // 2], *offers[: WARM_UP // 2]]:
        fetch(client, request)
    search_times = measure(client, searches)
    offer_times = measure(client, offers)
    print(figure("search page:", search_times, TARGET_SEARCH_P95_MS))
    print(figure("offer page: ", offer_times, TARGET_OFFER_P95_MS))
    search_queries = queries_of(
        client, Request(url="/de/suche/?q=Beratung+Wohnung&topic=housing", language="de")
    )
    offer_queries = queries_of(client, offers[0])
    print(f"queries per request: search {len(search_queries)}, offer {len(offer_queries)}")
    print("slowest search URLs (then sent once more, with SQL timed):")
    for ms, url in search_times.slowest(5):
        started = time.perf_counter()
        sql = queries_of(client, Request(url=url, language=url.split("/")[1]))
        again = (time.perf_counter() - started) * 1000
        print(
            f"  {ms:6.1f} ms  {unquote(url)}  (again {again:.0f} ms: SQL {sum(sql):.0f} ms "
            f"in {len(sql)} queries, slowest query {max(sql, default=0):.0f} ms)"
        )
    report_export()
    booklet_seconds, booklet_bytes = booklet_measure(150)
    print(
        f"Intercultural Week booklet (PDF, WeasyPrint) of 150 events: {booklet_seconds:.2f} s, "
        f"{booklet_bytes / 1024:.0f} KiB (rendered once, after a warm-up)"
    )
    print(
        f"load average over the last minute: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs "
        "(this run itself keeps about one busy)"
    )
    report_failures("search page", search_times)
    report_failures("offer page", offer_times)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
