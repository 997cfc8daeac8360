"""A collective labour dispute procedure as data: stages, allowed moves, deadlines each step starts, documents.

Pure Python (no Django). A country's pack builds one ``DisputeProcedure`` (``kz_disputes.PROCEDURE``); the
disputes app validates every move against it and computes every deadline through it, so the procedure is
defined once, with its legal sources.

Vocabulary:
- a *stage* is where a dispute stands (demands, conciliation, mediation, arbitration, strike) or how it ended
  (settled, court, withdrawn: the terminal stages);
- a *step* is something that happens at a known date and starts statutory periods (the employer receives the
  demands; the conciliation commission is formed). Entering a stage is itself a step (``Stage.opens_with``);
- a *deadline spec* says which rule of the pack a step starts, which later steps meet it, and who must act.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from .rules import Unit
from .texts import LegalSource, Text, text
from .working_days import Deadline

if TYPE_CHECKING:
    from .pack import JurisdictionPack


class Party(StrEnum):
    """Who is expected to act."""

    EMPLOYER = "employer"
    WORKERS = "workers"
    BOTH = "both"  # the two parties together (e.g. forming a parity commission)
    BODY = "body"  # the conciliation commission, mediator or arbitration itself


#: The two sides of a collective dispute, to whom the next step is explained.
PARTIES: tuple[Party, ...] = (Party.EMPLOYER, Party.WORKERS)


class Override(StrEnum):
    """What a collective agreement's own dispute procedure may do to a statutory period."""

    NEVER = "never"  # public-law duty (e.g. notifying the inspectorate)
    SHORTEN = "shorten"  # the agreement may set a shorter period only (verified statutory periods)
    ANY = "any"  # the law sets no confirmed period: the agreement's period applies


class DeadlineKind(StrEnum):
    BY = "by"  # the step must happen on or before the due date
    NOT_BEFORE = "not_before"  # the step may not happen before the due date (a notice period)


@dataclass(frozen=True)
class DeadlineSpec:
    """A statutory period that a step starts: the pack's rule, what meets it, who must act."""

    rule: str
    name: Text  # what must happen, e.g. "Employer's written reply"
    party: Party
    met_by: tuple[str, ...] = ()  # step codes that fulfil it (leaving the stage also ends it)
    kind: DeadlineKind = DeadlineKind.BY
    recurring: bool = False  # starts again from each step that meets it (weekly reports)
    override: Override = Override.SHORTEN
    ends_with_stage: bool = True  # False: the duty lasts until the dispute is closed (inspectorate reports)


@dataclass(frozen=True)
class Step:
    """Something that happens on a date during a stage and may start statutory periods."""

    code: str
    stage: str
    name: Text
    starts: tuple[DeadlineSpec, ...] = ()
    source: LegalSource | None = None
    verified: bool = True
    anytime: bool = False  # may be recorded at any open stage, not only its own (inspectorate reports)


@dataclass(frozen=True)
class DocumentRequirement:
    """A document the procedure expects at a stage, and the party that must produce it."""

    code: str
    stage: str
    name: Text
    party: Party
    source: LegalSource | None = None
    verified: bool = True


@dataclass(frozen=True)
class Stage:
    """A stage of the procedure. ``expects`` explains, per party, what the procedure expects of it next."""

    code: str
    name: Text
    order: int
    opens_with: str | None  # the step recorded when a dispute enters the stage (None for terminal stages)
    terminal: bool = False
    peaceful: bool = True  # False for the strike stage
    expects: Mapping[str, Text] = field(default_factory=dict)
    source: LegalSource | None = None
    verified: bool = True


@dataclass(frozen=True)
class Transition:
    """An allowed move from one stage to another, with the legal ground for it."""

    source_stage: str
    target_stage: str
    source: LegalSource | None = None
    verified: bool = True


@dataclass(frozen=True)
class UnlawfulStrikeGround:
    """A case in which the law makes a strike unlawful."""

    code: str
    name: Text
    source: LegalSource
    verified: bool = True


@dataclass(frozen=True)
class ComputedDeadline:
    """A deadline a step started: the pack's ``Deadline`` (None when the rule is not set) and where it came from.

    ``override_source`` names the collective agreement whose procedure replaced the statutory period.
    """

    spec: DeadlineSpec
    start: date
    deadline: Deadline | None
    rule_description: Text
    rule_source: LegalSource
    verified: bool
    override_source: str | None = None

    @property
    def due(self) -> date | None:
        return self.deadline.due if self.deadline is not None else None

    @property
    def is_set(self) -> bool:
        return self.deadline is not None


