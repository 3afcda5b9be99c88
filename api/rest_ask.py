"""The competency questions over HTTP: ``GET /api/ask`` lists them, ``GET /api/ask/{name}`` runs one.

One route per question is generated from the bundled ``.rq`` files, so the OpenAPI shows each
question's own parameters with their help text; an unknown question is a 404 like any unknown
route, and a parameter the question does not take is a 400 (``bad_parameter``).
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from vietkg.api.errors import ApiError, error_responses
from vietkg.api.guards import state
from vietkg.api.rest_support import respond
from vietkg.api.schemas import AskResponse, QuestionInfo, QuestionParam
from vietkg.graph.questions import Question, ask, questions

log = logging.getLogger(__name__)

router = APIRouter()


def _info(q: Question) -> QuestionInfo:
    return QuestionInfo(name=q.name, title=q.title, title_vi=q.title_vi, description=q.description,
                        params=[QuestionParam(name=p.name, required=p.required, kind=p.kind, help=p.help)
                                for p in q.params],
                        columns=list(q.columns), href=f"/api/ask/{q.name}")


@router.get("/ask", response_model=list[QuestionInfo], summary="List the competency questions")
def list_questions(request: Request) -> JSONResponse:
    """Every competency question with its parameters and the columns of its rows."""
    offer_body = [_info(q).model_dump(mode="json") for q in questions().values()]
    return JSONResponse(offer_body)


def _endpoint(q: Question) -> Callable[..., JSONResponse]:
    """A route function whose signature declares ``q``'s parameters as query parameters."""

    def run(request: Request, **values: str | None) -> JSONResponse:
        declared = {p.name for p in q.params}
        unknown = sorted(set(request.query_params) - declared)
        if unknown:
            raise ApiError("bad_parameter", f"{q.name}: unknown parameter {', '.join(unknown)} "
                           f"(expected: {', '.join(sorted(declared)) or 'none'})")
        given = {p.name: values.get(_py(p.name)) for p in q.params}
        result = ask(state(request).kg, q.name, {k: v for k, v in given.items() if v is not None})
        return respond(request, AskResponse(question=q.name, columns=result.columns, rows=result.rows))

    params = [inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Request)]
    for p in q.params:
        help_text = p.help + (" (diacritics optional)" if p.kind == "fold" else "")
        annotation = Annotated[str | None, Query(alias=p.name, description=help_text, max_length=500)]
        params.append(inspect.Parameter(_py(p.name), inspect.Parameter.KEYWORD_ONLY, default=None,
                                        annotation=annotation))
    run.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    run.__name__ = f"ask_{_py(q.name)}"
    return run


def _py(name: str) -> str:
    return "p_" + "".join(c if c.isalnum() else "_" for c in name)


for _q in questions().values():
    router.add_api_route(
        f"/ask/{_q.name}", _endpoint(_q), methods=["GET"], response_model=AskResponse,
        summary=_q.title, description=f"{_q.description}\n\n*{_q.title_vi}*" if _q.title_vi else _q.description,
        responses=error_responses("bad_parameter", "validation_error", "not_acceptable"))
