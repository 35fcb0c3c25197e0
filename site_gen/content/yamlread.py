"""A strict YAML reader for front matter and data files.

PyYAML's ``safe_load`` follows YAML 1.1: ``12:30`` becomes 750, ``no`` becomes False
and dates lose their line. This reader keeps only the plain YAML 1.2 core scalars
(``true``/``false``, decimal numbers, ``null``); everything else stays text, and the
validators parse dates and times themselves. Anchors, aliases and tags are refused,
which also ends alias bombs. Values come back as plain Python with a table of
positions, so every later message can name the line.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml._yaml import CParser

Path_ = tuple[str | int, ...]
MAX_DEPTH = 12

_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}


class YamlProblem(Exception):
    """A problem with a 0-based line and column inside the YAML text."""

    def __init__(self, message: str, line: int, col: int, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col
        self.hint = hint


class _Lines:
    """0-based (line, column) of a mark, counting only LF as a line end.

    PyYAML also ends lines at U+0085, U+2028 and U+2029, which editors show inside a
    line; positions from the mark's character index keep our lines the editor's lines.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def __call__(self, mark: Any) -> tuple[int, int]:
        index = getattr(mark, "index", None)
        if not isinstance(index, int):
            return (getattr(mark, "line", 0), getattr(mark, "column", 0))
        line = bisect.bisect_right(self.starts, index) - 1
        return line, index - self.starts[line]


_PLAIN_END = "\0 \t\r\n\x85\u2028\u2029"


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 core scalars only, and no anchors or aliases."""

    yaml_implicit_resolvers: dict[Any, Any] = {}
    where: _Lines

    def scan_plain(self) -> Any:
        """PyYAML's plain scalar, except that a '?' inside one in a flow collection is text
        (``tags: [неге?]``), as YAML 1.2 and libyaml (the quick path) read it; PyYAML alone
        ends the word there and then fails on the '?'. The rest is PyYAML's code."""
        chunks: list[str] = []
        start_mark = self.get_mark()
        end_mark = start_mark
        indent = self.indent + 1
        spaces: list[Any] | None = []
        flow = self.flow_level
        while True:
            length = 0
            if self.peek() == "#":
                break
            while True:
                ch = self.peek(length)
                if ch in _PLAIN_END or (ch == ":" and self.peek(length + 1) in (
                        _PLAIN_END + (",[]{}" if flow else ""))) or (flow and ch in ",[]{}"):
                    break
                length += 1
            if length == 0:
                break
            self.allow_simple_key = False
            chunks.extend(spaces or ())
            chunks.append(self.prefix(length))
            self.forward(length)
            end_mark = self.get_mark()
            spaces = self.scan_plain_spaces(indent, start_mark)
            if not spaces or self.peek() == "#" or (
                    not flow and self.column < indent):
                break
        return yaml.tokens.ScalarToken("".join(chunks), True, start_mark, end_mark)

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()  # type: ignore[no-untyped-call]  # PyYAML stubs lack it
        if isinstance(event, yaml.AliasEvent) and event.start_mark is not None:
            mark = event.start_mark
            raise YamlProblem(
                f"YAML alias '*{event.anchor}' is not allowed",
                *self.where(mark),
                "write the value out in full",
            )
        anchor = getattr(event, "anchor", None)
        if anchor is not None and event.start_mark is not None:
            mark = event.start_mark
            raise YamlProblem(
                f"YAML anchor '&{anchor}' is not allowed",
                *self.where(mark),
                "write the value out in full",
            )
        return super().compose_node(parent, index)


class _FastLoader(CParser, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
    """libyaml's parser with the strict resolvers, for the plain case (see :func:`_fast_ok`)."""

    def __init__(self, text: str) -> None:
        CParser.__init__(self, text)
        yaml.constructor.SafeConstructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)


# libyaml composes recursively in C: a document nested some 30,000 levels deep crashes the
# process instead of raising, so only short texts go to it (depth is at most half the
# length). Anchors, aliases and tags (& * !) and unusual characters take the careful path,
# which names them; so does anything libyaml rejects, for the same message either way.
_FAST_LIMIT = 4096
_NOT_FAST = re.compile("[&*!\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]")


def _fast_ok(text: str) -> bool:
    return len(text) <= _FAST_LIMIT and _NOT_FAST.search(text) is None


