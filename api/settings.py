"""Settings, read once at start-up: environment variables, overridden by command-line flags.

Every setting has a help text; ``vietkg --help`` and the README list them (a test checks the
README mentions each one). A value that cannot be used raises :class:`SettingsError` with one line
naming the variable, which the command line prints as is.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path


def default_store() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "vietkg" / "store"


class SettingsError(Exception):
    pass


def _number(kind: type[int] | type[float], low: float, high: float) -> Callable[[str], object]:
    def parse(raw: str) -> object:
        try:
            value = kind(raw)
        except ValueError:
            raise ValueError(f"expected {'a whole number' if kind is int else 'a number'}") from None
        if not low <= value <= high:
            raise ValueError(f"expected a value from {low:g} to {high:g}")
        return value

    return parse


def _level(raw: str) -> str:
    if raw.upper() not in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
        raise ValueError("expected DEBUG, INFO, WARNING or ERROR")
    return raw.upper()


_ORIGIN = re.compile(r"^https?://[A-Za-z0-9.\-]+(?::\d{1,5})?$|^https?://\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$")


def parse_origins(raw: str) -> tuple[str, ...]:
    """``https://a.org, http://localhost:3000`` -> the origins; ``*`` allows any origin."""
    origins = tuple(dict.fromkeys(o.strip().rstrip("/") for o in raw.split(",") if o.strip()))
    bad = [o for o in origins if o != "*" and not _ORIGIN.match(o)]
    if bad:
        raise ValueError(f"{bad[0]!r} is not an origin (scheme://host[:port], no path) or *")
    return origins


@dataclass(frozen=True)
class Settings:
    store: Path = field(default_factory=default_store, metadata={
        "env": "VIETKG_STORE", "help": "folder of the on-disk store (default ~/.local/share/vietkg/store)",
        "parse": lambda raw: Path(raw).expanduser()})
    host: str = field(default="127.0.0.1", metadata={
        "env": "VIETKG_HOST", "help": "address `vietkg serve` listens on"})
    port: int = field(default=8000, metadata={"env": "VIETKG_PORT", "help": "port `vietkg serve` listens on",
                                              "parse": _number(int, 1, 65535)})
    token: str | None = field(default=None, metadata={
        "env": "VIETKG_TOKEN", "default": "unset",
        "help": "bearer token that unlocks writes (SPARQL Update, Graph Store, POST /api/articles); "
                "unset = read-only"})
    query_timeout: float = field(default=10.0, metadata={
        "env": "VIETKG_QUERY_TIMEOUT", "help": "seconds a SPARQL query may run before it is cut off",
        "parse": _number(float, 0.1, 86400)})
    max_rows: int = field(default=10000, metadata={
        "env": "VIETKG_MAX_ROWS", "help": "the most result rows a query returns over HTTP",
        "parse": _number(int, 1, 10_000_000)})
    query_workers: int | None = field(default=None, metadata={
        "env": "VIETKG_QUERY_WORKERS", "default": "2-4 (by CPU count)",
        "help": "SPARQL worker processes of `vietkg serve`: at most this many /sparql queries run at once",
        "parse": _number(int, 1, 64)})
    cors_origins: tuple[str, ...] = field(default=(), metadata={
        "env": "VIETKG_CORS_ORIGINS", "default": "unset",
        "help": "comma-separated origins (https://yasgui.org, http://localhost:3000, or *) whose web pages "
                "may call /sparql and /api (CORS, GET and POST); unset = none",
        "parse": parse_origins})
    log_level: str = field(default="WARNING", metadata={
        "env": "VIETKG_LOG_LEVEL", "help": "logging level: DEBUG, INFO, WARNING, ERROR", "parse": _level})

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = env.get(f.metadata["env"])
            if raw is None or raw.strip() == "":
                continue
            values[f.name] = _convert(f.metadata, raw.strip())
        return cls(**values)  # type: ignore[arg-type]

    def with_overrides(self, **changes: object) -> Settings:
        """Command-line values over these; numbers and names are checked as in the environment."""
        meta = {f.name: f.metadata for f in fields(self)}
        given = {k: v for k, v in changes.items() if v is not None}
        for name, value in given.items():
            if isinstance(value, str | int | float):
                given[name] = _convert(meta[name], str(value), "--" + name.replace("_", "-"))
        return replace(self, **given)


def _convert(meta: Mapping[str, object], raw: str, where: str | None = None) -> object:
    """``raw`` parsed for the setting described by ``meta``; ``where`` names it (default: its variable)."""
    parse = meta.get("parse")
    if not callable(parse):
        return raw
    try:
        return parse(raw)
    except ValueError as e:
        raise SettingsError(f"{where or meta['env']}={raw!r}: {e}") from e


def describe() -> list[tuple[str, str, str]]:
    """(environment variable, default, help) for every setting."""
    defaults = Settings()
    return [(f.metadata["env"], f.metadata.get("default", str(getattr(defaults, f.name))), f.metadata["help"])
            for f in fields(Settings)]
