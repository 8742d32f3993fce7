"""One YAML document read as base/yaml_errors.cc reads the project's YAML:
strictly, and with every error located as file:line:column.

A NUL byte, a syntax error, a second document, a key given twice in one
mapping and nesting deeper than 64 levels are refused. Scalars stay text:
PyYAML (Debian's python3-yaml) follows YAML 1.1, whose `yes`, `no`, `on`,
`01` and dates are booleans, numbers and dates, but the bundle reader
(yaml-cpp) keeps every scalar as the text written, so only the composer's
node tree is used here, never PyYAML's constructors. A plain empty, `~` or
`null` value is null, as yaml-cpp has it."""

import re

from yaml import events, nodes
from yaml.composer import Composer
from yaml.error import MarkedYAMLError
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from tiersight_bundle.errors import BundleError

MAX_NESTING = 64
NULL_TAG = "tag:tiersight,2026:null"
_NULL_TEXTS = frozenset(("", "~", "null", "Null", "NULL"))
_FLOW_TOKEN = re.compile(rb"[\"'#\[\]{}]")


class _TextResolver(BaseResolver):
    """Every scalar is text, but for yaml-cpp's plain nulls."""

    def resolve(self, kind, value, implicit):
        if kind is nodes.ScalarNode:
            return NULL_TAG if implicit[0] and value in _NULL_TEXTS else self.DEFAULT_SCALAR_TAG
        if kind is nodes.SequenceNode:
            return self.DEFAULT_SEQUENCE_TAG
        return self.DEFAULT_MAPPING_TAG


class _Loader(Reader, Scanner, Parser, Composer, _TextResolver):
    def __init__(self, text):
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        _TextResolver.__init__(self)

    def check_printable(self, data):
        """yaml-cpp reads control characters as text (a NUL is refused
        before parsing), so PyYAML's refusal of them is not applied."""

    def process_empty_scalar(self, mark):
        # Placed where yaml-cpp places an empty value: at the next token.
        return events.ScalarEvent(None, None, (True, False), "", self.peek_token().start_mark,
                                  self.peek_token().start_mark)


def is_null(node):
    return isinstance(node, nodes.ScalarNode) and node.tag == NULL_TAG


def is_text(node):
    return isinstance(node, nodes.ScalarNode) and node.tag != NULL_TAG


def place(node):
    """(line, column), 1-based, of a node."""
    return node.start_mark.line + 1, node.start_mark.column + 1


def error_at(file, node, reason):
    line, column = place(node)
    return BundleError(file, line, reason, column=column)


def _place_at_offset(data, offset):
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, offset - line_start + 1


def _flow_too_deep(data):
    """Offset of the bracket that nests flow collections deeper than
    MAX_NESTING, counted outside quotes and comments as yaml_errors.cc
    counts them; None when there is none."""
    depth, i = 0, 0
    while True:
        found = _FLOW_TOKEN.search(data, i)
        if not found:
            return None
        i = found.start()
        c = data[i:i + 1]
        before = data[i - 1:i] if i > 0 else b" "
        if c in b"\"'":
            # A quote starts a quoted scalar only at the start of a token.
            if before in (b" ", b"[", b"{", b",", b":", b"\n", b"\t", b"-"):
                close = data.find(c, i + 1)
                if close < 0:
                    return None
                i = close
        elif c == b"#":
            if i == 0 or before in (b" ", b"\n"):
                newline = data.find(b"\n", i)
                if newline < 0:
                    return None
                i = newline
        elif c in b"[{":
            depth += 1
            if depth > MAX_NESTING:
                return i
        elif depth > 0:
            depth -= 1
        i += 1


def _check_events(text, file):
    """Parses the whole stream: a syntax error, a second document or a node
    nested too deep is a BundleError where it stands."""
    loader = _Loader(text)
    depth, documents = 0, 0
    try:
        while not loader.check_event(events.StreamEndEvent):
            event = loader.get_event()
            if isinstance(event, events.DocumentStartEvent):
                documents += 1
            elif isinstance(event, (events.SequenceEndEvent, events.MappingEndEvent)):
                depth -= 1
            elif isinstance(event, events.NodeEvent):
                if documents > 1:
                    raise error_at(file, event, "a second YAML document (after `---`); the "
                                   "file must hold exactly one")
                if depth > MAX_NESTING:
                    raise error_at(file, event, f"nested deeper than {MAX_NESTING} levels")
                if isinstance(event, events.CollectionStartEvent):
                    depth += 1
    except MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        raise BundleError(file, mark.line + 1, e.problem or e.context or "not YAML",
                          column=mark.column + 1) from None


def _check_keys(node, file, entered):
    """A key given twice in any mapping of the document is refused, in
    document order. `entered`: ids of the nodes walked (an alias may point
    back to an enclosing node)."""
    if id(node) in entered:
        return
    entered.add(id(node))
    if isinstance(node, nodes.MappingNode):
        seen = set()
        for key, value in node.value:
            if is_text(key):
                if key.value in seen:
                    raise error_at(file, key, f"`{key.value}` is given twice")
                seen.add(key.value)
            _check_keys(value, file, entered)
    elif isinstance(node, nodes.SequenceNode):
        for item in node.value:
            _check_keys(item, file, entered)


def load_document(data, file):
    """The node tree of the one YAML document of `data` (bytes of valid
    UTF-8), or None for a stream without one; BundleError naming `file`,
    line and column otherwise."""
    nul = data.find(b"\0")
    if nul >= 0:
        line, column = _place_at_offset(data, nul)
        raise BundleError(file, line, "a NUL byte; YAML text cannot hold one", column=column)
    deep = _flow_too_deep(data)
    if deep is not None:
        line, column = _place_at_offset(data, deep)
        raise BundleError(file, line, f"nested deeper than {MAX_NESTING} levels", column=column)
    text = data.decode("utf-8")
    _check_events(text, file)
    loader = _Loader(text)
    if not loader.check_node():
        return None
    root = loader.get_node()
    _check_keys(root, file, set())
    return root