def _add(tag: str, pattern: str, first: str) -> None:
    _StrictLoader.add_implicit_resolver(tag, re.compile(pattern), list(first))


_add("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF")
_add("tag:yaml.org,2002:int", r"^[-+]?(?:0|[1-9][0-9]*)$", "-+0123456789")
_add("tag:yaml.org,2002:float", r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$",
     "-+0123456789.")
_add("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""])  # type: ignore[arg-type]
_FastLoader.yaml_implicit_resolvers = _StrictLoader.yaml_implicit_resolvers


@dataclass
class Located:
    """A YAML document as plain values plus the position of each value and key."""

    value: Any
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)  # value positions
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)  # key positions

    def at(self, path: Path_) -> tuple[int, int]:
        """0-based (line, col) of the value at ``path``, or of its nearest parent."""
        while path:
            if path in self.marks:
                return self.marks[path]
            path = path[:-1]
        return self.marks.get((), (0, 0))

    def key_at(self, path: Path_) -> tuple[int, int]:
        return self.key_marks.get(path) or self.at(path)


_SCALARS: dict[str, Callable[[str], Any]] = {
    "tag:yaml.org,2002:bool": lambda s: s.lower() == "true",
    "tag:yaml.org,2002:int": int,
    "tag:yaml.org,2002:float": float,
    "tag:yaml.org,2002:null": lambda s: None,
    "tag:yaml.org,2002:str": str,
}


def _convert(node: yaml.Node, path: Path_, out: Located, depth: int, where: _Lines) -> Any:
    mark = node.start_mark
    at = where(mark)
    out.marks[path] = at
    if node.tag not in _STANDARD_TAGS:
        raise YamlProblem(
            f"YAML tag '{node.tag.replace('tag:yaml.org,2002:', '!!')}' is not allowed",
            *at,
            "remove the tag and write a plain value",
        )
    if depth > MAX_DEPTH:
        raise YamlProblem(
            f"values are nested more than {MAX_DEPTH} levels deep",
            *at,
            "flatten the structure",
        )
    if isinstance(node, yaml.ScalarNode):
        convert = _SCALARS.get(node.tag)
        if convert is None:  # e.g. "!!seq word": a collection tag on a plain value
            raise YamlProblem(
                f"YAML tag '{node.tag.replace('tag:yaml.org,2002:', '!!')}' does not fit "
                "a plain value",
                *at,
                "remove the tag and write a plain value",
            )
        try:
            return convert(node.value)
        except ValueError:  # "!!int abc", or a number too long to convert
            if node.style is None and node.value.lstrip("+-").isdigit():
                raise YamlProblem(
                    f"the number has {len(node.value)} digits; that is too long",
                    *at, "write a shorter number, or put it in quotes",
                ) from None
            raise YamlProblem(
                f"'{_short(node.value)}' is not a valid "
                f"{node.tag.replace('tag:yaml.org,2002:', '')}",
                *at,
                "remove the tag and write a plain value",
            ) from None
    if isinstance(node, yaml.SequenceNode):
        return [_convert(child, (*path, i), out, depth + 1, where)
                for i, child in enumerate(node.value)]
    assert isinstance(node, yaml.MappingNode)
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        kmark = where(key_node.start_mark)
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
            raise YamlProblem(
                "a key must be a plain word",
                *kmark,
                "write keys such as 'title:'",
            )
        key = key_node.value
        if key in result:
            raise YamlProblem(
                f"key '{key}' is written twice",
                *kmark,
                "keep one of them",
            )
        out.key_marks[(*path, key)] = kmark
        result[key] = _convert(value_node, (*path, key), out, depth + 1, where)
    return result


def read_yaml(text: str) -> Located:
    """Parse one YAML document strictly. Raises :class:`YamlProblem` with a 0-based position."""
    where = _Lines(text)
    if _fast_ok(text):
        quick = _read_fast(text, where)
        if quick is not None:
            return quick
    try:
        loader = _StrictLoader(text)
        loader.where = where
    except yaml.reader.ReaderError as exc:  # a control character YAML does not accept
        raise _reader_problem(text, exc) from None
    try:
        node = loader.get_single_node()
    except YamlProblem:
        raise
    except yaml.MarkedYAMLError as exc:
        raise _marked_problem(exc, where) from None
    except yaml.reader.ReaderError as exc:
        raise _reader_problem(text, exc) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"invalid YAML: {exc}", 0, 0) from None
    except RecursionError:
        raise YamlProblem(
            "values are nested too deeply", 0, 0, "flatten the structure"
        ) from None
    finally:
        loader.dispose()
    out = Located(None)
    if node is None:
        return out
    out.value = _convert(node, (), out, 0, where)
    return out


