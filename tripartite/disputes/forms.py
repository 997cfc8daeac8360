"""Forms of the dispute pages: they parse and render; the services and the pack's procedure decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tripartite.core.i18n import localized_text
from tripartite.core.jurisdiction import current_pack
from tripartite.core.models import Region, Role, Sector, User
from tripartite.core.pages import DateInput
from tripartite.core.uploads import MAX_DOCUMENT_BYTES
from tripartite.disputes.models import Demand, Dispute, Participant, language_choices
from tripartite.partners.models import Kind, Organisation

DEMAND_SLOTS = 3


class DisputeForm(forms.ModelForm):
    """Register a dispute with up to three demands (more can be added on the dispute's page)."""

    employer_language = forms.ChoiceField(label=_("Employer's language"), choices=language_choices)
    workers_language = forms.ChoiceField(label=_("Employees' language"), choices=language_choices)

    class Meta:
        model = Dispute
        fields = [
            "subject", "employer", "union", "workers_representatives", "employees_involved", "region", "sector",
            "demands_received_on", "commission", "agreement", "employer_language", "workers_language",
        ]
        widgets = {"demands_received_on": DateInput(), "workers_representatives": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"agreement": _("Leave empty to use the employer's collective agreement in force, if any.")}

    def __init__(self, *args: Any, with_demands: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = Organisation.objects.filter(kind=Kind.EMPLOYER).order_by("name_ru", "id")  # type: ignore[attr-defined]
        self.fields["union"].queryset = Organisation.objects.filter(kind=Kind.TRADE_UNION).order_by("name_ru", "id")  # type: ignore[attr-defined]
        self.fields["region"].queryset = Region.objects.order_by("kato")  # type: ignore[attr-defined]
        self.fields["sector"].queryset = Sector.objects.order_by("code")  # type: ignore[attr-defined]
        from tripartite.agreements.rules import Kind as AgreementKind

        agreements = self.fields["agreement"].queryset.filter(kind=AgreementKind.COLLECTIVE)  # type: ignore[attr-defined]
        self.fields["agreement"].queryset = agreements  # type: ignore[attr-defined]
        if not self.instance.pk:
            from tripartite.core.i18n import current_language

            self.fields["employer_language"].initial = current_language()
            self.fields["workers_language"].initial = current_language()
        if self.instance.pk:
            del self.fields["demands_received_on"]
            self.fields["employer"].disabled = True
        if with_demands:
            for i in range(1, DEMAND_SLOTS + 1):
                self.fields[f"topic_{i}"] = forms.ChoiceField(label=_("Topic of demand %(n)s") % {"n": i},
                                                              choices=Demand.Topic.choices, required=False)
                self.fields[f"text_{i}"] = forms.CharField(label=_("Demand %(n)s") % {"n": i}, required=False,
                                                           widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "text_1" in self.fields and not any((data.get(f"text_{i}") or "").strip() for i in range(1, DEMAND_SLOTS + 1)):
            self.add_error("text_1", _("Record at least one demand."))
        return data

    def split(self) -> tuple[dict[str, Any], list[dict[str, str]]]:
        """The dispute's fields and the demands entered."""
        data = dict(self.cleaned_data)
        demands = []
        for i in range(1, DEMAND_SLOTS + 1):
            topic, text = data.pop(f"topic_{i}", ""), (data.pop(f"text_{i}", "") or "").strip()
            if text:
                demands.append({"topic": topic or Demand.Topic.OTHER, "text": text})
        return data, demands


class AdvanceForm(forms.Form):
    """Move the dispute to a stage the procedure allows from where it is; settle demands on the way."""

    # Offered: the moves the procedure allows; any other value reaches the service, which explains the refusal.
    to_stage = forms.CharField(label=_("Move to stage"), max_length=30)
    on = forms.DateField(label=_("On"), widget=DateInput())
    decision = forms.CharField(label=_("Decision taken at the stage being left"), required=False,
                               widget=forms.Textarea(attrs={"rows": 3}))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, dispute: Dispute, stages: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_stage"].widget = forms.Select(choices=stages)
        self.demands = list(dispute.demands.all())
        for demand in self.demands:
            self.fields[f"demand_{demand.pk}"] = forms.ChoiceField(
                label=_("Demand %(number)s: %(text)s") % {"number": demand.number, "text": demand.text[:120]},
                choices=Demand.Status.choices, initial=demand.status, required=False,
            )

    def demand_statuses(self) -> dict[int, str]:
        return {d.pk: self.cleaned_data[f"demand_{d.pk}"] for d in self.demands if self.cleaned_data.get(f"demand_{d.pk}")}


class StepForm(forms.Form):
    step = forms.ChoiceField(label=_("Step"))
    on = forms.DateField(label=_("On"), widget=DateInput())
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, steps: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["step"].choices = [(s.code, localized_text(s.name)) for s in steps]  # type: ignore[attr-defined]


class DemandForm(forms.Form):
    topic = forms.ChoiceField(label=_("Topic"), choices=Demand.Topic.choices)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 3}))


class DemandStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Demand.Status.choices)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DocumentForm(forms.Form):
    code = forms.ChoiceField(label=_("Kind of document"))
    title = forms.CharField(label=_("Title"), required=False, max_length=300,
                            help_text=_("Required for a document of another kind."))
    dated = forms.DateField(label=_("Dated"), widget=DateInput())
    reference = forms.CharField(label=_("Number or reference"), required=False, max_length=200)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    # Empty files pass here so that the one shared check (core.uploads, in the service) explains every refusal.
    file = forms.FileField(label=_("File"), required=False, allow_empty_file=True)

    def __init__(self, *args: Any, with_file: str = "", **kwargs: Any) -> None:
        """``with_file``: the name of the file the document already has (when correcting it), if any."""
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "Optional: the document itself — PDF, Word (.docx), spreadsheet (.xlsx, .ods), OpenDocument text (.odt) "
            "or image (.png, .jpg), at most %(limit)d MB. Only those who may read the dispute can download it."
        ) % {"limit": MAX_DOCUMENT_BYTES // (1024 * 1024)}
        procedure = current_pack().dispute_procedure
        choices = [(d.code, localized_text(d.name)) for d in procedure.documents]
        self.fields["code"].choices = [*choices, ("other", _("Other document"))]  # type: ignore[attr-defined]
        if with_file:
            self.fields["file"].label = _("Replace the file")
            self.fields["remove_file"] = forms.BooleanField(
                label=_("Remove the file %(name)s") % {"name": with_file}, required=False,
                help_text=_("The document stays on record without its file."))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("remove_file") and data.get("file") is not None:
            self.add_error("remove_file", _("Either replace the file or remove it, not both."))
        return data


class ParticipantForm(forms.Form):
    side = forms.ChoiceField(label=_("Side"), choices=Participant.Side.choices)
    role = forms.ChoiceField(label=_("Role"), choices=Participant.Role.choices)
    person_name = forms.CharField(label=_("Name of the person"), max_length=200)
    organisation_name = forms.CharField(label=_("Organisation"), required=False, max_length=300)


class SessionForm(forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=DateInput())
    quorum = forms.BooleanField(label=_("Quorum present"), required=False, initial=True)
    minutes = forms.CharField(label=_("Minutes"), required=False, widget=forms.Textarea(attrs={"rows": 4}))


class StrikeForm(forms.Form):
    started_on = forms.DateField(label=_("Started on"), required=False, widget=DateInput())
    ended_on = forms.DateField(label=_("Ended on"), required=False, widget=DateInput())
    participants = forms.IntegerField(label=_("Workers involved"), required=False, min_value=0)
    lawful = forms.NullBooleanField(label=_("Lawful"), required=False, widget=forms.NullBooleanSelect)
    unlawful_ground = forms.ChoiceField(label=_("Ground of unlawfulness (Art. 176)"), required=False)
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        grounds = current_pack().dispute_procedure.unlawful_strike_grounds
        self.fields["unlawful_ground"].choices = [("", "—"), *[(g.code, localized_text(g.name)) for g in grounds]]  # type: ignore[attr-defined]


class AssignForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Conciliator"), queryset=User.objects.none())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            roles__role=Role.CONCILIATOR, is_active=True).distinct().order_by("username")


class EmploymentForm(forms.Form):
    sector = forms.ModelChoiceField(label=_("Sector"), queryset=Sector.objects.order_by("code"))
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)
    employees = forms.IntegerField(label=_("Employees"), min_value=1)
    source = forms.CharField(label=_("Source"), max_length=300)


class DisputeFilterForm(forms.Form):
    """The list's filters; a wrong value is ignored, not an error."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Any")), ("open", pgettext_lazy("disputes", "Open")), ("closed", pgettext_lazy("disputes", "Closed"))])
    stage = forms.ChoiceField(label=_("Stage"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    overdue = forms.BooleanField(label=_("With an overdue deadline"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        any_choice = [("", _("Any"))]
        procedure = current_pack().dispute_procedure
        self.fields["stage"].choices = any_choice + [  # type: ignore[attr-defined]
            (s.code, localized_text(s.name)) for s in sorted(procedure.stages, key=lambda s: s.order)]
        self.fields["region"].choices = any_choice + [(r.kato, r.name) for r in Region.objects.order_by("kato")]  # type: ignore[attr-defined]
        self.fields["sector"].choices = any_choice + [(s.code, str(s)) for s in Sector.objects.order_by("code")]  # type: ignore[attr-defined]

    def filters(self) -> dict[str, Any]:
        self.is_valid()
        return {name: self.cleaned_data.get(name) or ("" if name != "overdue" else False) for name in self.fields}


class DeadlineFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[
        ("", _("Any")), ("overdue", _("Overdue")), ("due_today", _("Due today")), ("upcoming", _("Upcoming"))])
