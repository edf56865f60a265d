from django.db import models

from core.validators import validate_single_line
from directory.models.offers import Offer


class SearchTerm(models.Model):
    """A word of the search vocabulary: every term that occurs in a posting."""

    term = models.CharField(max_length=40, unique=True, validators=[validate_single_line])

    class Meta:
        indexes = [
            # Lets PostgreSQL answer prefix searches (LIKE 'abc%') from an index
            # whatever the database's collation; other databases ignore it.
            models.Index(
                fields=["term"], name="search_term_prefix", opclasses=["text_pattern_ops"]
            ),
        ]

    def __str__(self) -> str:
        return self.term


class SearchVariant(models.Model):
    """A vocabulary term with one character deleted, for typo tolerance."""

    variant = models.CharField(max_length=40, validators=[validate_single_line])
    term = models.CharField(max_length=40, validators=[validate_single_line])

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["variant", "term"], name="search_variant_once"),
        ]

    def __str__(self) -> str:
        return f"{self.variant} → {self.term}"


class SearchDocument(models.Model):
    """An offer as the search sees it, under a small integer key.

    Postings point here rather than at the offer: an integer joins and
    groups much faster than a UUID, and the few columns the ranking filters
    and sorts by are at hand without reading the offer's row. Kept in step
    by ``search.index``, run for every write by ``search.updates``.
    """

    id = models.AutoField(primary_key=True)
    offer = models.OneToOneField(Offer, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=20, validators=[validate_single_line])
    membership_status = models.CharField(max_length=20, validators=[validate_single_line])
    name = models.CharField(max_length=200, validators=[validate_single_line])
    # Yes/no filters most offers pass: cheaper as columns than as postings.
    free_of_charge = models.BooleanField(default=False)
    wheelchair_accessible = models.BooleanField(default=False)

    def __str__(self) -> str:
        return self.name


class OfferPosting(models.Model):
    """A term that occurs in an offer's own text, with the weight of its best field."""

    document = models.ForeignKey(
        SearchDocument, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    term = models.CharField(max_length=40, validators=[validate_single_line])
    weight = models.PositiveSmallIntegerField()

    class Meta:
        indexes = [models.Index(fields=["term", "document", "weight"], name="offer_posting_lookup")]
        constraints = [
            models.UniqueConstraint(fields=["document", "term"], name="offer_posting_once"),
        ]

    def __str__(self) -> str:
        return f"{self.term} ({self.weight})"
