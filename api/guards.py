"""Request guards shared by the routers: the write token, body size, the server's state.

Writes (SPARQL Update, the Graph Store Protocol, ``POST /api/articles``) need
``settings.token``: unset, the server is read-only and every write answers ``403 read_only``;
set, a request must carry ``Authorization: Bearer <token>`` or it gets ``401 unauthorized``.
"""

from __future__ import annotations

import hmac
import threading
from dataclasses import dataclass, field

from fastapi import Request

from vietkg.api.errors import ApiError
from vietkg.api.settings import Settings
from vietkg.api.sparql_exec import Runner
from vietkg.graph.store import KG

MAX_BODY = 32 * 1024 * 1024  # bytes a request body may have (SPARQL, graphs, articles)


@dataclass
class ServerState:
    """What the routers share, kept on ``app.state.vietkg`` (no module-level globals)."""

    kg: KG
    settings: Settings
    runner: Runner
    write_lock: threading.Lock = field(default_factory=threading.Lock)


def state(request: Request) -> ServerState:
    st: ServerState = request.app.state.vietkg
    return st


def require_token(request: Request) -> None:
    """Dependency of every write route."""
    token = state(request).settings.token
    if not token:
        raise ApiError("read_only", "this server is read-only: start it with VIETKG_TOKEN set to allow writes")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise ApiError("unauthorized", "send the server's write token as `Authorization: Bearer <token>`",
                       headers={"WWW-Authenticate": 'Bearer realm="vietkg"'})


def require_length(request: Request, limit: int | None = None) -> None:
    """For bodies parsed by Starlette (forms with files): a Content-Length within ``limit``."""
    limit = limit or MAX_BODY
    announced = request.headers.get("content-length", "")
    if not announced.isdigit():
        raise ApiError("bad_request", "send the upload with a Content-Length")
    if int(announced) > limit:
        raise ApiError("payload_too_large", f"the body is larger than {limit} bytes")


async def read_body(request: Request, limit: int | None = None) -> bytes:
    """The request body, refused with 413 beyond ``limit`` bytes (announced or streamed)."""
    limit = limit or MAX_BODY
    announced = request.headers.get("content-length")
    if announced and announced.isdigit() and int(announced) > limit:
        raise ApiError("payload_too_large", f"the body is larger than {limit} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError("payload_too_large", f"the body is larger than {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def decode_utf8(body: bytes, charset: str | None) -> str:
    """Text of a body that must be UTF-8 (the SPARQL Protocol allows no other charset)."""
    if charset and charset.replace("-", "").replace("_", "") not in ("utf8",):
        raise ApiError("unsupported_media_type", f"the body must be UTF-8, not {charset}")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ApiError("bad_request", f"the body is not valid UTF-8 ({e.reason} at byte {e.start})") from e
