from django.db import models
from django.utils.translation import gettext_lazy as _


class DemoDataset(models.Model):
    """Present while the demo data set is loaded, so every page can say so.

    ``digest`` is the fingerprint of the demo files that were loaded; the
    loader skips its work when the files have not changed.
    """

    digest = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("demo data set")
        verbose_name_plural = _("demo data sets")

    def __str__(self) -> str:
        return f"demo data {self.loaded_at:%Y-%m-%d %H:%M}"
