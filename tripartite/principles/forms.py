"""Forms of the principles app: the principles and conventions of one record, and tagging a record from a principle."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import Convention, Principle


class RecordTagsForm(forms.Form):
    """Which principles and conventions a record touches (the topic's defaults come ticked; untick to override)."""

    principles = forms.ModelMultipleChoiceField(
        Principle.objects.all(), required=False, widget=forms.CheckboxSelectMultiple, label=_("Principles"),
        help_text=_("The principles this record touches. Those its clause topic maps to are ticked until you untick "
                    "them."),
    )
    conventions = forms.ModelMultipleChoiceField(
        Convention.objects.all(), required=False, widget=forms.CheckboxSelectMultiple, label=_("ILO conventions"),
    )


class TagRecordForm(forms.Form):
    """Tag one of the records the user may change with a given principle or convention."""

    record = forms.ChoiceField(label=pgettext_lazy("a thing registered", "Record"), help_text=_("The records you may tag, by kind."))

    def __init__(self, *args: Any, groups: list[tuple[Any, list[Any]]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["record"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "—"), *[
            (str(kind.label), [(f"{kind.key}:{obj.pk}", f"{kind.context(obj)} — {kind.describe(obj)}")
                               for obj in records])
            for kind, records in groups
        ]]

    def clean_record(self) -> tuple[str, int]:
        key, _sep, pk = self.cleaned_data["record"].rpartition(":")
        if not key or not pk.isdigit():
            raise forms.ValidationError(_("Choose a record from the list."))
        return key, int(pk)
