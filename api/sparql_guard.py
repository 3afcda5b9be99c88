"""A small SPARQL tokenizer: what kind of request a text is, SERVICE/LOAD refusal, the row cap.

pyoxigraph parses queries but gives Python no syntax tree, and a regular expression over the raw
text cannot tell the keyword ``SERVICE`` from the word inside a literal (``"SERVICE ..."``), an IRI
(``<http://x/SERVICE>``), a prefixed name (``ex:SERVICE``), a variable (``?service``) or a comment.
So the text is tokenized the way the SPARQL grammar does: codepoint escapes (``\\u0053``) are
decoded first (the grammar applies them before parsing), then strings (all four quote styles),
IRIs, comments, variables, numbers and names are recognised; only bare name tokens are keywords.
``{``/``}`` depth tells the top level from nested groups.

The tokenizer does not validate: pyoxigraph does that when the query runs. It only needs to agree
with the grammar about where keywords are, and it errs on the side of refusing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_PN_EXTRA = "\u00b7\u0300-\u036f\u203f\u2040"
_TOKEN = re.compile(
    rf"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><[^<>"{{}}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w{_PN_EXTRA}]+)
  | (?P<number>\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)
  | (?P<name>[\w\\%:][\w\\%:.\-{_PN_EXTRA}]*)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<punct>\^\^|&&|\|\||!=|<=|>=|[^\s])
    """,
    re.VERBOSE | re.DOTALL,
)

QUERY_FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")
UPDATE_WORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "ADD", "MOVE", "COPY", "WITH")
REFUSED = ("SERVICE", "LOAD")


@dataclass(frozen=True)
class Token:
    kind: str  # comment | string | iri | var | number | name | lang | punct
    text: str
    start: int
    end: int
    depth: int  # "{" nesting at the token (a "{" has the depth outside it)

    @property
    def keyword(self) -> str:
        """The upper-cased text of a bare name token (a keyword candidate), else ''."""
        if self.kind != "name" or ":" in self.text:
            return ""
        return self.text.rstrip(".").upper()


class UnterminatedError(ValueError):
    """A string or IRI that never closes; pyoxigraph will give the precise message."""


def unescape(text: str) -> str:
    """Apply SPARQL codepoint escapes (``\\u0053`` -> ``S``) as the grammar does before parsing."""

    def sub(m: re.Match[str]) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF else m.group(0)

    return _ESCAPE.sub(sub, text)


def tokenize(text: str) -> list[Token]:
    """The tokens of ``text`` (already unescaped), whitespace left out."""
    out: list[Token] = []
    depth = 0
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:  # cannot happen: the punct alternative takes any character
            raise UnterminatedError(f"unreadable text at offset {pos}")
        kind = m.lastgroup or "punct"
        value = m.group(0)
        if kind == "punct" and value in ("'", '"'):
            raise UnterminatedError(f"unterminated string at offset {pos}")
        if kind != "ws":
            if value == "}":
                depth = max(0, depth - 1)
            out.append(Token(kind, value, m.start(), m.end(), depth))
            if value == "{":
                depth += 1
        pos = m.end()
    return out


@dataclass(frozen=True)
class Analysis:
    form: str  # SELECT | CONSTRUCT | DESCRIBE | ASK | UPDATE | ""
    refused: str | None  # the first refused keyword found (SERVICE, LOAD), if any
    original: str  # the text as sent (what pyoxigraph runs)


def analyse(sparql: str) -> Analysis:
    """The operation's form and any refused keyword; unparseable text yields form ''."""
    try:
        toks = tokenize(unescape(sparql))
    except UnterminatedError:
        return Analysis("", None, sparql)
    refused = next((t.keyword for t in toks if t.keyword in REFUSED), None)
    form = ""
    for t in toks:
        kw = t.keyword
        if kw in QUERY_FORMS:
            form = kw
            break
        if kw in UPDATE_WORDS:
            form = "UPDATE"
            break
    return Analysis(form, refused, sparql)


def with_row_limit(analysis: Analysis, max_rows: int) -> str:
    """The query text with its top-level LIMIT capped at ``max_rows`` (added if missing).

    Only SELECT, CONSTRUCT and DESCRIBE are touched; the LIMIT goes before a trailing top-level
    VALUES clause, where the grammar wants it. Text that did not tokenize is returned unchanged
    (pyoxigraph will reject it). Positions come from the text as sent, so codepoint escapes in it
    are kept as they are.
    """
    text = analysis.original
    if analysis.form not in ("SELECT", "CONSTRUCT", "DESCRIBE"):
        return text
    try:
        top = [t for t in tokenize(text) if t.depth == 0]
    except UnterminatedError:
        return text
    for i, t in enumerate(top):
        if t.keyword == "LIMIT" and i + 1 < len(top) and top[i + 1].kind == "number":
            num = top[i + 1]
            if num.text.isdigit() and int(num.text) <= max_rows:
                return text
            return f"{text[:num.start]}{max_rows}{text[num.end:]}"
    values = next((t for t in top if t.keyword == "VALUES"), None)
    if values is not None:
        return f"{text[:values.start]}\nLIMIT {max_rows}\n{text[values.start:]}"
    return f"{text}\nLIMIT {max_rows}\n"
