"""Reading the library's YAML files, one way (ADR 0005; issue 19 §3).

Every versioned data file (the framework, the self-assessment and letter templates, CAA's and
the JAR's rule files, the indicator mappings) is read here: UTF-8 text (a BOM allowed), safe
YAML with dates left as text so that a checker sees exactly what was written, a key written
twice in one mapping refused, and every problem reported as `file:line: reason`. The checkers
above turn a document's content into their own typed objects, with the same wording for the
same kind of problem (the shared sentences below).
"""

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

import yaml

FILE_NOT_FOUND = "there is no file here; check the path and the file name"
NOT_A_FILE = "this is a folder, not a file; give the path of one .yaml file"
NOT_UTF8 = "the file is not UTF-8 text (byte {byte} cannot be read); save it as UTF-8"
EMPTY_FILE = "the file is empty"
YAML_SYNTAX = "this is not valid YAML: {problem}"
DUPLICATE_KEY = 'the key "{key}" appears twice in the same mapping (first at line {first_line})'
# A checker's sentences, shared so that the same problem reads the same in every file.
MISSING_KEY = 'the required key "{key}" is missing from {where}; add it'
UNKNOWN_KEY = 'the key "{key}" is not allowed in {where}; the keys allowed there are: {allowed}'
WRONG_TYPE = "{where} must be {expected}, not {found}"
NOT_ONE_OF = "{where} must be one of: {allowed}; not {value}"
BAD_PATTERN = "{where} is not a well-formed {what}: {value}"
SCHEMA_OTHER = "{where}: {message}"


@dataclass(frozen=True)
class LoadError:
    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


class LibraryFileError(Exception):
    """A library file that cannot be read, with every problem found in it (sorted by line).
    Each kind of file has its own subclass, so callers catch exactly theirs."""

    def __init__(self, errors: list[LoadError]):
        self.errors = sorted(errors, key=lambda e: (e.line, e.reason))
        super().__init__("\n".join(str(e) for e in self.errors))


# libyaml's parser where it is built in (PyYAML's wheels have it): ten times faster than the
# pure-Python one, which took 0.4 s of every LAIT import to read its mapping (issue 25 §1).
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class StrictLoader(_SAFE_LOADER):
    """Safe YAML with dates left as text, so the checker sees exactly what was written."""


StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class YamlFile:
    """One file as read: where it is, its content, its syntax tree (for lines) and its hash."""

    path: str
    name: str
    sha256: str
    data: object
    root: yaml.Node = field(repr=False)

    def line_of(self, path: Iterable[str | int]) -> int:
        return node_at(self.root, path).start_mark.line + 1


def yaml_read(
    path: str | os.PathLike,
    *,
    error: type[LibraryFileError] = LibraryFileError,
    empty: str = EMPTY_FILE,
) -> YamlFile:
    """Read one YAML file, or raise `error` with the problem and its line."""
    display, file_path = str(path), Path(path)

    def fail(line: int, reason: str, cause: Exception | None = None) -> NoReturn:
        raise error([LoadError(display, line, reason)]) from cause

    if not file_path.exists():
        fail(1, FILE_NOT_FOUND)
    if not file_path.is_file():
        fail(1, NOT_A_FILE)
    raw = file_path.read_bytes()
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line, byte = raw.count(b"\n", 0, exc.start) + 1, f"0x{raw[exc.start]:02x}"
        fail(line, NOT_UTF8.format(byte=byte), exc)
    root, data = yaml_parse(text, display=display, error=error, empty=empty)
    return YamlFile(display, file_path.name, hashlib.sha256(raw).hexdigest(), data, root)


def yaml_parse(
    text: str,
    *,
    display: str,
    error: type[LibraryFileError] = LibraryFileError,
    empty: str = EMPTY_FILE,
) -> tuple[yaml.Node, object]:
    """The syntax tree and content of YAML text, or `error` with the problem and its line."""

    def fail(line: int, reason: str, cause: Exception | None = None) -> NoReturn:
        raise error([LoadError(display, line, reason)]) from cause

    loader = StrictLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            fail(1, empty)
        return root, loader.construct_document(root)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = ": ".join(filter(None, [exc.context, exc.problem])) or "unreadable"
        fail(mark.line + 1 if mark else 1, YAML_SYNTAX.format(problem=problem), exc)
    except yaml.YAMLError as exc:  # e.g. a control character the reader refuses
        fail(1, YAML_SYNTAX.format(problem=str(exc).splitlines()[0]), exc)
    finally:
        loader.dispose()


def library_data(
    path: str | os.PathLike, *, error: type[LibraryFileError] = LibraryFileError
) -> object:
    """The content of a library file that has no schema of its own: read as `yaml_read` reads
    it, a key written twice refused. Dates stay text (`date.fromisoformat` them)."""
    document = yaml_read(path, error=error)
    problems = duplicate_keys(document.path, document.root)
    if problems:
        raise error(problems)
    return document.data


def node_at(root: yaml.Node, path: Iterable[str | int]) -> yaml.Node:
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


def key_node(mapping: yaml.Node, key: str) -> yaml.Node:
    """The node of `key` itself in a mapping (its line is the key's), or the mapping."""
    if isinstance(mapping, yaml.MappingNode):
        for k, _ in mapping.value:
            if k.value == key:
                return k
    return mapping


def where_in(path: Iterable[str | int]) -> str:
    """A readable place: 'outcomes item 3, key_judgements item 1, code' (items count from 1)."""
    parts: list[str] = []
    for step in path:
        if isinstance(step, int) and parts:
            parts[-1] += f" item {step + 1}"
        else:
            parts.append(str(step))
    return ", ".join(parts) or "the top level"


def described(value) -> str:
    """What a value is, in words, for a sentence saying what was found instead."""
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


def duplicate_keys(path: str, root: yaml.Node) -> list[LoadError]:
    """Every key written twice in one mapping, at the line of its second writing."""
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
