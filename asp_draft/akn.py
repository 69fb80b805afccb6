"""Akoma Ntoso as asp-draft writes and reads it: the namespaces, and the names and types of
asp-draft's own metadata in them, defined once for the writer (writers/akn.py) and the reader
(readers/akn.py).

What AKN has no element for travels in asp-draft's namespace: the metadata a session file
keeps, as `asp:entry` elements (`key`, `type`, the value as text) in one `asp:meta` store
inside `proprietary`, and the clause and version each paragraph came from, as `asp:clause`
and `asp:version` attributes. A value is written with its type so that it reads back the same.
Symbol, title and chapeau are written into the text itself, where an AKN editor may change
them, and read back from there.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
# The namespaces a file may be in: AKN 3.0, cobalt's lenient variant of it, and the 2.0 one
# older files use
AKN_NAMESPACES = (AKN_NS, "http://docs.oasis-open.org/legaldocml/ns/akn/3.0-lenient",
                  "http://www.akomantoso.org/2.0")
ASP_NS = "urn:asp-draft:akn:1"
ASP_PREFIX = "asp"
STORE = f"{{{ASP_NS}}}meta"  # in `proprietary`: the metadata, one entry a key
ENTRY = f"{{{ASP_NS}}}entry"
ENTRY_KEY, ENTRY_TYPE = "key", "type"
CLAUSE = f"{{{ASP_NS}}}clause"  # on a paragraph, point, container ...: the clause's id
VERSION = f"{{{ASP_NS}}}version"  # and the version of it
# Metadata the text itself carries, and where (an AKN path under the document)
TEXT_KEYS = {"symbol": "preface//docNumber", "title": "preface//docTitle",
             "chapeau": "preamble/formula"}
ASP_BODY = "Assembly of States Parties"
# AKN4UN's short names for the bodies it names in IRIs; others are made from the name
BODY_SLUGS = {"General Assembly": "ga", "Security Council": "sc",
              "Economic and Social Council": "ecosoc", "Human Rights Council": "hrc",
              ASP_BODY: "icc-asp"}


def encode(value: Any) -> tuple[str, str]:
    """(type, text) of a metadata value; JSON keeps ints, strings, lists and maps apart."""
    if isinstance(value, datetime):
        return "datetime", value.isoformat()
    if isinstance(value, date):
        return "date", value.isoformat()
    try:
        return "json", json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        return "text", str(value)


def decode(kind: str | None, text: str) -> Any:
    """A metadata value from its entry's type and text (`encode` read back); the text itself
    when it does not read as its type says."""
    try:
        if kind == "json":
            return json.loads(text)
        if kind == "date":
            return date.fromisoformat(text)
        if kind == "datetime":
            return datetime.fromisoformat(text)
    except (ValueError, RecursionError):  # a hostile file may nest JSON past the stack
        pass
    return text
