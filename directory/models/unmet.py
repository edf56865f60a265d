"""What people searched for and did not find: counted, never personal."""

from django.db import models

from core.validators import validate_single_line


class UnmetSearch(models.Model):
    """A normalised query that found no or few offers, counted per month and
    language. No user, session, address or time of day is kept."""

    month = models.DateField(help_text="The first day of the month.")
    language = models.CharField(max_length=10, validators=[validate_single_line])
    query = models.CharField(max_length=200, validators=[validate_single_line])
    count = models.PositiveIntegerField(default=1)
    fewest_results = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["month", "language", "query"], name="unmet_search_once"
            ),
        ]
        indexes = [models.Index(fields=["-month", "language", "-count"], name="unmet_by_month")]

    def __str__(self) -> str:
        return f"{self.query} ({self.count})"


class SearchWish(models.Model):
    """What someone says they were looking for, sent from an empty result page.

    Anonymous: the text and the search it came from, the page's language
    and the month. The text is free, so it is in the privacy registry."""

    month = models.DateField(help_text="The first day of the month.")
    language = models.CharField(max_length=10, validators=[validate_single_line])
    query = models.CharField(max_length=200, blank=True, validators=[validate_single_line])
    text = models.TextField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["-month", "language"], name="search_wish_by_month")]

    def __str__(self) -> str:
        return self.text[:50]
