"""Forms of the surveys pages (editors' side). The respondent's form is built from the questionnaire itself
(views.respond) and checked by `services.validate_answers`, like the API and the importer."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from tripartite.core.i18n import in_languages
from tripartite.core.pages import DateInput
from tripartite.languages import LANGUAGES
from tripartite.partners.models import Organisation
from tripartite.surveys.collect.services import (
    CAMPAIGN_FIELDS,
    MAX_INVITATIONS_PER_BATCH,
    OPTION_FIELDS,
    QUESTION_FIELDS,
    QUESTIONNAIRE_FIELDS,
    VERSION_FIELDS,
)
from tripartite.surveys.models import Campaign, Option, Question, Questionnaire, QuestionnaireVersion


def language_choices() -> list[tuple[str, Any]]:
    names = {"kk": _("Kazakh"), "ru": _("Russian"), "en": _("English")}
    return [(code, names[code]) for code in LANGUAGES]


class VersionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: QuestionnaireVersion) -> str:
        questionnaire = obj.questionnaire
        prefix = _("Template") if questionnaire.is_template else questionnaire.code
        return f"{prefix}: {questionnaire.title} — v{obj.number}"


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return obj.name


class CampaignForm(forms.ModelForm):
    owner = OrganisationChoiceField(queryset=Organisation.objects.none(), label=_("Owner organisation"))
    version = VersionChoiceField(queryset=QuestionnaireVersion.objects.none(), label=_("Questionnaire version"))
    languages = forms.MultipleChoiceField(
        label=_("Languages of the form"), choices=language_choices, widget=forms.CheckboxSelectMultiple,
        initial=list(LANGUAGES),
    )

    class Meta:
        model = Campaign
        fields = ["owner", *CAMPAIGN_FIELDS]
        widgets = {"opens_on": DateInput(), "closes_on": DateInput()}
        help_texts = {"slug": _("Part of the public link: small Latin letters, digits and hyphens.")}

    def __init__(self, *args: Any, owners: QuerySet[Organisation], versions: QuerySet[QuestionnaireVersion],
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["owner"]).queryset = owners
        cast(forms.ModelChoiceField, self.fields["version"]).queryset = versions
        if self.instance.pk:
            # The owner stays; services refuse a new version once answers exist.
            del self.fields["owner"]

    def _post_clean(self) -> None:
        # Model validation is the service's job (it raises ValidationError that the view puts back on the form).
        pass


class QuestionnaireForm(forms.ModelForm):
    owner = OrganisationChoiceField(queryset=Organisation.objects.none(), label=_("Owner organisation"))
    copy_from = VersionChoiceField(
        queryset=QuestionnaireVersion.objects.none(), required=False, label=_("Start from"),
        help_text=_("Copy the questions of a template or of another questionnaire; leave empty to start blank."),
    )

    class Meta:
        model = Questionnaire
        fields = ["owner", "code", *QUESTIONNAIRE_FIELDS]
        help_texts = {"code": _("A short identifier: small Latin letters, digits and hyphens.")}

    def __init__(self, *args: Any, owners: QuerySet[Organisation] | None = None,
                 sources: QuerySet[QuestionnaireVersion] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if owners is None:
            del self.fields["owner"]
            del self.fields["copy_from"]
            del self.fields["code"]
        else:
            cast(forms.ModelChoiceField, self.fields["owner"]).queryset = owners
            cast(forms.ModelChoiceField, self.fields["copy_from"]).queryset = sources if sources is not None else QuestionnaireVersion.objects.none()

    def _post_clean(self) -> None:
        pass


class IntroForm(forms.ModelForm):
    class Meta:
        model = QuestionnaireVersion
        fields = VERSION_FIELDS
        widgets = {column: forms.Textarea(attrs={"rows": 3}) for column in VERSION_FIELDS}

    def _post_clean(self) -> None:
        pass


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = QUESTION_FIELDS
        widgets = {column: forms.Textarea(attrs={"rows": 2}) for column in in_languages("text")}
        help_texts = {
            "code": _("Stable code used in results and exports: a small Latin letter, then letters, digits or _."),
            "min_value": _("Number questions only."),
            "max_value": _("Number questions only."),
        }

    def _post_clean(self) -> None:
        pass


class OptionForm(forms.ModelForm):
    code = forms.IntegerField(label=_("code"), required=False,
                              help_text=_("The number stored for this answer; leave empty for the next free code."))

    class Meta:
        model = Option
        fields = OPTION_FIELDS

    def _post_clean(self) -> None:
        pass


class InvitationsForm(forms.Form):
    count = forms.IntegerField(label=_("Number of invitations"), min_value=1, max_value=MAX_INVITATIONS_PER_BATCH,
                               initial=50)


class CampaignFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    state = forms.ChoiceField(
        label=_("State"), required=False,
        choices=[("", _("All")), ("open", _("Open")), ("upcoming", _("Not yet open")), ("closed", _("Closed"))],
    )

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        return {"q": self.cleaned_data.get("q", "").strip(), "state": self.cleaned_data.get("state", "")}
