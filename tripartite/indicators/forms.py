"""Forms of the indicator pages: choosing the period, region and sector; uploading official statistics."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tripartite.core.models import Region, Sector
from tripartite.indicators.importing import MAX_BYTES
from tripartite.indicators.models import Series
from tripartite.indicators.periods import Period


def _region_choices(empty: Any) -> list[tuple[str, Any]]:
    return [("", empty)] + [(r.kato, r.name) for r in Region.objects.order_by("kato")]


def _sector_choices(empty: Any) -> list[tuple[str, Any]]:
    return [("", empty)] + [(s.code, str(s)) for s in Sector.objects.order_by("code")]


class IndicatorFilterForm(forms.Form):
    """Where and when: the period shown in the breakdowns, the region and the sector of the trend."""

    period = forms.ChoiceField(label=_("Period"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    sector = forms.ChoiceField(label=_("Sector"), required=False)

    def __init__(self, *args: Any, periods: list[Period], by_region: bool = True, by_sector: bool = True,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [("", _("Latest"))] + [  # type: ignore[attr-defined]
            (str(p), str(p)) for p in reversed(periods)
        ]
        if by_region:
            self.fields["region"].choices = _region_choices(_("Whole country"))  # type: ignore[attr-defined]
        else:
            del self.fields["region"]
        if by_sector:
            self.fields["sector"].choices = _sector_choices(_("All sectors"))  # type: ignore[attr-defined]
        else:
            del self.fields["sector"]


class PathForm(forms.Form):
    """The path of the minimum wage to a target share of the wage."""

    target = forms.DecimalField(label=_("Target share, %"), min_value=1, max_value=100, decimal_places=2,
                                required=False, initial=50)
    years = forms.IntegerField(label=_("Years"), min_value=1, max_value=20, required=False, initial=5)
    growth = forms.DecimalField(label=_("Yearly growth of wages, %"), min_value=-20, max_value=50, decimal_places=2,
                                required=False, initial=0,
                                help_text=_("An assumption, not a forecast: 0 keeps the wage at its latest level."))


class StatisticFilterForm(forms.Form):
    series = forms.ChoiceField(label=_("Series"), required=False)
    period = forms.CharField(label=_("Period"), required=False, max_length=10,
                             widget=forms.TextInput(attrs={"placeholder": "2024-Q2", "size": 8}))
    region = forms.ChoiceField(label=_("Region"), required=False)
    sector = forms.ChoiceField(label=_("Sector"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["series"].choices = [("", _("Any"))] + list(Series.choices)  # type: ignore[attr-defined]
        self.fields["region"].choices = [("", _("Any")), ("national", _("Whole country"))] + _region_choices(  # type: ignore[attr-defined]
            "")[1:]
        self.fields["sector"].choices = [("", _("Any")), ("all", _("All sectors"))] + _sector_choices("")[1:]  # type: ignore[attr-defined]

    def clean_period(self) -> str:
        raw = self.cleaned_data.get("period") or ""
        if raw:
            try:
                return str(Period.parse(raw))
            except ValueError:
                raise forms.ValidationError(_("Write a year (2024) or a quarter (2024-Q2).")) from None
        return ""


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File (CSV or XLSX)"),
        help_text=_("Columns: series, period, region, sector, value, source, source_url, published_on, note."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB. Split it into several files."))
        return upload


class YearForm(forms.Form):
    """The year the dashboard and the yearly report show."""

    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("Latest"))] + [(str(y), str(y)) for y in years]  # type: ignore[attr-defined]
