"""Forms of the commission pages: they parse and render; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tripartite.commissions import rules
from tripartite.commissions.models import AgendaItem, Commission, CommissionMember, Decision, Meeting
from tripartite.core.i18n import in_languages
from tripartite.core.models import Region, Sector
from tripartite.core.pages import DateInput
from tripartite.partners.models import Organisation


class CommissionForm(forms.ModelForm):
    class Meta:
        model = Commission
        fields = ["level", *in_languages("name"), "region", "sector", "secretariat", "established", "published"]
        widgets = {"established": DateInput()}
        help_texts = {
            "region": _("Required for a regional commission."),
            "sector": _("Required for a sectoral commission."),
        }

    def __init__(self, *args: Any, secretariats: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if secretariats is not None:
            self.fields["secretariat"].queryset = secretariats  # type: ignore[attr-defined]
            only = list(secretariats[:2])
            if len(only) == 1 and not self.instance.pk:
                self.fields["secretariat"].initial = only[0].pk
        self.fields["region"].queryset = Region.objects.order_by("kato")  # type: ignore[attr-defined]
        self.fields["sector"].queryset = Sector.objects.order_by("code")  # type: ignore[attr-defined]


class MemberForm(forms.ModelForm):
    class Meta:
        model = CommissionMember
        fields = ["side", "role", "person_name", "position", "organisation", "term_start", "term_end"]
        widgets = {"term_start": DateInput(), "term_end": DateInput()}

    def __init__(self, *args: Any, organisations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["date", "place", "status", "minutes"]
        widgets = {"date": DateInput(), "minutes": forms.Textarea(attrs={"rows": 8})}


class AgendaItemForm(forms.ModelForm):
    number = forms.IntegerField(
        label=_("number"), required=False, min_value=1, max_value=32767,
        help_text=_("Leave empty to put the item last."),
    )

    class Meta:
        model = AgendaItem
        fields = ["number", *in_languages("title")]


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = ["agenda_item", *in_languages("text"), "responsible_side", "due_date", "done_on", "execution_note"]
        widgets = {
            "due_date": DateInput(),
            "done_on": DateInput(),
            **{name: forms.Textarea(attrs={"rows": 3}) for name in (*in_languages("text"), "execution_note")},
        }

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.all()  # type: ignore[attr-defined]


class MarkDoneForm(forms.Form):
    done_on = forms.DateField(label=_("Done on"), widget=DateInput())
    note = forms.CharField(label=_("Execution note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class CommissionFilterForm(forms.Form):
    """The list's search and filters; every field is optional and a wrong value is ignored, not an error."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    level = forms.ChoiceField(label=_("Level"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    parity = forms.ChoiceField(
        label=_("Parity"), required=False,
        choices=[("", _("Any")), ("ok", _("Kept")), ("broken", _("Broken"))],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        any_choice = [("", _("Any"))]
        self.fields["level"].choices = any_choice + rules.level_choices()  # type: ignore[attr-defined]
        self.fields["region"].choices = any_choice + [(r.kato, r.name) for r in Region.objects.order_by("kato")]  # type: ignore[attr-defined]
        self.fields["sector"].choices = any_choice + [(s.code, str(s)) for s in Sector.objects.order_by("code")]  # type: ignore[attr-defined]

    def filters(self) -> dict[str, str]:
        self.is_valid()  # fills cleaned_data with the fields that are valid; the others are left out
        return {name: self.cleaned_data.get(name) or "" for name in self.fields}


class DecisionFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any")), *Decision.Status.choices],
    )


def organisations_for_members() -> Any:
    return Organisation.objects.order_by("name_ru", "id")
