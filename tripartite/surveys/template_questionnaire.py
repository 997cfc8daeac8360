"""The built-in questionnaire template: Appendix 1 of Bekbutayeva et al. (2025), plus an optional network-size question.

The texts and codes are those of the analysis engine's codebook (tripartite/analysis/data/paper2025/codebook.yaml);
the sector labels come from the jurisdiction pack's survey sectors (the paper's eleven sectors, Table 1 order).
The three involvement questions share the four-point scale and are stored under the short codes the survey app
uses: `gov`, `employer`, `self` (the codebook's state_involvement, employer_involvement, self_involvement).
`install()` works with the live models and with a migration's historical models, so the template is created by
migration 0002 and, idempotently, by `services.ensure_builtin_template()` (demo, tests).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.utils import timezone

from tripartite.core.i18n import in_languages
from tripartite.languages import LANGUAGES

TEMPLATE_CODE = "social-dialogue-appendix-1"
TEMPLATE_TITLE = {
    "kk": "Әлеуметтік диалогқа қатысу (2025 жылғы зерттеудің 1-қосымшасы)",
    "ru": "Участие в социальном диалоге (приложение 1 исследования 2025 года)",
    "en": "Participation in social dialogue (Appendix 1 of the 2025 study)",
}
TEMPLATE_INTRO = {
    "kk": "Сауалнама анонимді: жауаптарыңыз аты-жөніңізбен немесе мекенжайыңызбен байланыстырылмайды.",
    "ru": "Опрос анонимный: ваши ответы не связываются с вашим именем или адресом.",
    "en": "The survey is anonymous: your answers are not linked to your name or address.",
}

FOUR_POINT = [
    (1, "Өте белсенді", "Очень активно", "Very active"),
    (2, "Жеткілікті белсенді", "Достаточно активно", "Sufficiently active"),
    (3, "Жеткіліксіз белсенді", "Недостаточно активно", "Insufficiently active"),
    (4, "Мүлдем қатыспайды", "Совсем не участвует", "Not involved at all"),
]
FOUR_POINT_SELF = [
    (1, "Өте белсендімін", "Очень активно", "Very active"),
    (2, "Жеткілікті белсендімін", "Достаточно активно", "Sufficiently active"),
    (3, "Жеткіліксіз белсендімін", "Недостаточно активно", "Insufficiently active"),
    (4, "Мүлдем қатыспаймын", "Совсем не участвую", "Not involved at all"),
]


def text_columns(field: str, texts: Mapping[str, str] | Sequence[str]) -> dict[str, str]:
    """The columns of a trilingual field (`title_kk`, `title_ru`, `title_en`) for texts given by language, or as a
    sequence in the order of `tripartite.languages.LANGUAGES`."""
    values = [texts[code] for code in LANGUAGES] if isinstance(texts, Mapping) else list(texts)
    return dict(zip(in_languages(field), values, strict=True))


def _sector_options() -> list[tuple[int, str, str, str]]:
    from tripartite.jurisdictions import get_pack

    pack = get_pack("kz")
    return [(s.number, s.name["kk"], s.name["ru"], s.name["en"]) for s in pack.survey_sector_map()]


def questions() -> list[dict[str, Any]]:
    """The template's questions: code, kind, texts, required, ordinal, options / bounds."""
    return [
        {
            "code": "age_group", "kind": "single", "ordinal": True, "required": True,
            "text": ("Жасыңызды көрсетіңіз", "Укажите ваш возраст", "Indicate your age"),
            "options": [
                (1, "18–25 жас", "18–25 лет", "18–25"),
                (2, "26–30 жас", "26–30 лет", "26–30"),
                (3, "31–40 жас", "31–40 лет", "31–40"),
                (4, "41–50 жас", "41–50 лет", "41–50"),
                (5, "51–60 жас", "51–60 лет", "51–60"),
                (6, "61 жас және одан жоғары", "61 год и старше", "61 and over"),
            ],
        },
        {
            "code": "gender", "kind": "single", "ordinal": False, "required": True,
            "text": ("Жынысыңыз", "Ваш пол", "Your gender"),
            "options": [(1, "Ер", "Мужской", "Male"), (2, "Әйел", "Женский", "Female")],
        },
        {
            "code": "sector", "kind": "single", "ordinal": False, "required": True,
            "text": ("Жұмыс істейтін салаңыз", "Отрасль, в которой вы работаете", "Your industry of work"),
            "options": _sector_options(),
        },
        {
            "code": "gov", "kind": "single", "ordinal": True, "required": True,
            "text": (
                "Сіздің ойыңызша, мемлекет сіздің жұмыс орныңызға қатысты мәселелерге қаншалықты белсенді "
                "қатысатынын бағалаңыз",
                "Оцените, насколько активно, по вашему мнению, государство участвует в решении вопросов, "
                "связанных с вашим местом работы",
                "Rate how actively, in your opinion, the state participates in issues related to your workplace",
            ),
            "options": FOUR_POINT,
        },
        {
            "code": "employer", "kind": "single", "ordinal": True, "required": True,
            "text": (
                "Жұмыс берушіңіз қызметкерлердің мүдделеріне қатысты мәселелерге қаншалықты белсенді қатысатынын "
                "бағалаңыз",
                "Оцените, насколько активно ваш работодатель участвует в решении вопросов, связанных с интересами "
                "работников",
                "Rate how actively your employer is involved in issues related to workers' interests",
            ),
            "options": FOUR_POINT,
        },
        {
            "code": "self", "kind": "single", "ordinal": True, "required": True,
            "text": (
                "Жұмыс орныңызға қатысты мәселелерді шешуге өзіңіздің жеке белсенділігіңізді бағалаңыз",
                "Оцените вашу личную активность в решении вопросов, связанных с вашим местом работы",
                "Rate your personal activity in participating in issues related to your workplace",
            ),
            "options": FOUR_POINT_SELF,
        },
        {
            "code": "network_size", "kind": "number", "ordinal": False, "required": False,
            "min": 1, "max": 5000,
            "text": (
                "Сіз жұмыс бойынша қанша адамды танисыз (олармен байланыса аласыз)?",
                "Со сколькими работающими людьми вы знакомы (и могли бы с ними связаться)?",
                "How many working people do you know (and could contact)?",
            ),
            "help": (
                "Міндетті емес. Шамамен сан жеткілікті; ол тек таңдаманы салмақтау үшін қолданылады.",
                "Необязательно. Достаточно примерного числа; оно нужно только для взвешивания выборки.",
                "Optional. A rough number is enough; it is used only to weight the sample.",
            ),
        },
    ]


