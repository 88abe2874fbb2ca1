"""Reading YAML record files into plain data while remembering where every key and value is.

The loader is deliberately stricter than YAML: one document per file, a mapping at the top,
no anchors, aliases, tags, duplicate keys or complex keys, UTF-8 only, and a size limit.
Plain scalars follow the YAML 1.2 core schema (``true``/``false``, numbers, ``null``), so
``country: NO`` stays the string ``"NO"`` and ``start: 2007-02-06`` stays a string that the
models parse.  Parsing uses libyaml (PyYAML's C parser) and builds the data from its event
stream with an explicit stack, so deeply nested input cannot exhaust Python's recursion.
"""

from __future__ import annotations

import contextlib
import re
from typing import Any, NamedTuple

import yaml
from yaml.resolver import BaseResolver

from generator.problems import Problem

MAX_FILE_BYTES = 256 * 1024

Loc = tuple[str | int, ...]

try:  # pragma: no branch - libyaml is present wherever PyYAML ships wheels
    from yaml._yaml import CParser as _CParser

    _Parser: type = yaml.CSafeLoader
except ImportError:  # pragma: no cover - pure-Python fallback, same behaviour, slower
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _CParser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)

        def dispose(self) -> None:
            pass

    _Parser = yaml.SafeLoader


class Position(NamedTuple):
    """A 1-based line and column in a source file."""

    line: int
    col: int


class YamlDocument:
    """Plain data from one file, and where every key and value is written.

    Positions are only needed when something is wrong, so for speed they are computed
    on first use, by parsing the text again with the position-tracking builder.
    """

    def __init__(
        self,
        data: dict[str, Any],
        text: str,
        positions: tuple[dict[Loc, Position], dict[Loc, Position]] | None = None,
    ) -> None:
        self.data = data
        self.text = text
        self._positions = positions

    def _maps(self) -> tuple[dict[Loc, Position], dict[Loc, Position]]:
        if self._positions is None:
            builder = _Builder("")
            with contextlib.suppress(yaml.YAMLError):  # the text parsed before
                builder.feed(_Parser(self.text))
            self._positions = (builder.value_positions, builder.key_positions)
        return self._positions

    def position(self, loc: Loc, *, key: bool = False) -> Position:
        """Where *loc* is written; falls back to the closest enclosing value that exists.

        With ``key=True`` the position of the key itself is preferred (``titel:`` rather than
        its value), which is where an "unknown field" error belongs.
        """
        value_positions, key_positions = self._maps()
        loc = tuple(loc)
        if key and loc in key_positions:
            return key_positions[loc]
        while loc:
            if loc in value_positions:
                return value_positions[loc]
            if loc in key_positions:
                return key_positions[loc]
            loc = loc[:-1]
        return value_positions.get((), Position(1, 1))


_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_MAX_INT_DIGITS = 1000
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})


def resolve_plain_scalar(text: str) -> Any:
    """Type of an unquoted scalar under the YAML 1.2 core schema (no dates, no yes/no)."""
    if text in _NULLS:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.match(text):
        # Python refuses to convert integers of more than 4,300 digits; no field takes such
        # a number, so it stays text and validation reports it as the wrong type.
        return int(text) if len(text) <= _MAX_INT_DIGITS else text
    if _FLOAT.match(text):
        return float(text)
    return text


_SYNTAX_HINTS = (
    (
        "cannot start any token",
        "YAML does not allow tab characters for indentation or before values; use spaces",
    ),
    (
        "tab character",
        "YAML does not allow tab characters for indentation; use spaces",
    ),
    (
        "mapping values are not allowed",
        'a value that contains ": " must be quoted, e.g. title: "Export controls: a primer"',
    ),
    (
        "could not find expected ':'",
        'each line needs the form "key: value"; check the indentation and quotes above this line',
    ),
    (
        "found unexpected end of stream",
        "a quote or bracket opened above is never closed",
    ),
    (
        "did not find expected key",
        "check the indentation: keys of one mapping must start in the same column",
    ),
    (
        "did not find expected '-' indicator",
        'list items must all start with "- " in the same column',
    ),
    (
        "control characters are not allowed",
        "remove invisible control characters (they often come from copy-and-paste)",
    ),
    (
        "found undefined tag handle",
        "YAML tags are not allowed in records; write plain values",
    ),
)


