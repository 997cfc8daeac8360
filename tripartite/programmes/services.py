"""Writes of the programmes app: one function per use case, each checked by the policy and run in a transaction,
so that a refused request (a measure due before its programme starts, a report by an organisation that is not
responsible, an evidence file that is not a document, a target on the wrong side of its baseline) leaves no trace."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from tripartite.core import writes
from tripartite.core.errors import Conflict, DomainError, NotAllowed
from tripartite.core.i18n import in_languages
from tripartite.core.jurisdiction import current_pack
from tripartite.core.policy import Action
from tripartite.core.uploads import document_problem, original_name
from tripartite.indicators import registry
from tripartite.partners.models import Organisation

from . import tracking
from .models import (
    Area,
    Better,
    IndicatorTarget,
    Measure,
    Milestone,
    Observation,
    Programme,
    ProgressReport,
    State,
)


class ReportRefused(NotAllowed):
    """The organisation is not responsible for the measure."""


class MeasureClosed(Conflict):
    """The measure is done or dropped: its status no longer changes."""


PROGRAMME_FIELDS = ("kind", *in_languages("title"), *in_languages("basis"), "period_start", "period_end",
                    "agreement", "region", "published")
AREA_FIELDS = (*in_languages("title"),)
MEASURE_FIELDS = (*in_languages("title"), "responsible_side", "start_date", "due_date", "evidence", "decision",
                  "commitment", "draft", "campaign")
TARGET_FIELDS = ("indicator_code", *in_languages("title"), *in_languages("methodology"), "unit", "better",
                 "baseline_value", "baseline_year", "baseline_source", "target_value", "target_year")
REPORT_TEXT = in_languages("text")


# Programmes ---------------------------------------------------------------------------------------------------


@transaction.atomic
def programme_create(*, by: Any, coordinator: Organisation, signatories: Iterable[Organisation] = (),
                     template: str = "", **fields: Any) -> Programme:
    """A programme of `coordinator`; with `template` (a pack's programme, e.g. ``decent_work_roadmap``) it starts
    with that programme's areas, in the pack's words and order, and its kind, title and basis where not given."""
    writes.require(by, Action.CREATE, coordinator, kind=Programme)
    found = current_pack().programme_template(template) if template else None
    if template and found is None:
        raise DomainError(_("The jurisdiction pack has no programme template %(code)s."), field="template",
                          params={"code": template})
    programme = Programme(coordinator=coordinator, template=template)
    if found is not None:
        defaults: dict[str, Any] = {"kind": found.kind}
        for code in ("kk", "ru", "en"):
            defaults[f"title_{code}"] = found.title[code]
            defaults[f"basis_{code}"] = found.basis[code]
        fields = {**defaults, **{k: v for k, v in fields.items() if v not in (None, "")}}
    writes.apply_changes(programme, fields, PROGRAMME_FIELDS)
    writes.save(programme, by)
    programme.signatories.set(list(signatories))
    if found is not None:
        for order, area in enumerate(found.areas, start=1):
            item = Area(programme=programme, order=order, code=area.code,
                        **{f"title_{c}": area.title[c] for c in ("kk", "ru", "en")})
            writes.save(item, by)
    return programme


@transaction.atomic
def programme_update(*, programme: Programme, by: Any, data: Mapping[str, Any]) -> Programme:
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    writes.require(by, Action.CHANGE, programme)
    data = dict(data)
    signatories = data.pop("signatories", None)
    writes.apply_changes(programme, data, PROGRAMME_FIELDS, required=("kind", "period_start", "period_end"))
    writes.save(programme, by)
    _recheck_measures(programme)
    if signatories is not None:
        programme.signatories.set(list(signatories))
    return programme


def _recheck_measures(programme: Programme) -> None:
    """A new period must still hold every measure's due date: the whole change is refused otherwise."""
    for measure in Measure.objects.filter(area__programme=programme).select_related("area__programme"):
        measure.area.programme = programme
        try:
            measure.full_clean()
        except ValidationError as exc:
            raise ValidationError({"period_start": _("The new period leaves the measure “%(measure)s” outside it: "
                                                     "change its due date first.") % {"measure": measure}}) from exc


@transaction.atomic
def programme_delete(*, programme: Programme, by: Any) -> None:
    writes.require(by, Action.DELETE, programme)
    if ProgressReport.objects.filter(measure__area__programme=programme).exists():
        raise Conflict(_("Progress reports were filed on this programme's measures: it cannot be deleted."))
    writes.delete(programme, by)


# Areas --------------------------------------------------------------------------------------------------------


@transaction.atomic
def area_add(*, by: Any, programme: Programme, **fields: Any) -> Area:
    writes.require(by, Action.CREATE, programme, kind=Area)
    Programme.objects.select_for_update().get(pk=programme.pk)
    order = (programme.areas.aggregate(n=Max("order"))["n"] or 0) + 1
    area = Area(programme=programme, order=order)
    writes.apply_changes(area, fields, AREA_FIELDS)
    writes.save(area, by)
    return area


@transaction.atomic
def area_update(*, area: Area, by: Any, data: Mapping[str, Any]) -> Area:
    writes.require(by, Action.CHANGE, area)
    writes.apply_changes(area, data, AREA_FIELDS)
    writes.save(area, by)
    return area


@transaction.atomic
def area_delete(*, area: Area, by: Any) -> None:
    writes.require(by, Action.DELETE, area)
    if area.measures.exists():
        raise Conflict(_("The area still has measures: move or delete them first."))
    writes.delete(area, by)


# Measures -----------------------------------------------------------------------------------------------------


def _organisations(value: Any) -> list[Organisation]:
    return list(value or [])


@transaction.atomic
def measure_create(*, by: Any, area: Area, responsible: Sequence[Organisation],
                   co_executors: Sequence[Organisation] = (), **fields: Any) -> Measure:
    """A measure of `area`, carried out by the `responsible` organisations (at least one)."""
    writes.require(by, Action.CREATE, area, kind=Measure)
    measure = Measure(area=area)
    writes.apply_changes(measure, fields, MEASURE_FIELDS)
    _check_organisations(responsible, co_executors)
    writes.save(measure, by)
    measure.responsible.set(_organisations(responsible))
    measure.co_executors.set(_organisations(co_executors))
    return measure


def _check_organisations(responsible: Sequence[Organisation], co_executors: Sequence[Organisation]) -> None:
    if not responsible:
        raise ValidationError({"responsible": _("Name at least one responsible organisation.")})
    both = {o.pk for o in responsible} & {o.pk for o in co_executors}
    if both:
        raise ValidationError({"co_executors": _("An organisation is either responsible or a co-executor, not "
                                                 "both.")})


@transaction.atomic
def measure_update(*, measure: Measure, by: Any, data: Mapping[str, Any]) -> Measure:
    measure = Measure.objects.select_for_update().select_related("area__programme").get(pk=measure.pk)
    writes.require(by, Action.CHANGE, measure)
    data = dict(data)
    responsible = data.pop("responsible", None)
    co_executors = data.pop("co_executors", None)
    writes.apply_changes(measure, data, MEASURE_FIELDS, required=("start_date", "due_date", "evidence"))
    new_responsible = _organisations(responsible) if responsible is not None else list(measure.responsible.all())
    new_co = _organisations(co_executors) if co_executors is not None else list(measure.co_executors.all())
    _check_organisations(new_responsible, new_co)
    writes.save(measure, by)
    measure.responsible.set(new_responsible)
    measure.co_executors.set(new_co)
    return measure


@transaction.atomic
def measure_delete(*, measure: Measure, by: Any) -> None:
    writes.require(by, Action.DELETE, measure)
    if measure.reports.exists():
        raise Conflict(_("Progress reports were filed on this measure: drop it with a report instead."))
    writes.delete(measure, by)


# Progress reports ---------------------------------------------------------------------------------------------

#: Which recorded progress a report may move a measure to, from where it stands.
TRANSITIONS = {
    State.NOT_STARTED: (State.IN_PROGRESS, State.DONE, State.DROPPED),
    State.IN_PROGRESS: (State.DONE, State.DROPPED),
    State.DONE: (),
    State.DROPPED: (),
}


@transaction.atomic
def report_file(*, by: Any, measure: Measure, organisation: Organisation, reported_on: date, new_state: str = "",
                evidence_name: str = "", evidence: bytes | None = None, **texts: Any) -> ProgressReport:
    """A progress report of `organisation` on `measure`, with its evidence file (checked by content as a
    document) and, if given, the measure's new status (in progress, done or dropped; done needs the evidence).

    Only a responsible organisation reports (co-executors report through it); a measure done or dropped takes
    no further change of status.
    """
    measure = Measure.objects.select_for_update().select_related("area__programme").get(pk=measure.pk)
    writes.require(by, Action.CREATE, organisation, kind=ProgressReport)
    if not measure.responsible.filter(pk=organisation.pk).exists():
        raise ReportRefused(_("%(organisation)s is not responsible for this measure and cannot report on it."),
                            field="organisation", params={"organisation": organisation})
    if new_state and new_state not in TRANSITIONS[State(measure.state)]:
        raise MeasureClosed(_("The measure is %(status)s: its status cannot change to %(new)s."), field="new_state",
                            params={"status": State(measure.state).label, "new": State(new_state).label})
    report = ProgressReport(measure=measure, organisation=organisation, reported_on=reported_on,
                            new_state=new_state or "",
                            submitted_by=by if getattr(by, "is_authenticated", False) else None)
    writes.apply_changes(report, texts, REPORT_TEXT)
    stored = None
    if evidence is not None:
        safe = original_name(evidence_name)
        problem = document_problem(safe, len(evidence), evidence[:16])
        if problem:
            raise ValidationError({"evidence_file": problem})
        report.evidence_name, report.evidence_size = safe, len(evidence)
        report.evidence_sha256 = hashlib.sha256(evidence).hexdigest()
        report.full_clean(exclude=["evidence_file"])  # a refused report stores no file
        report.evidence_file.save(safe, ContentFile(evidence), save=False)
        stored = report.evidence_file
    try:
        writes.save(report, by)
        if new_state:
            measure.state = new_state
            measure.done_on = reported_on if new_state == State.DONE else None
            writes.save(measure, by)
    except Exception:
        if stored is not None:
            stored.delete(save=False)  # nothing half-stored: no file without its report
        raise
    return report


# Indicator targets --------------------------------------------------------------------------------------------


def target_errors(target: IndicatorTarget, milestones: Sequence[tuple[int, Decimal]]) -> dict[str, list[Any]]:
    """What makes a target invalid: an unknown indicator, a new one without its name or methodology, years out
    of order, a target on the wrong side of the baseline for the indicator's direction, milestones off the
    years between."""
    errors: dict[str, list[Any]] = {}
    if target.indicator_code:
        if registry.get(target.indicator_code) is None:
            errors["indicator_code"] = [_("The platform has no indicator %(code)s.") % {"code": target.indicator_code}]
    else:
        from tripartite.core.i18n import has_text

        if not has_text(target, "title"):
            errors["title_ru"] = [_("Name the new indicator in at least one language.")]
        if not has_text(target, "methodology"):
            errors["methodology_ru"] = [_("Describe how the new indicator is computed, in at least one language.")]
    if target.baseline_year is not None and target.target_year is not None and target.target_year <= target.baseline_year:
        errors.setdefault("target_year", []).append(_("The target year must come after the baseline year."))
    if target.baseline_value is not None and target.target_value is not None and "indicator_code" not in errors:
        better = tracking.better_of(target)
        if better == Better.HIGHER and target.target_value <= target.baseline_value:
            errors.setdefault("target_value", []).append(
                _("For this indicator a higher value is better: the target must be above the baseline."))
        if better == Better.LOWER and target.target_value >= target.baseline_value:
            errors.setdefault("target_value", []).append(
                _("For this indicator a lower value is better: the target must be below the baseline."))
    years = [year for year, _value in milestones]
    if len(set(years)) != len(years):
        errors.setdefault("milestones", []).append(_("Give at most one milestone a year."))
    if target.baseline_year and target.target_year and any(
            not target.baseline_year < year < target.target_year for year in years):
        errors.setdefault("milestones", []).append(_("Milestones fall in the years between the baseline and the "
                                                     "target."))
    return errors


@transaction.atomic
def target_create(*, by: Any, owner: Area | Measure, milestones: Sequence[tuple[int, Decimal]] = (),
                  **fields: Any) -> IndicatorTarget:
    """An indicator target of an area or a measure, with its milestones (year, value)."""
    writes.require(by, Action.CREATE, owner, kind=IndicatorTarget)
    target = IndicatorTarget(area=owner if isinstance(owner, Area) else None,
                             measure=owner if isinstance(owner, Measure) else None)
    writes.apply_changes(target, fields, TARGET_FIELDS)
    return _save_target(target, by, milestones)


@transaction.atomic
def target_update(*, target: IndicatorTarget, by: Any, data: Mapping[str, Any],
                  milestones: Sequence[tuple[int, Decimal]] | None = None) -> IndicatorTarget:
    writes.require(by, Action.CHANGE, target)
    writes.apply_changes(target, data, TARGET_FIELDS)
    if milestones is None:
        milestones = [(m.year, m.value) for m in target.milestones.all()]
    return _save_target(target, by, milestones)


def _save_target(target: IndicatorTarget, by: Any, milestones: Sequence[tuple[int, Decimal]]) -> IndicatorTarget:
    errors: dict[str, list[Any]] = {}
    try:
        target.full_clean()
    except ValidationError as exc:
        errors = dict(exc.message_dict)
    for field, messages in target_errors(target, milestones).items():
        errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    writes.save(target, by, validate=False)
    target.milestones.all().delete()
    Milestone.objects.bulk_create([Milestone(target=target, year=year, value=value) for year, value in milestones])
    return target


@transaction.atomic
def target_delete(*, target: IndicatorTarget, by: Any) -> None:
    writes.require(by, Action.DELETE, target)
    writes.delete(target, by)


@transaction.atomic
def observation_record(*, by: Any, target: IndicatorTarget, year: int, value: Decimal, source: str) -> Observation:
    """A value of an indicator defined in the programme (one a year; given again, it replaces the year's)."""
    writes.require(by, Action.CREATE, target, kind=Observation)
    if target.indicator_code:
        raise Conflict(_("This target follows an indicator of the platform, whose series the platform computes."))
    observation = Observation.objects.filter(target=target, year=year).first() or Observation(target=target, year=year)
    writes.apply_changes(observation, {"value": value, "source": source}, ("value", "source"))
    writes.save(observation, by)
    return observation
