"""Forms of the grants pages: they parse and render; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tripartite.core.i18n import in_languages
from tripartite.core.models import Region, Sector, User
from tripartite.core.pages import DateInput
from tripartite.grants.models import Application, Award, Call, Criterion, DocumentKind, PPPContract, TopicArea
from tripartite.partners.models import Kind as OrganisationKind
from tripartite.partners.models import Organisation


def _regions() -> Any:
    return Region.objects.order_by("kato")


class CallForm(forms.ModelForm):
    eligible_kinds = forms.MultipleChoiceField(
        label=_("Kinds of organisation that may apply"), choices=OrganisationKind.choices,
        widget=forms.CheckboxSelectMultiple, initial=[OrganisationKind.NGO],
    )
    required_documents = forms.MultipleChoiceField(
        label=_("Documents every application must include"), choices=DocumentKind.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Call
        fields = [
            "issuer", "kind", "topic", *in_languages("title", "description"), "regions", "budget", "eligible_kinds",
            "min_years_registered", "max_request", "required_documents", "min_evaluators", "opens_on", "deadline",
            "results_on",
        ]
        widgets = {
            "opens_on": DateInput(), "deadline": DateInput(), "results_on": DateInput(),
            **{column: forms.Textarea(attrs={"rows": 4}) for column in in_languages("description")},
        }

    def __init__(self, *args: Any, issuers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = issuers  # type: ignore[attr-defined]
        only = list(issuers[:2])
        if len(only) == 1 and not self.instance.pk:
            self.fields["issuer"].initial = only[0].pk
        self.fields["regions"].queryset = _regions()  # type: ignore[attr-defined]
        self.fields["regions"].required = False
        self.fields["topic"].help_text = _("The list of topic areas is kept by the platform administrator.")


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = [*in_languages("name"), "weight"]


class EvaluatorForm(forms.Form):
    username = forms.CharField(label=_("User name of the evaluator"), max_length=150)

    def clean_username(self) -> User:
        name = self.cleaned_data["username"].strip()
        user = User.objects.filter(username=name, is_active=True).first()
        if user is None:
            raise ValidationError(_("No active user has the user name %(name)s.") % {"name": name})
        return user


class DeclarationForm(forms.Form):
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations I am linked to"), queryset=Organisation.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick every applicant you work for, belong to, advise, fund or have a family tie with."),
    )
    note = forms.CharField(label=_("Nature of the ties"), max_length=300, required=False)
    confirm = forms.BooleanField(
        label=_("I have declared every tie I have with the applicants to this call."), required=True,
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = organisations  # type: ignore[attr-defined]


def parse_budget_lines(text: str) -> list[tuple[str, int]]:
    """One line per budget item, "item | amount in whole tenge"; every mistake is reported with its line number."""
    lines: list[tuple[str, int]] = []
    errors: list[str] = []
    for number, raw in enumerate((text or "").splitlines(), start=1):
        if not raw.strip():
            continue
        item, sep, amount = raw.rpartition("|")
        digits = "".join(amount.split()).replace("\u00a0", "")
        if not sep or not item.strip():
            errors.append(str(_("Line %(n)d: write the item, a vertical bar | and the amount.") % {"n": number}))
        elif not digits.isdigit() or int(digits) < 1:
            errors.append(str(_("Line %(n)d: the amount must be a whole number of tenge.") % {"n": number}))
        else:
            lines.append((item.strip(), int(digits)))
    if errors:
        raise ValidationError(errors)
    return lines


def format_budget_lines(application: Application) -> str:
    return "\n".join(f"{line.item} | {line.amount}" for line in application.budget_lines.all())


class ApplicationForm(forms.ModelForm):
    budget_lines = forms.CharField(
        label=_("Budget lines"), widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One line per item: the item, a vertical bar | and the amount in tenge, e.g. “Trainers' fees | 1200000”. "
                    "The lines must add up to the amount requested."),
    )

    class Meta:
        model = Application
        fields = [
            "applicant", "project_title", "summary", "requested_amount", "regions", "settlement_type",
            "registered_on", "budget_lines",
        ]
        widgets = {"registered_on": DateInput(), "summary": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args: Any, applicants: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        registered_on = self.fields["registered_on"]
        registered_on.required = False
        registered_on.help_text = _(
            "As on the certificate of state registration. Left empty, the date in the register of social partners "
            "is taken."
        )
        if self.instance.pk:
            del self.fields["applicant"]
            self.fields["budget_lines"].initial = format_budget_lines(self.instance)
        else:
            self.fields["applicant"].queryset = applicants  # type: ignore[attr-defined]
            chosen = self.initial.get("applicant")
            only = list(applicants[:2])
            if chosen is None and len(only) == 1:
                chosen = only[0].pk
                self.fields["applicant"].initial = chosen
            # The register's date of state registration fills the field in; the applicant may declare another.
            applicant = applicants.filter(pk=chosen).first() if chosen is not None else None
            if applicant is not None and applicant.registered_on is not None:
                self.initial.setdefault("registered_on", applicant.registered_on)
        self.fields["regions"].queryset = _regions()  # type: ignore[attr-defined]

    def clean_budget_lines(self) -> list[tuple[str, int]]:
        return parse_budget_lines(self.cleaned_data.get("budget_lines", ""))


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of document"), choices=DocumentKind.choices)
    file = forms.FileField(label=_("File"), help_text=_("PDF, DOCX, XLSX, ODT, ODS, PNG or JPG; 10 MB at most."))


class ScoreForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, criteria: list[Criterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        marks: dict[str, forms.Field] = {}
        for criterion in criteria:
            marks[f"mark_{criterion.pk}"] = forms.IntegerField(
                label=_("%(criterion)s (weight %(weight)d): mark 0–10") % {"criterion": criterion.name, "weight": criterion.weight},
                min_value=0, max_value=10,
            )
        self.fields = {**marks, "comment": self.fields["comment"]}

    def marks(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"mark_{c.pk}"] for c in self.criteria}


class AwardForm(forms.ModelForm):
    class Meta:
        model = Award
        fields = ["amount", "contract_number", "signed_on"]
        widgets = {"signed_on": DateInput()}


class PPPForm(forms.ModelForm):
    class Meta:
        model = PPPContract
        fields = [
            "state_partner", "number", "private_partner", "sector", "region", *in_languages("object"), "value",
            "signed_on", "term_years", "status", "published",
        ]
        widgets = {"signed_on": DateInput()}

    def __init__(self, *args: Any, partners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["state_partner"].queryset = partners  # type: ignore[attr-defined]
        self.fields["sector"].queryset = Sector.objects.order_by("code")  # type: ignore[attr-defined]
        self.fields["region"].queryset = _regions()  # type: ignore[attr-defined]


class _FilterForm(forms.Form):
    """A list's search box and filters; every filter starts with "Any"."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)

    def offer(self, name: str, choices: Any) -> None:
        self.fields[name].choices = [("", _("Any")), *choices]  # type: ignore[attr-defined]

    def filters(self) -> dict[str, str]:
        self.is_valid()
        return {name: self.cleaned_data.get(name) or "" for name in self.fields}


class CallFilterForm(_FilterForm):
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    topic = forms.ChoiceField(label=_("Topic area"), required=False)
    phase = forms.ChoiceField(label=_("Phase"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer("kind", Call.CallKind.choices)
        self.offer("topic", [(t.code, t.name) for t in TopicArea.objects.all()])
        self.offer("phase", Call.Phase.choices)


class PPPFilterForm(_FilterForm):
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer("sector", [(s.code, str(s)) for s in Sector.objects.order_by("code")])
        self.offer("region", [(r.kato, r.name) for r in _regions()])
        self.offer("status", PPPContract.Status.choices)