def install(Questionnaire: Any, QuestionnaireVersion: Any, Question: Any, Option: Any) -> Any:  # noqa: N803
    """Create the template (questionnaire, published version 1, questions, options) if it does not exist.

    Returns its published version 1. Model classes are passed in so that a data migration can call it.
    """
    questionnaire, _created = Questionnaire.objects.get_or_create(
        code=TEMPLATE_CODE,
        defaults={**text_columns("title", TEMPLATE_TITLE), "is_template": True, "owner": None},
    )
    version = QuestionnaireVersion.objects.filter(questionnaire=questionnaire, number=1).first()
    if version is not None:
        return version
    version = QuestionnaireVersion.objects.create(
        questionnaire=questionnaire, number=1, status="published", published_at=timezone.now(),
        **text_columns("intro", TEMPLATE_INTRO),
    )
    for position, spec in enumerate(questions(), start=1):
        question = Question.objects.create(
            version=version, code=spec["code"], position=position, kind=spec["kind"],
            **text_columns("text", spec["text"]), **text_columns("help", spec.get("help", ("", "", ""))),
            required=spec["required"], ordinal=spec["ordinal"],
            min_value=spec.get("min"), max_value=spec.get("max"),
        )
        Option.objects.bulk_create([
            Option(question=question, code=code, position=i, **text_columns("label", labels))
            for i, (code, *labels) in enumerate(spec.get("options", []), start=1)
        ])
    return version
