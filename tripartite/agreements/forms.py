"""Forms of the agreement pages: they parse and render; the services decide."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tripartite.agreements import rules
from tripartite.agreements.models import (
    Agreement,
    AgreementParty,
    BargainingMember,
    Clause,
    Commitment,
    Status,
    Topic,
)
from tripartite.agreements.rules import Kind
from tripartite.agreements.services import MAX_DOCUMENT_BYTES
from tripartite.commissions.models import Commission
from tripartite.core.i18n import in_languages
from tripartite.core.models import Region, Sector
from tripartite.core.pages import DateInput
from tripartite.partners.models import Kind as OrgKind
from tripartite.partners.models import Organisation


def _organisations() -> Any:
    return Organisation.objects.order_by("name_ru", "name_en", "id")


class AgreementForm(forms.ModelForm):
    level = forms.ChoiceField(label=_("level"), required=False,
                              help_text=_("Leave empty to use the usual level for the kind of agreement."))
    sectors = forms.ModelMultipleChoiceField(label=_("sectors"), required=False, queryset=Sector.objects.none(),
                                             help_text=_("Required for a sectoral agreement."))
    regions = forms.ModelMultipleChoiceField(label=_("regions"), required=False, queryset=Region.objects.none(),
                                             help_text=_("Required for a regional agreement."))

    class Meta:
        model = Agreement
        fields = [
            "kind", "level", *in_languages("title"), "owner", "commission", "employer", "sectors",
            "regions", "proposal_date", "negotiations_started_on", "signed_on", "effective_from", "effective_to",
            "terminated_on", "covered_employees", "disagreements", "published",
        ]
        widgets = {name: DateInput() for name in (
            "proposal_date", "negotiations_started_on", "signed_on", "effective_from", "effective_to", "terminated_on",
        )} | {"disagreements": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"employer": _("Required for a collective agreement (its scope is one employer).")}

    def __init__(self, *args: Any, owners: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = [("", "—")] + rules.level_choices()  # type: ignore[attr-defined]
        self.fields["sectors"].queryset = Sector.objects.order_by("code")  # type: ignore[attr-defined]
        self.fields["regions"].queryset = Region.objects.order_by("kato")  # type: ignore[attr-defined]
        self.fields["employer"].queryset = _organisations().filter(kind=OrgKind.EMPLOYER)  # type: ignore[attr-defined]
        self.fields["commission"].queryset = Commission.objects.order_by("level", "name_ru")  # type: ignore[attr-defined]
        if owners is not None:
            self.fields["owner"].queryset = owners  # type: ignore[attr-defined]
            only = list(owners[:2])
            if len(only) == 1 and not self.instance.pk:
                self.fields["owner"].initial = only[0].pk
        if self.instance.pk:
            self.initial["sectors"] = list(self.instance.sectors.values_list("pk", flat=True))
            self.initial["regions"] = list(self.instance.regions.values_list("pk", flat=True))

    def _post_clean(self) -> None:
        # The service validates the record (with its scope and the one-per-employer rule) in one transaction.
        pass


class PartyForm(forms.ModelForm):
    class Meta:
        model = AgreementParty
        fields = ["side", "organisation", "signatory_name", "signatory_position", "authority"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = _organisations()  # type: ignore[attr-defined]

    def _post_clean(self) -> None:
        pass


class BargainingMemberForm(forms.ModelForm):
    class Meta:
        model = BargainingMember
        fields = ["side", "person_name", "position", "organisation"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = _organisations()  # type: ignore[attr-defined]

    def _post_clean(self) -> None:
        pass


class ClauseForm(forms.Form):
    """A clause's number, topic and text, and one optional field per typed parameter of the pack."""

    number = forms.CharField(label=_("number"), max_length=20)
    topic = forms.ChoiceField(label=pgettext_lazy("clause", "topic"), choices=Topic.choices)

    def __init__(self, *args: Any, amending: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for column in Clause.text.columns.values():
            self.fields[column.name] = forms.CharField(label=column.verbose_name, required=False,
                                                       widget=forms.Textarea(attrs={"rows": 3}))
        for spec in rules.parameters():
            unit = rules.unit_label(spec.unit)
            label = f"{rules.in_language(spec.label)} ({unit})" if unit else rules.in_language(spec.label)
            self.fields[f"param_{spec.key}"] = forms.DecimalField(
                label=label, required=False, min_value=0, max_digits=14, decimal_places=0 if spec.integer else 2,
            )
        if amending:
            self.fields["reason"] = forms.CharField(
                label=_("What changed and why"), required=False, max_length=100,
                help_text=_("Kept with this version of the clause, e.g. \"Amendment No. 2 of 1 March 2026\"."),
            )

    def parameters(self) -> dict[str, Any]:
        return {key.removeprefix("param_"): value for key, value in self.cleaned_data.items()
                if key.startswith("param_") and value is not None}

    def clause_data(self) -> dict[str, Any]:
        return {k: self.cleaned_data[k] for k in ("number", "topic", *in_languages("text"))}


class CommitmentForm(forms.ModelForm):
    class Meta:
        model = Commitment
        fields = [*in_languages("text"), "responsible_side", "responsible_organisation", "due_date", "period",
                  "done_on", "evidence"]
        widgets = {
            "due_date": DateInput(), "done_on": DateInput(),
            **{name: forms.Textarea(attrs={"rows": 2}) for name in (*in_languages("text"), "evidence")},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["responsible_organisation"].queryset = _organisations()  # type: ignore[attr-defined]

    def _post_clean(self) -> None:
        pass


class FulfilForm(forms.Form):
    done_on = forms.DateField(label=_("Fulfilled on"), widget=DateInput())
    evidence = forms.CharField(label=_("Evidence of fulfilment"), required=False,
                               widget=forms.Textarea(attrs={"rows": 3}))


class DisputeProcedureForm(forms.Form):
    """Shorter deadlines (one field per statutory deadline), named conciliators, a mediator, arbitration rules."""

    conciliators = forms.CharField(label=_("Named conciliators"), required=False,
                                   widget=forms.Textarea(attrs={"rows": 3}), help_text=_("One name per line."))
    mediator = forms.CharField(label=_("Mediator"), required=False, max_length=300)
    arbitration_rules = forms.CharField(label=_("Arbitration rules"), required=False,
                                        widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, on: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key in rules.DISPUTE_RULE_KEYS:
            rule = rules.rule_on(key, on)
            if rule is None:
                continue
            statutory = rule.value if isinstance(rule.value, int) and not isinstance(rule.value, bool) else None
            help_text = (_("Statutory: %(days)s (%(unit)s); the agreement may only shorten it.")
                         % {"days": statutory, "unit": rules.unit_label(rule.unit)} if statutory is not None
                         else _("No statutory value is set (unconfirmed law)."))
            self.fields[f"days_{key}"] = forms.IntegerField(
                label=rules.in_language(rule.description), required=False, min_value=1, help_text=help_text,
            )

    def deadline_days(self) -> dict[str, int]:
        return {key.removeprefix("days_"): value for key, value in self.cleaned_data.items()
                if key.startswith("days_") and value is not None}


class PdfUploadForm(forms.Form):
    # Filled in when the form is shown, so that the help is in the reader's language, not the server's.
    file = forms.FileField(label=_("PDF file"), help_text=lazy(
        lambda: _("A PDF of at most %(mb)s MB.") % {"mb": MAX_DOCUMENT_BYTES // 1024 // 1024}, str)())


class AgreementFilterForm(forms.Form):
    """The register's search and filters; a wrong value is ignored, not an error."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    level = forms.ChoiceField(label=_("Level"), required=False)
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    year = forms.IntegerField(label=_("Year signed"), required=False, min_value=1990, max_value=2100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        any_choice = [("", _("Any"))]
        self.fields["kind"].choices = any_choice + list(Kind.choices)  # type: ignore[attr-defined]
        self.fields["level"].choices = any_choice + rules.level_choices()  # type: ignore[attr-defined]
        self.fields["sector"].choices = any_choice + [(s.code, str(s)) for s in Sector.objects.order_by("code")]  # type: ignore[attr-defined]
        self.fields["region"].choices = any_choice + [(r.kato, r.name) for r in Region.objects.order_by("kato")]  # type: ignore[attr-defined]
        self.fields["status"].choices = any_choice + list(Status.choices)  # type: ignore[attr-defined]

    def filters(self) -> dict[str, Any]:
        self.is_valid()
        return {name: self.cleaned_data.get(name) or ("" if name != "year" else None) for name in self.fields}


class CoverageForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), required=False, queryset=Organisation.objects.none())
    sector = forms.ModelChoiceField(label=_("Sector"), required=False, queryset=Sector.objects.none())
    region = forms.ModelChoiceField(label=_("Region"), required=False, queryset=Region.objects.none())
    on = forms.DateField(label=_("On"), required=False, widget=DateInput())

    def __init__(self, *args: Any, organisations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations if organisations is not None else _organisations()  # type: ignore[attr-defined]
        self.fields["sector"].queryset = Sector.objects.order_by("code")  # type: ignore[attr-defined]
        self.fields["region"].queryset = Region.objects.order_by("kato")  # type: ignore[attr-defined]


class ComparisonForm(forms.Form):
    parameter = forms.ChoiceField(label=_("Parameter"))
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        any_choice = [("", _("Any"))]
        self.fields["parameter"].choices = rules.parameter_choices()  # type: ignore[attr-defined]
        self.fields["sector"].choices = any_choice + [(s.code, str(s)) for s in Sector.objects.order_by("code")]  # type: ignore[attr-defined]
        self.fields["region"].choices = any_choice + [(r.kato, r.name) for r in Region.objects.order_by("kato")]  # type: ignore[attr-defined]


class CodingUploadForm(forms.Form):
    file = forms.FileField(label=_("Signed agreement (PDF or DOCX)"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Formatted per request, so that the help text is in the reader's language.
        self.fields["file"].help_text = _("A PDF with a text layer or a Word (DOCX) file of at most %(mb)s MB.") % {
            "mb": MAX_DOCUMENT_BYTES // 1024 // 1024}


class SuggestionCorrectForm(forms.Form):
    """The reviewer's topic for an article, and one optional field per typed parameter of the pack."""

    topic = forms.ChoiceField(label=pgettext_lazy("clause", "topic"), choices=Topic.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for spec in rules.parameters():
            unit = rules.unit_label(spec.unit)
            label = f"{rules.in_language(spec.label)} ({unit})" if unit else rules.in_language(spec.label)
            self.fields[f"param_{spec.key}"] = forms.DecimalField(
                label=label, required=False, min_value=0, max_digits=14, decimal_places=0 if spec.integer else 2,
            )

    def parameters(self) -> dict[str, Any]:
        return {key.removeprefix("param_"): value for key, value in self.cleaned_data.items()
                if key.startswith("param_") and value is not None}
