"""Official statistics: one figure of a series for a period, a region and a sector, with its source."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tripartite.core.models import Region, Sector
from tripartite.indicators.periods import Period


class Series(models.TextChoices):
    """The official series the indicators need (closed set: an indicator names the series it reads)."""

    EMPLOYEES = "employees", _("Employees (persons)")
    AVERAGE_WAGE = "average_wage", _("Average monthly nominal wage (tenge)")
    MEDIAN_WAGE = "median_wage", _("Median monthly nominal wage (tenge)")
    MINIMUM_WAGE = "minimum_wage", _("Minimum monthly wage (tenge)")


class StatisticsImport(models.Model):
    """One accepted import of a file of official statistics (a rejected file leaves no row)."""

    file_name = models.CharField(_("file name"), max_length=255)
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("imported by"),
    )
    created = models.PositiveIntegerField(_("figures added"), default=0)
    updated = models.PositiveIntegerField(_("figures replaced"), default=0)

    class Meta:
        verbose_name = _("statistics import")
        verbose_name_plural = _("statistics imports")
        ordering = ["-imported_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.imported_at:%Y-%m-%d})"


class StatisticValue(models.Model):
    """A published figure: `series` for `period` in `region` (None = the whole country) and `sector` (None = all).

    Values are whole numbers: persons for employees, tenge per month for wages.
    """

    series = models.CharField(_("series"), max_length=20, choices=Series.choices)
    period = models.CharField(_("period"), max_length=7, help_text=_("A year (2024) or a quarter (2024-Q2)."))
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    quarter = models.PositiveSmallIntegerField(_("quarter"), null=True, blank=True, editable=False)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="statistics", verbose_name=_("region"),
        help_text=_("Empty for the whole country."),
    )
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, null=True, blank=True, related_name="statistics", verbose_name=_("sector"),
        help_text=_("Empty for all sectors."),
    )
    value = models.BigIntegerField(_("value"))
    source = models.CharField(_("source"), max_length=300)
    source_url = models.URLField(_("source address"), max_length=500, blank=True)
    published_on = models.DateField(_("publication date"), null=True, blank=True)
    confirmed = models.BooleanField(
        _("confirmed"), default=True,
        help_text=_("False when the figure (or its period) is not stated by the source and must be checked."),
    )
    note = models.TextField(_("note"), blank=True)
    statistics_import = models.ForeignKey(
        StatisticsImport, on_delete=models.SET_NULL, null=True, blank=True, related_name="values",
        verbose_name=_("import"),
    )
    is_demo = models.BooleanField(_("demonstration data"), default=False, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("official statistic")
        verbose_name_plural = _("official statistics")
        ordering = ["series", "year", "quarter", "region__kato", "sector__code", "id"]
        indexes = [models.Index(fields=["series", "year", "quarter"], name="indicators_series_period")]
        # One figure per series, period, region and sector. NULL means "national" / "all sectors", so each
        # combination of NULLs gets its own constraint (NULLs are distinct in a plain unique constraint).
        constraints = [
            models.UniqueConstraint(
                fields=["series", "period", "region", "sector"],
                condition=Q(region__isnull=False, sector__isnull=False), name="unique_statistic_region_sector",
            ),
            models.UniqueConstraint(
                fields=["series", "period", "region"],
                condition=Q(region__isnull=False, sector__isnull=True), name="unique_statistic_region",
            ),
            models.UniqueConstraint(
                fields=["series", "period", "sector"],
                condition=Q(region__isnull=True, sector__isnull=False), name="unique_statistic_sector",
            ),
            models.UniqueConstraint(
                fields=["series", "period"],
                condition=Q(region__isnull=True, sector__isnull=True), name="unique_statistic_national",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_series_display()} {self.period}: {self.value}"

    @property
    def period_obj(self) -> Period:
        return Period(self.year, self.quarter)

    def save(self, *args: object, **kwargs: object) -> None:
        parsed = Period.parse(self.period)
        self.period, self.year, self.quarter = str(parsed), parsed.year, parsed.quarter
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def policy_scopes(self) -> list[tuple[str, int]]:
        # Official statistics belong to no organisation: only platform-wide roles may change them.
        return []

    @property
    def published(self) -> bool:
        return True