def _syntax_problem(error: yaml.MarkedYAMLError | yaml.YAMLError, path: str) -> Problem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    context = getattr(error, "context", None)
    message = f"YAML syntax error: {problem}"
    if context:
        message += f" ({context})"
    for needle, hint in _SYNTAX_HINTS:
        if needle in message:
            message += f"; hint: {hint}"
            break
    return Problem(path, line, col, message, title="YAML syntax error")


def _decode(raw: bytes, path: str) -> tuple[str | None, list[Problem]]:
    if len(raw) > MAX_FILE_BYTES:
        return None, [
            Problem(
                path,
                1,
                1,
                f"file is too large: {len(raw):,} bytes, the limit is {MAX_FILE_BYTES:,} bytes "
                "(256 KiB); hint: long texts belong in a linked document, not in the record",
                title="File too large",
            )
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        col = error.start - (before.rfind(b"\n") + 1) + 1
        bad = raw[error.start : error.start + 1].hex()
        return None, [
            Problem(
                path,
                line,
                col,
                f"file is not valid UTF-8: found byte 0x{bad}; hint: save the file with "
                "UTF-8 encoding (in most editors: Save with Encoding → UTF-8)",
                title="Not UTF-8",
            )
        ]
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, []


class _Frame:
    """An open mapping or list while the event stream is being consumed."""

    __slots__ = ("container", "is_map", "key", "loc", "skip_value")

    def __init__(self, container: dict[str, Any] | list[Any], loc: Loc) -> None:
        self.container = container
        self.is_map = isinstance(container, dict)
        self.loc = loc
        self.key: str | None = None
        self.skip_value = False


_DROPPED: Loc = ("\0dropped",)
_SCALAR = yaml.ScalarEvent
_MAPPING_START = yaml.MappingStartEvent
_SEQUENCE_START = yaml.SequenceStartEvent
_COLLECTION_END = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_ALIAS = yaml.AliasEvent
_DOCUMENT_START = yaml.DocumentStartEvent


class _Builder:
    """Turns a libyaml event stream into plain data and position maps."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.value_positions: dict[Loc, Position] = {}
        self.key_positions: dict[Loc, Position] = {}
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.root_seen = False
        self.documents = 0
        self.stopped = False

    def problem(self, pos: Position, message: str, title: str) -> None:
        self.problems.append(Problem(self.path, pos.line, pos.col, message, title=title))

    def place(self, value: Any, pos: Position, scalar_text: str | None) -> Loc | None:
        """Attach *value* to the current container; returns its location or None if dropped."""
        stack = self.stack
        if not stack:
            self.root, self.root_seen = value, True
            self.value_positions[()] = pos
            return ()
        frame = stack[-1]
        if not frame.is_map:
            container: list[Any] = frame.container  # type: ignore[assignment]
            loc = (*frame.loc, len(container))
            container.append(value)
            self.value_positions[loc] = pos
            return loc
        key = frame.key
        if key is None:  # this node is a mapping key
            if scalar_text is None:
                self.problem(
                    pos,
                    "keys must be plain words such as title: or start:, found a list or mapping "
                    "used as a key",
                    "Invalid key",
                )
                self.stopped = True
                return None
            key_loc = (*frame.loc, scalar_text)
            if scalar_text in frame.container:
                first = self.key_positions[key_loc]
                self.problem(
                    pos,
                    f'duplicate key "{scalar_text}": it is already set on line {first.line}; '
                    "hint: keep one of the two lines",
                    "Duplicate key",
                )
                frame.skip_value = True
            else:
                self.key_positions[key_loc] = pos
            frame.key = scalar_text
            return None
        frame.key = None
        if frame.skip_value:
            frame.skip_value = False
            return None
        loc = (*frame.loc, key)
        frame.container[key] = value  # type: ignore[call-overload]
        self.value_positions[loc] = pos
        return loc

    def drop_value(self) -> None:
        """Skip a node that cannot be used (an alias): its key, if any, is forgotten too."""
        if self.stack and self.stack[-1].is_map:
            frame = self.stack[-1]
            if frame.key is None:
                self.stopped = True  # an alias used as a key: nothing sensible follows
            else:
                frame.key = None
                frame.skip_value = False

    def check_node_properties(self, event: Any, pos: Position) -> None:
        """Report anchors (``&a``) and non-default tags (``!!python/…``) on a node."""
        if event.anchor is not None:
            self.problem(
                pos,
                f'YAML anchors are not allowed (found "&{event.anchor}"); hint: write the value '
                "out in full where it is needed",
                "Anchor not allowed",
            )
        if event.tag is not None:
            self.problem(
                pos,
                f'YAML tags are not allowed (found "{event.tag}"); hint: write a plain value',
                "Tag not allowed",
            )

    def feed(self, loader: Any) -> None:
        """Consume the events of a whole stream (stops early on structural problems)."""
        get_event = loader.get_event
        place = self.place
        stack = self.stack
        while not self.stopped:
            event = get_event()
            if event is None:
                return
            kind = type(event)
            mark = event.start_mark
            pos = Position(mark.line + 1, mark.column + 1)
            if kind is _SCALAR:
                if event.anchor is not None or event.tag is not None:
                    self.check_node_properties(event, pos)
                text = event.value
                if event.implicit[0] and event.tag is None:
                    place(resolve_plain_scalar(text), pos, text)
                else:
                    place(text, pos, text)
            elif kind in _COLLECTION_END:
                stack.pop()
            elif kind is _MAPPING_START or kind is _SEQUENCE_START:
                if event.anchor is not None or event.tag is not None:
                    self.check_node_properties(event, pos)
                container: dict[str, Any] | list[Any] = {} if kind is _MAPPING_START else []
                loc = place(container, pos, None)
                stack.append(_Frame(container, _DROPPED if loc is None else loc))
            elif kind is _ALIAS:
                self.problem(
                    pos,
                    f'YAML aliases are not allowed (found "*{event.anchor}"); hint: write the '
                    "value out in full where it is needed",
                    "Alias not allowed",
                )
                self.drop_value()
            elif kind is _DOCUMENT_START:
                self.documents += 1
                if self.documents > 1:
                    self.problem(
                        pos,
                        "a record file must hold exactly one record, found a second document "
                        '("---"); hint: put each record in its own file',
                        "More than one document",
                    )
                    self.stopped = True
            elif kind is yaml.StreamEndEvent:
                return


# Tags the fast composer gives nodes written without a tag.  They are not YAML's own tags,
# so an explicit ``!!str`` or ``!!map`` in the text stays distinguishable and sends the file
# to the exact parser, which reports it.
_STR_TAG = "\0plain:" + BaseResolver.DEFAULT_SCALAR_TAG
_MAP_TAG = "\0plain:" + BaseResolver.DEFAULT_MAPPING_TAG
_SEQ_TAG = "\0plain:" + BaseResolver.DEFAULT_SEQUENCE_TAG
_NON_SPECIFIC_TAG = "\0non-specific:!"
_DEFAULT_TAGS = {yaml.ScalarNode: _STR_TAG, yaml.MappingNode: _MAP_TAG, yaml.SequenceNode: _SEQ_TAG}


class _NodeLoader(_CParser, BaseResolver):
    """libyaml's composer with no implicit typing: every scalar keeps its text."""

    def __init__(self, stream: str) -> None:
        _CParser.__init__(self, stream)
        BaseResolver.__init__(self)

    # The composer calls these for every node; the defaults walk resolver tables we do
    # not use.  Nodes without an explicit tag get the plain default tag of their kind.
    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        # A node with the non-specific tag "!" has no implicit resolution (implicit is
        # False, or (False, False) for scalars): it is a tag like any other here, so the
        # file goes to the exact parser, which reports it.
        if implicit is False or implicit == (False, False):
            return _NON_SPECIFIC_TAG
        return _DEFAULT_TAGS[kind]

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


_POSSIBLE_TAG = re.compile(r"(?:^|[\s\[{,])!")
"""A "!" where a YAML tag can start.  libyaml gives a scalar tagged with the non-specific
"!" the same implicit flags as a plain one, so the fast path cannot tell them apart: such
files go to the exact parser ("Welcome!" in a title does not)."""


def _fast_load(text: str) -> dict[str, Any] | None:
    """Data of a well-formed record, composed in C; None when anything is unusual.

    "Unusual" is everything the strict rules reject (anchors and aliases — impossible
    without "&" —, tags (explicit ones are told apart by the composer's tags, the
    non-specific "!" by :data:`_POSSIBLE_TAG`), duplicate or complex keys, several
    documents, syntax errors, a top level that is not a mapping): the caller then runs the
    exact, position-tracking parser, which reports those problems.
    """
    if "&" in text or ("!" in text and _POSSIBLE_TAG.search(text)):
        return None
    loader = _NodeLoader(text)
    try:
        root = loader.get_single_node()
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    if type(root) is not yaml.MappingNode or root.tag != _MAP_TAG:
        return None
    data: dict[str, Any] = {}
    stack: list[tuple[Any, Any]] = [(root, data)]
    scalar, mapping = yaml.ScalarNode, yaml.MappingNode
    while stack:
        node, out = stack.pop()
        if type(out) is dict:
            children = []
            for key_node, value_node in node.value:
                if type(key_node) is not scalar or key_node.tag != _STR_TAG:
                    return None
                key = key_node.value
                if key in out:
                    return None
                out[key] = None
                children.append((key, value_node))
        else:
            children = list(enumerate(node.value))
            out.extend([None] * len(children))
        for slot, child in children:
            kind = type(child)
            if kind is scalar:
                if child.tag != _STR_TAG:
                    return None
                out[slot] = resolve_plain_scalar(child.value) if not child.style else child.value
            elif kind is mapping:
                if child.tag != _MAP_TAG:
                    return None
                out[slot] = {}
                stack.append((child, out[slot]))
            else:
                if child.tag != _SEQ_TAG:
                    return None
                out[slot] = []
                stack.append((child, out[slot]))
    return data


def load_yaml(raw: bytes, path: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse one record file; returns the document (or None) and every problem found.

    *path* is the path shown in messages.  Never raises for bad input.
    """
    text, problems = _decode(raw, path)
    if text is None:
        return None, problems
    data = _fast_load(text)
    if data is not None:
        return YamlDocument(data, text), []
    builder = _Builder(path)
    try:
        builder.feed(_Parser(text))
    except yaml.YAMLError as error:
        return None, [*builder.problems, _syntax_problem(error, path)]
    problems = builder.problems
    if builder.documents == 0 or not builder.root_seen or builder.root is None:
        problems.append(
            Problem(
                path,
                1,
                1,
                "file is empty: expected fields such as title: and kind:; hint: copy an "
                "existing record or run `clearinghouse new`",
                title="Empty file",
            )
        )
        return None, problems
    if not isinstance(builder.root, dict):
        found = "a list" if isinstance(builder.root, list) else "a single value"
        pos = builder.value_positions[()]
        problems.append(
            Problem(
                path,
                pos.line,
                pos.col,
                f"expected a mapping of fields (lines like title: ...) at the top of the file, "
                f"found {found}",
                title="Not a mapping",
            )
        )
        return None, problems
    positions = (builder.value_positions, builder.key_positions)
    return YamlDocument(builder.root, text, positions), problems