NOT_SET = text(
    "белгіленбеген — расталмаған, TRIPARTITE_RULE_OVERRIDES арқылы баптаңыз",
    "не установлен — не подтверждён, настройте через TRIPARTITE_RULE_OVERRIDES",
    "not set — unverified, configure via TRIPARTITE_RULE_OVERRIDES",
)


class TransitionRefused(Exception):
    """The procedure does not allow this move; ``message`` is trilingual, ``code`` is stable."""

    def __init__(self, code: str, message: Text, **params: object) -> None:
        self.code = code
        self.message = message
        self.params = params
        super().__init__(message["en"])


_REFUSALS: Mapping[str, Text] = {
    "unknown_stage": text(
        "Рәсімде «%(stage)s» деген кезең жоқ.",
        "В процедуре нет этапа «%(stage)s».",
        "The procedure has no stage “%(stage)s”.",
    ),
    "terminal": text(
        "Дау аяқталған (%(current)s): оны басқа кезеңге ауыстыруға болмайды.",
        "Спор завершён (%(current)s): перевести его на другой этап нельзя.",
        "The dispute is closed (%(current)s): it cannot move to another stage.",
    ),
    "same": text(
        "Дау қазірдің өзінде «%(current)s» кезеңінде.",
        "Спор уже находится на этапе «%(current)s».",
        "The dispute is already at the “%(current)s” stage.",
    ),
    "not_allowed": text(
        "Рәсім «%(current)s» кезеңінен «%(target)s» кезеңіне өтуге рұқсат бермейді. Мүмкін: %(allowed)s.",
        "Процедура не допускает перехода с этапа «%(current)s» на этап «%(target)s». Возможно: %(allowed)s.",
        "The procedure does not allow moving from “%(current)s” to “%(target)s”. Allowed: %(allowed)s.",
    ),
}


