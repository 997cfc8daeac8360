"""API of agreement coding for integrators: cut a text or file into articles, suggest one article's codes."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError
from pydantic import Field, ValidationError

from tripartite.core.api_support import WRITE_ERRORS, current_user

from . import services
from .errors import CodingError

router = Router(tags=["agreements"])


class SegmentIn(Schema):
    text: str = Field(description="The agreement's text (at most 1 000 000 characters)")


class SegmentArticleOut(Schema):
    number: str = Field(description="The article's number as written: 3.1, 5, 12.4")
    start: int = Field(description="Offset of the article's first character in the extracted text")
    end: int = Field(description="Offset just after its last character")
    text: str


class SegmentationOut(Schema):
    articles: list[SegmentArticleOut]


class SuggestIn(Schema):
    text: str = Field(description="One article's text")
    lang: str | None = Field(None, description="kk, ru or en; detected from the text when left out")


class TopicScore(Schema):
    code: str = Field(description="A clause topic: pay, working_time, rest_leave, safety, social, employment, "
                                  "union_rights, disputes or other")
    score: float = Field(description="The model's score, between 0 and 1; the scores of all topics sum to 1")


class ParameterOut(Schema):
    key: str = Field(description="A clause parameter of the pack (annual_paid_leave_days...) or a dispute rule key "
                                 "(employer_reply_to_demands...)")
    value: float | int = Field(description="The value in the unit given")
    unit: str = Field(description="tenge, calendar_days, working_days, hours, percent, coefficient, months_of_pay")
    text: str = Field(description="The words of the article the value was read from")
    via: str | None = Field(None, description="The pack rule used to convert the value (monthly_calculation_index "
                                              "for a sum stated in МРП/АЕК/MCI; an unverified rule), or null")


class SuggestionOut(Schema):
    lang: str
    topics: list[TopicScore] = Field(description="Every topic, scores descending")
    parameters: list[ParameterOut]
    model: str = Field(description="The version of the model that made the suggestion")


def _require_coder(request: HttpRequest) -> None:
    if not services.may_code(current_user(request)):
        raise HttpError(403, _("Only editors of agreements may code agreements."))


def _json_body(request: HttpRequest, schema: type[Schema]) -> Any:
    try:
        data = json.loads(request.body or b"null")
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CodingError("invalid_json", _("The request body is not valid JSON.")) from exc
    try:
        return schema.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first.get("loc", ())) or None
        raise CodingError("invalid", _("The request has invalid fields: send a JSON object with a text."),
                          field=field) from exc


_SEGMENT_BODY = {"requestBody": {"required": True, "content": {
    "application/json": {"schema": {"type": "object", "required": ["text"], "properties": {
        "text": {"type": "string", "description": "The agreement's text (at most 1 000 000 characters)"}}}},
    "multipart/form-data": {"schema": {"type": "object", "required": ["file"], "properties": {
        "file": {"type": "string", "format": "binary",
                 "description": "The signed agreement: a PDF with a text layer or a DOCX file (at most 20 MB)"}}}},
}}}


@router.post("/segment", response={200: SegmentationOut, 413: WRITE_ERRORS[422], **WRITE_ERRORS},
             openapi_extra=_SEGMENT_BODY)
def segment(request: HttpRequest):  # type: ignore[no-untyped-def]
    """Cut an agreement into its articles: JSON `{"text"}` or a multipart `file` (PDF with a text layer or DOCX).

    Offsets are into the text extracted (and cleaned of page headers, footers and hyphens) from the file. A
    scanned PDF, an encrypted PDF, another kind of file or an empty text: 422 with a code saying which.
    """
    _require_coder(request)
    if (request.content_type or "").startswith("multipart/"):
        upload = request.FILES.get("file")
        if upload is None:
            raise CodingError("no_file", _("Choose the agreement's file (PDF or DOCX) to upload."), field="file")
        text = services.read_upload(upload)
    else:
        text = _json_body(request, SegmentIn).text
    return {"articles": [{"number": a.number, "start": a.start, "end": a.end, "text": a.text}
                         for a in services.segment_text(text)]}


@router.post("/clause-suggestions", response={200: SuggestionOut, 413: WRITE_ERRORS[422], **WRITE_ERRORS})
def clause_suggestions(request: HttpRequest, payload: SuggestIn):  # type: ignore[no-untyped-def]
    """The topics (every one, scores descending), parameters and dispute periods one article sets.

    Values are read by rules from the words (numbers in digits or words, decimal commas; "double pay" is a
    100 % premium; МРП converted with the year's index); the topic is the classifier's, whose version is given.
    """
    _require_coder(request)
    s = services.suggest(payload.text, lang=payload.lang)
    return {"lang": s.lang, "topics": [{"code": code, "score": round(score, 4)} for code, score in s.topics],
            "parameters": [{"key": p.key, "value": services.value_out(p.value), "unit": p.unit, "text": p.text,
                            "via": p.via or None} for p in s.parameters],
            "model": s.model}
