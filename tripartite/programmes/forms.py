"""Forms of the programme pages; the rules they serve are checked again by the services."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tripartite.core.i18n import in_languages, localized_text
from tripartite.core.jurisdiction import current_pack
from tripartite.core.pages import DateInput
from tripartite.core.uploads import MAX_DOCUMENT_BYTES
from tripartite.indicators import registry
from tripartite.partners.models import Organisation

from .models import Area, IndicatorTarget, Measure, Programme, ProgrammeKind, ProgressReport


class ServiceValidated(forms.ModelForm):
    """A model form that only parses: the service validates the record (with the rules that span rows) and its
    refusals come back onto the form."""

    def _post_clean(self) -> None:
        pass


def _template_choices() -> list[tuple[str, Any]]:
    return [("", _("No template: start empty")),
            *[(t.code, localized_text(t.title)) for t in current_pack().programmes]]


class ProgrammeForm(ServiceValidated):
    class Meta:
        model = Programme
        fields = ["kind", *in_languages("title"), "coordinator", "signatories", "period_start", "period_end",
                  "agreement", "region", *in_languages("basis"), "published"]
        widgets = {"period_start": DateInput(), "period_end": DateInput(),
                   **{f: forms.Textarea(attrs={"rows": 3}) for f in in_languages("basis")}}

    def __init__(self, *args: Any, coordinators: QuerySet[Organisation], creating: bool = False,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["coordinator"].queryset = coordinators  # type: ignore[attr-defined]
        if not creating:
            del self.fields["coordinator"]
        else:
            self.fields["template"] = forms.ChoiceField(
                label=_("Start from a template"), choices=_template_choices, required=False,
                help_text=_("The jurisdiction pack's programme: its areas, in its words, with their source."))
            self.fields["kind"].required = False
            self.order_fields(["template", *self.fields])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("kind") and not data.get("template"):
            self.add_error("kind", _("Choose the kind of programme, or a template."))
        return data


class AreaForm(ServiceValidated):
    class Meta:
        model = Area
        fields = [*in_languages("title")]


class MeasureForm(ServiceValidated):
    class Meta:
        model = Measure
        fields = [*in_languages("title"), "responsible_side", "responsible", "co_executors", "start_date", "due_date",
                  "evidence", "decision", "commitment", "draft", "campaign"]
        widgets = {"start_date": DateInput(), "due_date": DateInput()}

    def __init__(self, *args: Any, links: dict[str, QuerySet[Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, queryset in links.items():
            self.fields[name].queryset = queryset  # type: ignore[attr-defined]


class ReportForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Reporting organisation"), queryset=Organisation.objects.none())
    reported_on = forms.DateField(label=_("Date of the report"), widget=DateInput())
    text_kk = forms.CharField(label=ProgressReport._meta.get_field("text_kk").verbose_name, required=False,
                              widget=forms.Textarea(attrs={"rows": 4}))
    text_ru = forms.CharField(label=ProgressReport._meta.get_field("text_ru").verbose_name, required=False,
                              widget=forms.Textarea(attrs={"rows": 4}))
    text_en = forms.CharField(label=ProgressReport._meta.get_field("text_en").verbose_name, required=False,
                              widget=forms.Textarea(attrs={"rows": 4}))
    new_state = forms.ChoiceField(label=_("Change of status"), required=False,
                                  choices=[("", _("No change")), *ProgressReport.Change.choices])
    evidence_file = forms.FileField(label=_("Evidence file"), required=False,
                                    help_text=_("PDF, DOCX, XLSX, ODT, ODS, PNG or JPG; 10 MB at most. Needed to "
                                                "report the measure done."))

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        if organisations.count() == 1:
            self.fields["organisation"].initial = organisations.first()
        self.fields["reported_on"].initial = timezone.localdate()

    def clean_evidence_file(self) -> Any:
        upload = self.cleaned_data.get("evidence_file")
        if upload is not None and upload.size > MAX_DOCUMENT_BYTES:
            raise forms.ValidationError(_("The file is larger than %(limit)d MB.") % {
                "limit": MAX_DOCUMENT_BYTES // (1024 * 1024)})
        return upload


def indicator_choices() -> list[tuple[str, Any]]:
    return [("", _("A new indicator, defined below")),
            *[(i.code, f"{i.title} ({i.code})") for i in registry.all_indicators()]]


def parse_milestones(raw: str) -> list[tuple[int, Decimal]]:
    """"2027: 42,5; 2028: 45" → [(2027, 42.5), (2028, 45)]; a decimal comma or point."""
    found = []
    for part in (raw or "").replace("\n", ";").split(";"):
        part = part.strip()
        if not part:
            continue
        year, sep, value = part.partition(":")
        try:
            if not sep:
                raise ValueError(part)
            found.append((int(year.strip()), Decimal(value.strip().replace(",", ".").replace(" ", ""))))
        except (ValueError, InvalidOperation):
            raise forms.ValidationError(_("Write each milestone as “year: value”, separated by semicolons, e.g. "
                                          "“2027: 42,5; 2028: 45”.")) from None
    return found


class TargetForm(ServiceValidated):
    milestones = forms.CharField(label=_("Milestones"), required=False,
                                 help_text=_("“year: value”, separated by semicolons, e.g. “2027: 42,5; 2028: 45”."))

    class Meta:
        model = IndicatorTarget
        fields = ["indicator_code", *in_languages("title"), *in_languages("methodology"), "unit", "better",
                  "baseline_value", "baseline_year", "baseline_source", "target_value", "target_year"]
        widgets = {f: forms.Textarea(attrs={"rows": 3}) for f in in_languages("methodology")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator_code"] = forms.ChoiceField(
            label=_("Indicator"), choices=indicator_choices, required=False,
            help_text=_("An indicator the platform computes, or a new one with its methodology."))
        self.fields["better"].help_text = _("For a new indicator; an indicator of the platform has its own.")
        if self.instance.pk and "milestones" not in self.initial:
            self.initial["milestones"] = "; ".join(f"{m.year}: {m.value.normalize()}"
                                                   for m in self.instance.milestones.all())

    def clean_milestones(self) -> list[tuple[int, Decimal]]:
        return parse_milestones(self.cleaned_data.get("milestones", ""))

class ObservationForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)
    value = forms.DecimalField(label=_("Value"), max_digits=16, decimal_places=4)
    source = forms.CharField(label=_("Source"), max_length=500)


class ProgrammeFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(label=_("Kind of programme"), required=False, choices=[("", "—"), *ProgrammeKind.choices])

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}
