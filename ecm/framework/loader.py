"""Reading and checking a framework library file (pure Python, no Django; ADR 0005).

`framework_file_parse(path)` returns a `FrameworkDocument` or raises `FrameworkFileError` with
every problem found, each as `file:line: reason`. Lines come from the YAML node tree: the file
is composed with `yaml.compose` semantics and each error's path is walked down to its node.

Checks, in order: the file exists and is UTF-8; it is YAML with one mapping and no repeated
keys; it matches schema/framework-1.schema.json; then the semantic rules of `checks.py`.
"""

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from ecm.framework.checks import framework_problems

SCHEMA_PATH = Path(__file__).parent / "schema" / "framework-1.schema.json"

FILE_NOT_FOUND = "there is no file here; check the path and the file name"
NOT_A_FILE = "this is a folder, not a file; give the path of one framework .yaml file"
NOT_UTF8 = "the file is not UTF-8 text (byte {byte} cannot be read); save it as UTF-8"
EMPTY_FILE = "the file is empty; a framework file starts with 'schema: 1'"
YAML_SYNTAX = "this is not valid YAML: {problem}"
NOT_A_MAPPING = (
    "the file must hold one mapping of keys (schema, urn, version, title, ...), not {found}"
)
DUPLICATE_KEY = 'the key "{key}" appears twice in the same mapping (first at line {first_line})'
MISSING_KEY = 'the required key "{key}" is missing from {where}; add it'
UNKNOWN_KEY = 'the key "{key}" is not allowed in {where}; the keys allowed there are: {allowed}'
WRONG_TYPE = "{where} must be {expected}, not {found}"
WRONG_SCHEMA = "{where} must be 1, the file schema this loader reads, not {value}"
NOT_ONE_OF = "{where} must be one of: {allowed}; not {value}"
BAD_PATTERN = "{where} is not a well-formed {what}: {value}"
BAD_DATE = "{where} must be a real date written YYYY-MM-DD, not {value}"
TOO_LONG = "{where} is longer than {limit} characters; shorten it"
EMPTY_TEXT = "{where} must not be empty"
TOO_FEW = "{where} must list at least {limit}"
REPEATED_ITEM = "{where} lists the same item twice; list each once"
OUT_OF_RANGE = "{where} must be from {minimum} to {maximum}, not {value}"
SCHEMA_OTHER = "{where}: {message}"

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


@dataclass(frozen=True)
class LoadError:
    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


class FrameworkFileError(Exception):
    """A framework file that cannot be loaded, with every problem found in it."""

    def __init__(self, errors: list[LoadError]):
        self.errors = sorted(errors, key=lambda e: (e.line, e.reason))
        super().__init__("\n".join(str(e) for e in self.errors))


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
        return _node_at(self.root, path).start_mark.line + 1

    def error(self, path: Iterable[str | int], reason: str) -> LoadError:
        return LoadError(self.path, self.line_of(path), reason)


class _StrictLoader(yaml.SafeLoader):
    """Safe YAML with dates left as text, so the schema sees exactly what was written."""


