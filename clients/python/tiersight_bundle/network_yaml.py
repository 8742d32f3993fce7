"""network.yaml read as graph/network_config.cc reads it: the facts an
upload's header carries, the encoding the CSV files are read in, and the
same refusals (each naming network.yaml, line and column)."""

import dataclasses
import re

from yaml import nodes

from tiersight_bundle.civil_date import parse_day
from tiersight_bundle.columns import NETWORK_FILE
from tiersight_bundle.errors import BundleError
from tiersight_bundle.files import MAX_CONFIG_FILE_BYTES, path_present, read_regular_file
from tiersight_bundle.text import parse_encoding_name
from tiersight_bundle.yaml_document import error_at, is_null, is_text, load_document, place

_JURISDICTION = re.compile("[a-z]{2}")
# base/yaml_errors.h CoreBool: the YAML 1.2 core schema's booleans only.
_CORE_BOOLS = {"true": True, "True": True, "TRUE": True,
               "false": False, "False": False, "FALSE": False}


@dataclasses.dataclass
class NetworkFacts:
    """What an upload's header says about the network (NetworkFacts in
    bundle.proto). `tiers` is None when network.yaml lists none."""
    name: str = ""
    currency: str = ""
    as_of: str = ""
    tiers: list = None
    jurisdiction: str = ""
    direct_selling_licence: bool = False


def _text(node, key):
    if not is_text(node):
        raise error_at(NETWORK_FILE, node, f"`{key}` must be text")
    return node.value


def _tiers(node):
    if not isinstance(node, nodes.SequenceNode):
        raise error_at(NETWORK_FILE, node, "`tiers` must be a list of tier names, highest first")
    tiers = {}  # in order
    for item in node.value:
        if not is_text(item) or not item.value:
            raise error_at(NETWORK_FILE, item, "each tier must be a non-empty name")
        if item.value in tiers:
            raise error_at(NETWORK_FILE, item, f"tier '{item.value}' is listed twice")
        tiers[item.value] = None
    return list(tiers)


def read_network_yaml(path):
    """(facts, encoding, warnings) of the network.yaml at `path`: encoding is
    what it declares for the CSV files (text.UTF8, text.GB18030 or None);
    warnings are (file, line, reason) for keys the format does not know. A
    bundle without network.yaml has empty facts."""
    facts, encoding, warnings = NetworkFacts(), None, []
    if not path_present(path):
        return facts, encoding, warnings
    data = read_regular_file(path, NETWORK_FILE, MAX_CONFIG_FILE_BYTES)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise BundleError(NETWORK_FILE, data.count(b"\n", 0, e.start) + 1,
                          "not valid UTF-8; network.yaml must be saved as UTF-8 "
                          "(`encoding:` applies to the CSV files only)") from None
    root = load_document(data, NETWORK_FILE)
    if root is None or is_null(root):
        return facts, encoding, warnings
    if not isinstance(root, nodes.MappingNode):
        raise error_at(NETWORK_FILE, root, "must be a mapping of keys to values")
    for key_node, value in root.value:
        if not is_text(key_node):
            raise error_at(NETWORK_FILE, key_node, "a key must be text")
        key = key_node.value
        if key in ("name", "currency"):
            setattr(facts, key, _text(value, key))
        elif key == "as_of":
            text = _text(value, key)
            facts.as_of = parse_day(text)
            if facts.as_of is None:
                raise error_at(NETWORK_FILE, value, f"`as_of` '{text}' is not a date (YYYY-MM-DD)")
        elif key == "encoding":
            try:
                encoding = parse_encoding_name(_text(value, key))
            except ValueError as e:
                raise error_at(NETWORK_FILE, value, str(e)) from None
        elif key == "jurisdiction":
            text = _text(value, key)
            if not _JURISDICTION.fullmatch(text):
                raise error_at(NETWORK_FILE, value, f"`jurisdiction` '{text}' is not a code "
                               "(ISO 3166-1 alpha-2 in lower case, or eu)")
            facts.jurisdiction = text
        elif key == "direct_selling_licence":
            licensed = _CORE_BOOLS.get(value.value) if is_text(value) else None
            if licensed is None:
                raise error_at(NETWORK_FILE, value,
                               "`direct_selling_licence` must be true or false")
            facts.direct_selling_licence = licensed
        elif key == "tiers":
            facts.tiers = _tiers(value)
        else:
            warnings.append((NETWORK_FILE, place(key_node)[0],
                             f"key `{key}` is not part of the bundle format; ignored"))
    return facts, encoding, warnings
