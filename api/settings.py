"""Settings, read once at start-up: environment variables, overridden by command-line flags.

Every setting has a help text; ``vietkg --help`` and the README list them (a test checks the
README mentions each one).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path


def default_store() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "vietkg" / "store"


@dataclass(frozen=True)
class Settings:
    store: Path = field(default_factory=default_store, metadata={
        "env": "VIETKG_STORE", "help": "folder of the on-disk store (default ~/.local/share/vietkg/store)"})
    host: str = field(default="127.0.0.1", metadata={
        "env": "VIETKG_HOST", "help": "address `vietkg serve` listens on"})
    port: int = field(default=8000, metadata={"env": "VIETKG_PORT", "help": "port `vietkg serve` listens on"})
    token: str | None = field(default=None, metadata={
        "env": "VIETKG_TOKEN",
        "help": "bearer token that unlocks writes (SPARQL Update, Graph Store, POST /api/articles); "
                "unset = read-only"})
    query_timeout: float = field(default=10.0, metadata={
        "env": "VIETKG_QUERY_TIMEOUT", "help": "seconds a SPARQL query may run before it is cut off"})
    max_rows: int = field(default=10000, metadata={
        "env": "VIETKG_MAX_ROWS", "help": "the most result rows a query returns over HTTP"})
    log_level: str = field(default="WARNING", metadata={
        "env": "VIETKG_LOG_LEVEL", "help": "logging level: DEBUG, INFO, WARNING, ERROR"})

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = env.get(f.metadata["env"])
            if raw is None or raw == "":
                continue
            values[f.name] = _convert(f.name, f.type, raw)
        return cls(**values)  # type: ignore[arg-type]

    def with_overrides(self, **changes: object) -> Settings:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


class SettingsError(Exception):
    pass


def _convert(name: str, type_name: object, raw: str) -> object:
    t = str(type_name)
    try:
        if "Path" in t:
            return Path(raw).expanduser()
        if t.startswith("int"):
            return int(raw)
        if t.startswith("float"):
            return float(raw)
    except ValueError as e:
        raise SettingsError(f"setting {name}: {raw!r} is not a valid value ({e})") from e
    return raw


def describe() -> list[tuple[str, str, str]]:
    """(environment variable, default, help) for every setting."""
    defaults = Settings()
    return [(f.metadata["env"], str(getattr(defaults, f.name)), f.metadata["help"]) for f in fields(Settings)]