_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@cache
def framework_schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _node_at(root: yaml.Node, path: Iterable[str | int]) -> yaml.Node:
    """The deepest node along path (stopping where the path leaves the tree)."""
    node = root
    for step in path:
        if isinstance(node, yaml.MappingNode):
            found = next((v for k, v in node.value if k.value == str(step)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
            found = node.value[step] if 0 <= step < len(node.value) else None
        else:
            found = None
        if found is None:
            break
        node = found
    return node


def _key_node(mapping: yaml.Node, key: str) -> yaml.Node:
    if isinstance(mapping, yaml.MappingNode):
        for k, _ in mapping.value:
            if k.value == key:
                return k
    return mapping


def _where(path: Iterable[str | int]) -> str:
    """A readable place: 'outcomes item 3, key_judgements item 1, code' (items count from 1)."""
    parts: list[str] = []
    for step in path:
        if isinstance(step, int) and parts:
            parts[-1] += f" item {step + 1}"
        else:
            parts.append(str(step))
    return ", ".join(parts) or "the top level"


def _found(value) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true or false)"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, list):
        return "a list"
    return "a mapping of keys"


def _duplicate_keys(path: str, root: yaml.Node) -> list[LoadError]:
    errors, stack, seen_nodes = [], [root], set()
    while stack:
        node = stack.pop()
        if id(node) in seen_nodes:
            continue
        seen_nodes.add(id(node))
        if isinstance(node, yaml.MappingNode):
            first: dict[str, int] = {}
            for key, value in node.value:
                line = key.start_mark.line + 1
                if isinstance(key, yaml.ScalarNode) and key.value in first:
                    reason = DUPLICATE_KEY.format(key=key.value, first_line=first[key.value])
                    errors.append(LoadError(path, line, reason))
                elif isinstance(key, yaml.ScalarNode):
                    first[key.value] = line
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return errors


def _schema_error(doc: FrameworkDocument, error: ValidationError) -> list[LoadError]:
    path = list(error.absolute_path)
    where, value, limit = _where(path), error.instance, error.validator_value
    kind = error.validator
    if kind == "required":
        node = _node_at(doc.root, path)
        return [
            LoadError(doc.path, node.start_mark.line + 1, MISSING_KEY.format(key=key, where=where))
            for key in limit
            if key not in value
        ]
    if kind == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        node = _node_at(doc.root, path)
        return [
            LoadError(
                doc.path,
                _key_node(node, key).start_mark.line + 1,
                UNKNOWN_KEY.format(key=key, where=where, allowed=", ".join(allowed)),
            )
            for key in value
            if key not in allowed
        ]
    if kind == "type":
        reason = WRONG_TYPE.format(
            where=where, expected=_TYPE_WORDS.get(limit, str(limit)), found=_found(value)
        )
    elif kind == "const":
        reason = WRONG_SCHEMA.format(where=where, value=_found(value))
    elif kind == "enum":
        reason = NOT_ONE_OF.format(where=where, allowed=", ".join(limit), value=_found(value))
    elif kind == "pattern":
        what = next((w for p, w in _PATTERN_WORDS.items() if limit.startswith(p)), "value")
        reason = BAD_PATTERN.format(where=where, what=what, value=_found(value))
    elif kind == "format":
        reason = BAD_DATE.format(where=where, value=_found(value))
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


def _read_text(display: str, path: Path) -> tuple[str, str]:
    if not path.exists():
        raise FrameworkFileError([LoadError(display, 1, FILE_NOT_FOUND)])
    if not path.is_file():
        raise FrameworkFileError([LoadError(display, 1, NOT_A_FILE)])
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        reason = NOT_UTF8.format(byte=f"0x{raw[exc.start]:02x}")
        raise FrameworkFileError([LoadError(display, line, reason)]) from exc
    return text.removeprefix("\ufeff"), hashlib.sha256(raw).hexdigest()


def _compose(display: str, text: str) -> tuple[yaml.Node, object]:
    loader = _StrictLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            raise FrameworkFileError([LoadError(display, 1, EMPTY_FILE)])
        return root, loader.construct_document(root)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = ": ".join(filter(None, [exc.context, exc.problem]))
        reason = YAML_SYNTAX.format(problem=problem or "unreadable")
        raise FrameworkFileError([LoadError(display, line, reason)]) from exc
    except yaml.YAMLError as exc:  # e.g. a control character the reader refuses
        reason = YAML_SYNTAX.format(problem=str(exc).splitlines()[0])
        raise FrameworkFileError([LoadError(display, 1, reason)]) from exc
    finally:
        loader.dispose()


def framework_file_parse(path: str | os.PathLike) -> FrameworkDocument:
    """Read, parse and check one framework library file; raise FrameworkFileError if unfit.

    All problems found at a stage are reported together; a later stage runs only when the
    earlier ones found nothing, since it relies on them (ADR 0005).
    """
    display, file_path = str(path), Path(path)
    text, sha256 = _read_text(display, file_path)
    root, data = _compose(display, text)
    if not isinstance(data, dict):
        found = "a list" if isinstance(data, list) else _found(data)
        raise FrameworkFileError([LoadError(display, 1, NOT_A_MAPPING.format(found=found))])
    doc = FrameworkDocument(display, file_path.name, sha256, data, root)
    errors = _duplicate_keys(display, root) or _schema_errors(doc)
    if not errors:
        errors = [doc.error(p, reason) for p, reason in framework_problems(data, doc.line_of)]
    if errors:
        raise FrameworkFileError(errors)
    return doc
