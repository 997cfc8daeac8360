"""Forms of the results pages: the crosstab builder, pinning a table, margins, import and the report."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from tripartite.core.i18n import in_languages
from tripartite.surveys.models import LANGUAGE_CHOICES, Campaign, ResultTable
from tripartite.surveys.results.queries import (
    crosstab_questions,
    design_questions,
    raking_available,
    rds_available,
)

REPORT_FORMATS = [("docx", _("Word document (DOCX)")), ("xlsx", _("Excel workbook (XLSX)"))]


def _question_choices(campaign: Campaign, *, blank: str | None = None) -> list[tuple[str, str]]:
    choices = [("", blank)] if blank is not None else []
    return choices + [(q.code, f"{q.code} — {Truncator(q.text).chars(80)}") for q in crosstab_questions(campaign)]


def weight_choices(campaign: Campaign) -> list[tuple[str, Any]]:
    choices: list[tuple[str, Any]] = [("", ResultTable.Weight.NONE.label)]
    if raking_available(campaign):
        choices.append(("raking", ResultTable.Weight.RAKING.label))
    if rds_available(campaign):
        choices.append(("rds", ResultTable.Weight.RDS.label))
    return choices


class CrosstabForm(forms.Form):
    """A plain GET form. The fields take any text: `results.check_spec` says what is wrong with it."""

    rows = forms.CharField(label=_("Rows"), required=False, widget=forms.Select)
    cols = forms.CharField(label=_("Columns"), required=False, widget=forms.Select)
    layer = forms.CharField(label=_("Layer (optional)"), required=False, widget=forms.Select)
    weight = forms.CharField(label=_("Weight"), required=False, widget=forms.Select)

    def __init__(self, *args: Any, campaign: Campaign, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rows"].widget.choices = _question_choices(campaign, blank="—")
        self.fields["cols"].widget.choices = _question_choices(campaign, blank="—")
        self.fields["layer"].widget.choices = _question_choices(campaign, blank=str(_("No layer")))
        self.fields["weight"].widget.choices = weight_choices(campaign)

    @property
    def submitted(self) -> bool:
        return any(self.data.get(name) for name in ("rows", "cols", "layer", "weight"))


class PinForm(forms.ModelForm):
    """The crosstab to pin (hidden, as built) and its title; `results.check_spec` checks the crosstab again."""

    rows = forms.CharField(widget=forms.HiddenInput)
    cols = forms.CharField(widget=forms.HiddenInput)
    layer = forms.CharField(widget=forms.HiddenInput, required=False)
    weight = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = ResultTable
        fields = ["rows", "cols", "layer", "weight", *in_languages("title")]

    def _post_clean(self) -> None:
        # Model validation is the service's job (it raises ValidationError that the view shows).
        pass


class MarginsUploadForm(forms.Form):
    file = forms.FileField(label=_("Margins file"),
                           help_text=_("CSV or XLSX with the columns variable, code, target; or YAML "
                                       "mapping each question code to {code: target}."))
    source = forms.CharField(label=_("Source of the figures"), max_length=500, required=False,
                             help_text=_("E.g. the statistics office's table and year."))


class MarginsTextForm(forms.Form):
    variable = forms.ChoiceField(label=_("Question"))
    targets = forms.CharField(
        label=_("Targets"), widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One line per answer code: code = target (a share, a percentage or a count)."))
    source = forms.CharField(label=_("Source of the figures"), max_length=500, required=False)

    def __init__(self, *args: Any, campaign: Campaign, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["variable"]).choices = _question_choices(campaign)


class DesignForm(forms.Form):
    """The questions naming each respondent's stratum and cluster (primary sampling unit)."""

    strata = forms.ChoiceField(
        label=_("Stratum question"), required=False,
        help_text=_("The answer names the stratum the respondent was sampled in (for example the region)."))
    cluster = forms.ChoiceField(
        label=_("Cluster question"), required=False,
        help_text=_("The answer names the sampled unit the respondent belongs to (for example the enterprise); "
                    "clusters are taken as nested in the strata."))

    def __init__(self, *args: Any, campaign: Campaign, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"strata": campaign.design_strata, "cluster": campaign.design_cluster})
        super().__init__(*args, **kwargs)
        choices = [("", _("None"))] + [
            (q.code, f"{q.code} — {Truncator(q.text).chars(80)}") for q in design_questions(campaign)]
        for name in ("strata", "cluster"):
            cast(forms.ChoiceField, self.fields[name]).choices = choices


class ImportForm(forms.Form):
    file = forms.FileField(label=_("File of answers"),
                           help_text=_("CSV, XLSX or SPSS .sav with one column per question code."))
    only_valid = forms.BooleanField(
        label=_("Import only the valid rows"), required=False,
        help_text=_("Without this, nothing is imported while any row is invalid."))


class ReportForm(forms.Form):
    tables = forms.MultipleChoiceField(label=_("Tables"), required=False, widget=forms.CheckboxSelectMultiple)
    figures = forms.BooleanField(label=_("Include the distribution of every question"), required=False)
    lang = forms.ChoiceField(label=_("Language of the report"), choices=LANGUAGE_CHOICES)
    format = forms.ChoiceField(label=_("Format"), choices=REPORT_FORMATS)

    def __init__(self, *args: Any, campaign: Campaign, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["tables"]).choices = [(str(t.pk), t.title) for t in campaign.result_tables.order_by("position", "id")]
