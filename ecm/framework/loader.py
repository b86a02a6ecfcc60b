"""Reading and checking a framework library file (pure Python, no Django; ADR 0005).

`framework_file_parse(path)` returns a `FrameworkDocument` or raises `FrameworkFileError` with
every problem found, each as `file:line: reason`. Lines come from the YAML node tree: the file
is composed with `yaml.compose` semantics and each error's path is walked down to its node.

Checks, in order: the file exists and is UTF-8; it is YAML with one mapping and no repeated
keys; it matches schema/framework-1.schema.json; then the semantic rules of `checks.py`.
"""

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from ecm.core.library_files import (
    BAD_PATTERN,
    MISSING_KEY,
    NOT_ONE_OF,
    SCHEMA_OTHER,
    UNKNOWN_KEY,
    WRONG_TYPE,
    LibraryFileError,
    LoadError,
    described,
    duplicate_keys,
    key_node,
    node_at,
    where_in,
    yaml_read,
)
from ecm.framework.checks import framework_problems

SCHEMA_PATH = Path(__file__).parent / "schema" / "framework-1.schema.json"

EMPTY_FILE = "the file is empty; a framework file starts with 'schema: 1'"
NOT_A_MAPPING = (
    "the file must hold one mapping of keys (schema, urn, version, title, ...), not {found}"
)
WRONG_SCHEMA = "{where} must be 1, the file schema this loader reads, not {value}"
BAD_DATE = "{where} must be a real date written YYYY-MM-DD, not {value}"
TOO_LONG = "{where} is longer than {limit} characters; shorten it"
EMPTY_TEXT = "{where} must not be empty"
TOO_FEW = "{where} must list at least {limit}"
REPEATED_ITEM = "{where} lists the same item twice; list each once"
OUT_OF_RANGE = "{where} must be from {minimum} to {maximum}, not {value}"

_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "array": "a list",
    "object": "a mapping of keys",
    "boolean": "true or false",
}
_PATTERN_WORDS = {
    "^urn:": "URN (like urn:ecm:outcome:being-healthy)",
    "^[0-9]+": "key judgement code (like 2.4)",
    "^[a-z0-9]+": "code (lower-case letters, digits, _ or -, like staying_safe)",
}


class FrameworkFileError(LibraryFileError):
    """A framework file that cannot be loaded, with every problem found in it."""


@dataclass(frozen=True)
class FrameworkDocument:
    path: str
    name: str
    sha256: str
    data: dict
    root: yaml.Node = field(repr=False)

    @property
    def urn(self) -> str:
        return self.data["urn"]

    def line_of(self, path: Iterable[str | int]) -> int:
        return node_at(self.root, path).start_mark.line + 1

    def error(self, path: Iterable[str | int], reason: str) -> LoadError:
        return LoadError(self.path, self.line_of(path), reason)


@cache
def framework_schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _schema_error(doc: FrameworkDocument, error: ValidationError) -> list[LoadError]:
    path = list(error.absolute_path)
    where, value, limit = where_in(path), error.instance, error.validator_value
    kind = error.validator
    if kind == "required":
        node = node_at(doc.root, path)
        return [
            LoadError(doc.path, node.start_mark.line + 1, MISSING_KEY.format(key=key, where=where))
            for key in limit
            if key not in value
        ]
    if kind == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        node = node_at(doc.root, path)
        return [
            LoadError(
                doc.path,
                key_node(node, key).start_mark.line + 1,
                UNKNOWN_KEY.format(key=key, where=where, allowed=", ".join(allowed)),
            )
            for key in value
            if key not in allowed
        ]
    if kind == "type":
        reason = WRONG_TYPE.format(
            where=where, expected=_TYPE_WORDS.get(limit, str(limit)), found=described(value)
        )
    elif kind == "const":
        reason = WRONG_SCHEMA.format(where=where, value=described(value))
    elif kind == "enum":
        reason = NOT_ONE_OF.format(where=where, allowed=", ".join(limit), value=described(value))
    elif kind == "pattern":
        what = next((w for p, w in _PATTERN_WORDS.items() if limit.startswith(p)), "value")
        reason = BAD_PATTERN.format(where=where, what=what, value=described(value))
    elif kind == "format":
        reason = BAD_DATE.format(where=where, value=described(value))
    elif kind == "maxLength":
        reason = TOO_LONG.format(where=where, limit=limit)
    elif kind == "minLength":
        reason = EMPTY_TEXT.format(where=where)
    elif kind == "minItems":
        reason = TOO_FEW.format(where=where, limit="one item" if limit == 1 else f"{limit} items")
    elif kind == "uniqueItems":
        reason = REPEATED_ITEM.format(where=where)
    elif kind in ("minimum", "maximum"):
        bounds = error.schema
        reason = OUT_OF_RANGE.format(
            where=where, minimum=bounds.get("minimum"), maximum=bounds.get("maximum"), value=value
        )
    else:  # a rule added to the schema later still gets reported, in jsonschema's words
        reason = SCHEMA_OTHER.format(where=where, message=error.message)
    return [doc.error(path, reason)]


def _schema_errors(doc: FrameworkDocument) -> list[LoadError]:
    validator = Draft202012Validator(
        framework_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    errors: list[LoadError] = []
    for error in validator.iter_errors(doc.data):
        errors.extend(_schema_error(doc, error))
    return errors


def framework_file_parse(path: str | os.PathLike) -> FrameworkDocument:
    """Read, parse and check one framework library file; raise FrameworkFileError if unfit.

    All problems found at a stage are reported together; a later stage runs only when the
    earlier ones found nothing, since it relies on them (ADR 0005).
    """
    read = yaml_read(path, error=FrameworkFileError, empty=EMPTY_FILE)
    display, root, data = read.path, read.root, read.data
    if not isinstance(data, dict):
        found = "a list" if isinstance(data, list) else described(data)
        raise FrameworkFileError([LoadError(display, 1, NOT_A_MAPPING.format(found=found))])
    doc = FrameworkDocument(display, read.name, read.sha256, data, root)
    errors = duplicate_keys(display, root) or _schema_errors(doc)
    if not errors:
        errors = [doc.error(p, reason) for p, reason in framework_problems(data, doc.line_of)]
    if errors:
        raise FrameworkFileError(errors)
    return doc