@dataclass(frozen=True)
class DisputeProcedure:
    """One country's collective labour dispute procedure."""

    stages: tuple[Stage, ...]
    steps: tuple[Step, ...]
    transitions: tuple[Transition, ...]
    documents: tuple[DocumentRequirement, ...]
    unlawful_strike_grounds: tuple[UnlawfulStrikeGround, ...]
    initial_stage: str
    source: LegalSource
    day_of_event_counts: bool = False  # the event day never counts in this pack (see WorkingCalendar)

    def __post_init__(self) -> None:
        codes = {s.code for s in self.stages}
        step_codes = {s.code for s in self.steps}
        if self.initial_stage not in codes:
            raise ValueError(f"initial stage {self.initial_stage!r} is not a stage")
        for t in self.transitions:
            if t.source_stage not in codes or t.target_stage not in codes:
                raise ValueError(f"transition {t.source_stage}->{t.target_stage} names an unknown stage")
        for s in self.stages:
            if s.opens_with is not None and s.opens_with not in step_codes:
                raise ValueError(f"stage {s.code} opens with unknown step {s.opens_with}")
        for step in self.steps:
            if step.stage not in codes:
                raise ValueError(f"step {step.code} belongs to unknown stage {step.stage}")
            for spec in step.starts:
                unknown = set(spec.met_by) - step_codes
                if unknown:
                    raise ValueError(f"deadline {spec.rule} is met by unknown steps {sorted(unknown)}")
        for d in self.documents:
            if d.stage not in codes:
                raise ValueError(f"document {d.code} belongs to unknown stage {d.stage}")

    # stages and moves -------------------------------------------------------------------------------------
    def stage(self, code: str) -> Stage:
        for s in self.stages:
            if s.code == code:
                return s
        raise KeyError(code)

    def has_stage(self, code: str) -> bool:
        return any(s.code == code for s in self.stages)

    def next_stages(self, current: str) -> tuple[Stage, ...]:
        """Stages a dispute at ``current`` may move to, in procedure order."""
        targets = {t.target_stage for t in self.transitions if t.source_stage == current}
        return tuple(s for s in sorted(self.stages, key=lambda s: s.order) if s.code in targets)

    def transition(self, current: str, target: str) -> Transition:
        """The allowed move from ``current`` to ``target``; raises ``TransitionRefused`` with the reason."""
        if not self.has_stage(target):
            raise TransitionRefused("unknown_stage", _fill(_REFUSALS["unknown_stage"], stage=target), stage=target)
        here = self.stage(current)
        if here.terminal:
            raise TransitionRefused("terminal", _fill_named(_REFUSALS["terminal"], current=here.name), current=current)
        if current == target:
            raise TransitionRefused("same", _fill_named(_REFUSALS["same"], current=here.name), current=current)
        for t in self.transitions:
            if t.source_stage == current and t.target_stage == target:
                return t
        allowed = self.next_stages(current)
        message = {
            lang: _REFUSALS["not_allowed"][lang] % {
                "current": here.name[lang], "target": self.stage(target).name[lang],
                "allowed": ", ".join(s.name[lang] for s in allowed) or "—",
            }
            for lang in _REFUSALS["not_allowed"]
        }
        raise TransitionRefused("not_allowed", message, current=current, target=target)

    # steps, documents ---------------------------------------------------------------------------------------
    def step(self, code: str) -> Step:
        for s in self.steps:
            if s.code == code:
                return s
        raise KeyError(code)

    def has_step(self, code: str) -> bool:
        return any(s.code == code for s in self.steps)

    def steps_of(self, stage: str) -> tuple[Step, ...]:
        return tuple(s for s in self.steps if s.stage == stage)

    def documents_of(self, stage: str) -> tuple[DocumentRequirement, ...]:
        return tuple(d for d in self.documents if d.stage == stage)

    def document(self, code: str) -> DocumentRequirement:
        for d in self.documents:
            if d.code == code:
                return d
        raise KeyError(code)

    def unlawful_ground(self, code: str) -> UnlawfulStrikeGround:
        for g in self.unlawful_strike_grounds:
            if g.code == code:
                return g
        raise KeyError(code)

    def deadline_specs(self) -> tuple[tuple[Step, DeadlineSpec], ...]:
        """Every (step, period it starts), in procedure order; a rule appears once per step that starts it."""
        return tuple((step, spec) for step in self.steps for spec in step.starts)

    # deadlines ----------------------------------------------------------------------------------------------
    def compute(
        self,
        pack: JurisdictionPack,
        spec: DeadlineSpec,
        start: date,
        *,
        agreement_days: Mapping[str, int] | None = None,
        agreement_source: str | None = None,
    ) -> ComputedDeadline:
        """The deadline ``spec`` sets for a step on ``start``, counted on the pack's calendar.

        ``agreement_days`` (rule key -> days, in the rule's unit) is a collective agreement's own procedure: it
        replaces the statutory period where ``spec.override`` allows it. A period of 0 days ("immediately") is
        due on the day of the step itself, whatever day it is. A rule with no value gives ``deadline=None``.
        """
        rule = pack.rule(spec.rule, start)
        days: int | None = rule.value if isinstance(rule.value, int) and not isinstance(rule.value, bool) else None
        override_source = None
        wanted = (agreement_days or {}).get(spec.rule)
        if wanted is not None and wanted >= 0 and spec.override != Override.NEVER:
            if spec.override == Override.ANY or days is None or wanted < days:
                days, override_source = int(wanted), agreement_source
        if days is None:
            return ComputedDeadline(spec, start, None, rule.description, rule.source, False)
        if override_source is None and days == rule.value:
            if days == 0:
                deadline = Deadline(spec.rule, start, start, 0, rule.unit, rule.verified, rule.source)
            else:
                deadline = pack.deadline_for(spec.rule, start)
        else:
            due = start if days == 0 else pack.calendar.deadline(start, days, rule.unit)
            # The agreement's period is the parties' own term, not the statute: it carries no "verified" claim.
            deadline = Deadline(spec.rule, start, due, days, rule.unit, False, rule.source)
        verified = deadline.verified and override_source is None
        return ComputedDeadline(spec, start, deadline, rule.description, rule.source, verified, override_source)

    def deadlines_started_on(self, pack: JurisdictionPack, start: date) -> tuple[ComputedDeadline, ...]:
        """Every statutory period that a step on ``start`` starts (each rule once), for the deadlines command."""
        seen: set[str] = set()
        out = []
        for _step, spec in self.deadline_specs():
            if spec.rule in seen:
                continue
            seen.add(spec.rule)
            out.append(self.compute(pack, spec, start))
        return tuple(out)


def unit_word(unit: str) -> str:
    """``working`` or ``calendar`` for a deadline's unit (the JSON vocabulary of ``tripartite deadlines``)."""
    if unit == Unit.WORKING_DAYS:
        return "working"
    if unit == Unit.CALENDAR_DAYS:
        return "calendar"
    raise ValueError(f"not a deadline unit: {unit!r}")


def _fill(template: Text, **params: object) -> Text:
    return {lang: value % params for lang, value in template.items()}


def _fill_named(template: Text, **named: Text) -> Text:
    return {lang: value % {k: v[lang] for k, v in named.items()} for lang, value in template.items()}


def first_met(spec: DeadlineSpec, steps_after: Iterable[tuple[str, date]]) -> date | None:
    """The date of the first step among ``steps_after`` (code, date) that meets ``spec``."""
    dates = [d for code, d in steps_after if code in spec.met_by]
    return min(dates) if dates else None