def _read_fast(text: str, where: _Lines) -> Located | None:
    """Read with libyaml; None when libyaml finds a mistake (the careful path names it)."""
    fast = _FastLoader(text)
    try:
        node = fast.get_single_node()
    except yaml.YAMLError:
        return None
    finally:
        fast.dispose()
    out = Located(None)
    if node is not None:
        out.value = _convert(node, (), out, 0, where)
    return out


_OPENERS = {"flow sequence": ("[", "]"), "flow mapping": ("{", "}")}


def _marked_problem(exc: yaml.MarkedYAMLError, where: _Lines) -> YamlProblem:
    """The line of the fault. PyYAML notices an unclosed quote or bracket only where the
    text runs out or the next field begins; the editor must go where it was opened (the
    context mark) instead."""
    problem = exc.problem or exc.context or "invalid YAML"
    context = exc.context or ""
    opened = exc.context_mark
    if opened is not None and "quoted scalar" in context:
        return YamlProblem("invalid YAML: the quote opened here is never closed",
                           *where(opened), "add the closing quote at the end of the text, "
                           "or write the text without quotes")
    for name, (first, last) in _OPENERS.items():
        if opened is not None and name in context and exc.problem_mark is not None and \
                where(exc.problem_mark)[0] > where(opened)[0]:
            return YamlProblem(f"invalid YAML: the '{first}' opened here is not closed "
                               f"({problem})", *where(opened),
                               f"close it with '{last}' at the end of the line")
    mark = exc.problem_mark or opened
    line, col = where(mark) if mark else (0, 0)
    quote = _quote_left_open(where.text, line)
    if quote is not None:  # the quoted text ran on into the next fields
        return YamlProblem("invalid YAML: the quote opened here is never closed", *quote,
                           "add the closing quote at the end of the text, or write the text "
                           "without quotes")
    return YamlProblem(f"invalid YAML: {problem}", line, col, _yaml_hint(problem))


_QUOTED_VALUE = re.compile(r"""[ \t]*(?:- +)*(?:[^\s#"'][^:#]*:[ \t]+)?(?:- +)?(["'])""")


def _quote_left_open(text: str, before: int) -> tuple[int, int] | None:
    """The first line before line ``before`` (0-based) whose value opens a quote that the
    line does not close: (line, column of the quote). A quoted value may run over lines in
    YAML, but in front matter that is nearly always a quote forgotten, and PyYAML notices
    it only fields later."""
    for number, line in enumerate(text.split("\n")[:before]):
        m = _QUOTED_VALUE.match(line)
        if m is None:
            continue
        rest, quote = line[m.end():], m[1]
        i = 0
        while i < len(rest):
            if quote == '"' and rest[i] == "\\":
                i += 2
                continue
            if rest[i] == quote:
                if quote == "'" and rest[i + 1:i + 2] == "'":
                    i += 2
                    continue
                break
            i += 1
        else:
            return number, m.start(1)
    return None


def _reader_problem(text: str, exc: yaml.reader.ReaderError) -> YamlProblem:
    """A control character: name it by its code and place it on its line."""
    position = max(0, min(exc.position, len(text)))
    line = text.count("\n", 0, position)
    col = position - (text.rfind("\n", 0, position) + 1)
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
    return YamlProblem(
        f"invalid YAML: control character U+{code:04X} is not allowed",
        line,
        col,
        "delete the invisible character (retype the line)",
    )


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _yaml_hint(problem: str) -> str:
    if "mapping values are not allowed" in problem:
        return "put text that contains ': ' in quotes"
    if "found character '\\t'" in problem or "tab" in problem:
        return "indent with spaces, not tabs"
    if "could not find expected ':'" in problem:
        return "write each field as 'key: value' on its own line"
    return "check the quotes, colons and indentation on this line"
