"""Forms of the social partners register: searching the list, editing an organisation and a membership report.

Forms parse and show input; the rules (BIN, parent, duplicates, permissions) live in `services.py`, whose
errors the views put back on the form (`core.pages.submit`).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from tripartite.core.i18n import in_languages
from tripartite.core.models import Region, Sector
from tripartite.core.pages import DateInput
from tripartite.languages import LANGUAGES
from tripartite.partners import services
from tripartite.partners.models import Kind, MembershipReport, Organisation, Subkind


class OrganisationFilterForm(forms.Form):
    """The search and filters above the list; every field is optional and a bad value is ignored."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200,
                        help_text=_("Name in any language, abbreviation or BIN."))
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *Kind.choices])
    subkind = forms.ChoiceField(label=_("Type"), required=False, choices=[("", _("All types")), *Subkind.choices])
    region = forms.ModelChoiceField(label=_("Region"), required=False, queryset=Region.objects.all(),
                                    empty_label=_("All regions"), to_field_name="kato")
    sector = forms.ModelChoiceField(label=_("Sector"), required=False, queryset=Sector.objects.all(),
                                    empty_label=_("All sectors"), to_field_name="code")
    registered_from = forms.DateField(label=_("Registered on or after"), required=False, widget=DateInput())
    registered_to = forms.DateField(
        label=_("Registered on or before"), required=False, widget=DateInput(),
        help_text=_("Date of state registration; organisations without one are left out when you set a date."),
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def filters(self) -> dict[str, Any]:
        """The valid filters, as keyword arguments of `queries.organisation_list`."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "q": data.get("q") or "",
            "kind": data.get("kind") or "",
            "subkind": data.get("subkind") or "",
            "region": data.get("region"),
            "sector": data.get("sector"),
            "registered_from": data.get("registered_from"),
            "registered_to": data.get("registered_to"),
            "parent": data.get("parent"),
        }


class OrganisationForm(forms.ModelForm):
    # The BIN is not bound to the model field so that its only validation is the service's, with the
    # message that says what is wrong (length, digits, control digit) rather than a generic one.
    bin = forms.CharField(
        label=_("BIN"), required=False, max_length=32,
        help_text=_("Business identification number, 12 digits."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    website = forms.URLField(label=_("website"), required=False, max_length=200, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = [
            "kind", "subkind", "parent", *in_languages("name"), "short_name", "bin",
            "regions", "sectors", "website", "address", "registered_on", "published",
        ]
        widgets = {
            **{f"name_{code}": forms.TextInput(attrs={"lang": code}) for code in LANGUAGES},
            "regions": forms.SelectMultiple(attrs={"size": 10}),
            "sectors": forms.SelectMultiple(attrs={"size": 10}),
            "registered_on": DateInput(),
        }

    def __init__(self, *args: Any, parents: QuerySet[Organisation], parent_required: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            parents = parents.exclude(pk=self.instance.pk)
            self.initial.setdefault("bin", self.instance.bin)
        parent_field = self.fields["parent"]
        parent_field.queryset = parents  # type: ignore[attr-defined]
        parent_field.required = parent_required
        parent_field.help_text = _("The organisation this one belongs to (for a primary organisation, its union).")
        self.fields["regions"].help_text = _("Hold Ctrl (Cmd on a Mac) to choose several.")
        self.fields["sectors"].help_text = _("Hold Ctrl (Cmd on a Mac) to choose several.")

    def clean_bin(self) -> str:
        # The service checks again on save; asking it here too shows a wrong BIN together with the other errors.
        value = services.normalise_bin(self.cleaned_data.get("bin"))
        problem = services.bin_error(value) if value else None
        if problem:
            raise ValidationError(problem)
        return value

    def validate_unique(self) -> None:
        """Duplicates (the BIN) are checked by the service, with a message naming the other organisation."""


class MembershipReportForm(forms.ModelForm):
    class Meta:
        model = MembershipReport
        fields = ["as_of", "members", "employee_members", "employees_in_scope", "member_organisations", "source"]
        widgets = {"as_of": DateInput()}

    def validate_unique(self) -> None:
        """A second report on the same date is refused by the service, with a clear message."""
