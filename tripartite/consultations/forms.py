"""Forms of the consultation pages; the rules they serve are checked again by the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tripartite.commissions.models import Commission
from tripartite.core.i18n import in_languages
from tripartite.core.pages import DateInput
from tripartite.core.uploads import MAX_DOCUMENT_BYTES, extension_of
from tripartite.partners.models import Organisation

from .models import Article, CommissionStance, DraftAct, DraftKind, Outcome, Position, Reply, Stance, Verdict

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)
_TEXT_LABELS = {"kk": _("Text in Kazakh"), "ru": _("Text in Russian"), "en": _("Text in English")}
_FILE_LABELS = {"kk": _("Word or PDF file in Kazakh"), "ru": _("Word or PDF file in Russian"),
                "en": _("Word or PDF file in English")}


class DraftTextFields(forms.Form):
    """The text of a version: pasted, or a Word (.docx) or PDF file, per language; any language may be left out."""

    note = forms.CharField(label=_("What changed"), max_length=500, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code in LANGUAGE_CODES:
            self.fields[f"text_{code}"] = forms.CharField(
                label=_TEXT_LABELS[code], required=False, widget=forms.Textarea(attrs={"rows": 8}),
                help_text=_("One article or point per line start: “Статья 1.”, “1-бап.”, “Article 1”, “1.”, “1)”, "
                            "“п. 1”."))
            self.fields[f"file_{code}"] = forms.FileField(label=_FILE_LABELS[code], required=False,
                                                          help_text=_("Instead of pasting: a .docx or .pdf file."))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for code in LANGUAGE_CODES:
            upload = data.get(f"file_{code}")
            if upload is None:
                continue
            if extension_of(upload.name) not in ("docx", "pdf"):
                self.add_error(f"file_{code}", _("Upload a Word (.docx) or PDF file."))
            elif upload.size > MAX_DOCUMENT_BYTES:
                self.add_error(f"file_{code}", _("The file is larger than %(limit)d MB.") % {
                    "limit": MAX_DOCUMENT_BYTES // (1024 * 1024)})
        return data


class DraftForm(DraftTextFields):
    kind = forms.ChoiceField(label=_("Kind of act"), choices=DraftKind.choices)
    drafter = forms.ModelChoiceField(label=_("Drafting body"), queryset=Organisation.objects.none())
    reference = forms.CharField(label=_("Drafter's reference"), max_length=100, required=False)
    field_order = ["kind", "drafter", *in_languages("title"), "reference"]

    def __init__(self, *args: Any, drafters: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["drafter"].queryset = drafters  # type: ignore[attr-defined]
        for column in in_languages("title"):
            self.fields[column] = DraftAct._meta.get_field(column).formfield(required=False)  # type: ignore[union-attr,assignment]
        self.order_fields(["kind", "drafter", *in_languages("title"), "reference"])


class DraftEditForm(forms.ModelForm):
    class Meta:
        model = DraftAct
        fields = ["kind", *in_languages("title"), "reference"]


class ReferralForm(forms.Form):
    commission = forms.ModelChoiceField(label=_("Commission"), queryset=Commission.objects.none())
    referred_on = forms.DateField(label=_("Referred on"), widget=DateInput(), initial=timezone.localdate)
    period_days = forms.IntegerField(label=_("Period in working days"), required=False, min_value=1, max_value=365,
                                     help_text=_("Leave empty to apply the period of the jurisdiction pack."))

    def __init__(self, *args: Any, commissions: QuerySet[Commission], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["commission"].queryset = commissions  # type: ignore[attr-defined]


class MeetingLinkForm(forms.Form):
    agenda_item: forms.ModelChoiceField = forms.ModelChoiceField(  # type: ignore[type-arg]
        label=_("Agenda item"), queryset=None, required=False,  # type: ignore[arg-type]
                                         help_text=_("The item of the commission's meeting that considered the draft."))
    decision: forms.ModelChoiceField = forms.ModelChoiceField(  # type: ignore[type-arg]
        label=_("Decision"), queryset=None, required=False)  # type: ignore[arg-type]
    commission_stance = forms.ChoiceField(label=_("The commission's decision on the draft"), required=False,
                                          choices=[("", "—"), *CommissionStance.choices])

    def __init__(self, *args: Any, commission: Commission, **kwargs: Any) -> None:
        from tripartite.commissions.models import AgendaItem, Decision

        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = AgendaItem.objects.filter(meeting__commission=commission).select_related(  # type: ignore[attr-defined]
            "meeting").order_by("-meeting__date", "number")
        self.fields["agenda_item"].label_from_instance = lambda i: f"{i.meeting.date.isoformat()} — {i.number}. {i}"  # type: ignore[attr-defined]
        self.fields["decision"].queryset = Decision.objects.filter(meeting__commission=commission).select_related(  # type: ignore[attr-defined]
            "meeting").order_by("-meeting__date", "id")
        self.fields["decision"].label_from_instance = lambda d: f"{d.meeting.date.isoformat()} — {d}"  # type: ignore[attr-defined]


class PublishForm(forms.Form):
    published_on = forms.DateField(label=_("Published on"), widget=DateInput(), initial=timezone.localdate)


class PositionForm(forms.ModelForm):
    speaker = forms.ChoiceField(label=_("On behalf of"))

    class Meta:
        model = Position
        fields = ["article", "stance", *in_languages("wording"), *in_languages("reasons")]
        widgets = {c: forms.Textarea(attrs={"rows": 3}) for c in (*in_languages("wording"), *in_languages("reasons"))}

    def __init__(self, *args: Any, speakers: list[tuple[str, str]], articles: QuerySet[Article], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["speaker"].choices = speakers  # type: ignore[attr-defined]
        self.fields["article"].queryset = articles  # type: ignore[attr-defined]
        self.fields["article"].empty_label = str(_("The draft as a whole"))  # type: ignore[attr-defined]
        self.fields["article"].label_from_instance = lambda a: a.title_line  # type: ignore[attr-defined]
        self.fields["stance"].choices = Stance.choices  # type: ignore[attr-defined]
        self.order_fields(["speaker", "article", "stance"])


class ReplyForm(forms.ModelForm):
    class Meta:
        model = Reply
        fields = ["verdict", *in_languages("reason")]
        widgets = {c: forms.Textarea(attrs={"rows": 3}) for c in in_languages("reason")}
        labels = {"verdict": pgettext_lazy("drafter's reply", "Reply")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["verdict"].choices = Verdict.choices  # type: ignore[attr-defined]


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=[(Outcome.ADOPTED, Outcome.ADOPTED.label),
                                                             (Outcome.WITHDRAWN, Outcome.WITHDRAWN.label)])
    outcome_on = forms.DateField(label=_("Date"), widget=DateInput())
    act_number = forms.CharField(label=_("Number of the adopted act"), max_length=100, required=False)
    act_url = forms.URLField(label=_("Link to the adopted act"), required=False, assume_scheme="https")
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class DraftFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(label=_("Kind of act"), required=False, choices=[("", "—"), *DraftKind.choices])
    outcome = forms.ChoiceField(label=_("Outcome"), required=False, choices=[("", "—"), *Outcome.choices])

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}
