"""A CSV file's bytes as text, decided as graph/text_encoding.cc decides:
UTF-8 with or without a byte-order mark, GB18030 (GBK, GB2312) when
network.yaml declares it or when a file without a declaration is not UTF-8
at all; a file that is mostly UTF-8 with a stray byte, or that fits neither,
is refused with the line and byte where it goes wrong. Never garbage."""

import codecs
import re
import threading

from tiersight_bundle.errors import BundleError

UTF8 = "utf-8"
GB18030 = "gb18030"
_UTF8_BOM = b"\xef\xbb\xbf"
_ENCODING_NAMES = {"utf-8": UTF8, "utf8": UTF8, "gb18030": GB18030, "gbk": GB18030,
                   "gb2312": GB18030}
# Every byte but those that lead a multi-byte UTF-8 character (0xC2-0xF4).
_NOT_LEAD_BYTES = bytes(b for b in range(256) if not 0xC2 <= b <= 0xF4)
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")

# The bundle reader converts GB18030 with glibc's iconv, which follows
# GB18030-2022; Python's codec follows GB18030-2005. They differ in 25
# two-byte codes that 2005 put in the private use area: glibc reads them as
# the characters 2022 gives them, and refuses the four-byte codes that 2005
# gave those characters when they are in the BMP (except A8BC's, which the
# two swap).
_GB18030_2022_TWO_BYTE = {
    0xE78D: 0xFE10, 0xE78E: 0xFE12, 0xE78F: 0xFE11, 0xE790: 0xFE13, 0xE791: 0xFE14,
    0xE792: 0xFE15, 0xE793: 0xFE16, 0xE794: 0xFE17, 0xE795: 0xFE18, 0xE796: 0xFE19,
    0xE81E: 0x9FB4, 0xE826: 0x9FB5, 0xE82B: 0x9FB6, 0xE82C: 0x9FB7, 0xE832: 0x9FB8,
    0xE843: 0x9FB9, 0xE854: 0x9FBA, 0xE864: 0x9FBB,
    0xE816: 0x20087, 0xE817: 0x20089, 0xE818: 0x200CC, 0xE831: 0x215D7, 0xE83B: 0x2298F,
    0xE855: 0x241FE,
    0xE7C7: 0x1E3F, 0x1E3F: 0xE7C7,
}
# What Python reads from the four-byte codes glibc refuses.
_GB18030_REFUSED = re.compile("[\uFE10-\uFE19\u9FB4-\u9FBB]")


def parse_encoding_name(name):
    """utf-8 or gb18030 for the names the format accepts, in any ASCII case;
    ValueError naming the others."""
    encoding = _ENCODING_NAMES.get(name.translate(_ASCII_LOWER))
    if encoding is None:
        raise ValueError(f"unknown encoding '{name}' (use utf-8 or gb18030)")
    return encoding


def _position(data, offset):
    """(line, byte of the line), both 1-based, of a byte offset."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, offset - line_start + 1


def _first_invalid_utf8(data):
    try:
        data.decode(UTF8)
        return None
    except UnicodeDecodeError as e:
        return e.start


_skipped = threading.local()


def _skip_one_byte(error):
    _skipped.positions.append(error.start)
    return "", error.start + 1


codecs.register_error("tiersight-skip-one-byte", _skip_one_byte)


def _mostly_utf8(data):
    """Whether the multi-byte characters of `data` are mostly valid UTF-8: a
    file saved as UTF-8 with a stray byte or two, not a GB18030 file (whose
    two-byte characters are rarely valid UTF-8 by chance). After each
    invalid byte the check starts again at the next one."""
    _skipped.positions = []
    data.decode(UTF8, errors="tiersight-skip-one-byte")
    invalid = _skipped.positions
    leads = len(data.translate(None, _NOT_LEAD_BYTES))
    valid = leads - sum(1 for p in invalid if 0xC2 <= data[p] <= 0xF4)
    return valid > 0 and valid >= 4 * len(invalid)


def _decode_gb18030(data):
    """`data` read as glibc's iconv reads GB18030; UnicodeDecodeError at the
    first code it refuses."""
    text = data.decode(GB18030)
    refused = _GB18030_REFUSED.search(text)
    if refused:
        start = len(text[:refused.start()].encode(GB18030))
        raise UnicodeDecodeError(GB18030, data, start, start + 4, "not in GB18030-2022")
    return text.translate(_GB18030_2022_TWO_BYTE)


def decode_csv(data, file_name, declared):
    """(text, encoding, warning) of a CSV file's bytes; `declared` is the
    encoding network.yaml names (UTF8, GB18030) or None. The byte-order mark
    is not part of the text; the warning is "" unless the encoding was
    detected or a declaration overruled."""
    warning = ""
    has_bom = data.startswith(_UTF8_BOM)
    if has_bom:
        data = data[len(_UTF8_BOM):]
        if declared == GB18030:
            warning = (f"{file_name} starts with a UTF-8 byte-order mark although network.yaml "
                       "declares gb18030: read as UTF-8")
        declared = UTF8

    if declared != GB18030:
        bad = _first_invalid_utf8(data)
        if bad is None:
            return data.decode(UTF8), UTF8, warning
        line, byte = _position(data, bad)
        if has_bom:
            raise BundleError(file_name, line, f"not valid UTF-8 (byte {byte} of the line), "
                              "although the file starts with a UTF-8 byte-order mark; save the "
                              "whole file as UTF-8")
        if declared is None and _mostly_utf8(data):
            raise BundleError(file_name, line, f"not valid UTF-8 (byte {byte} of the line) in a "
                              "file that is otherwise UTF-8; fix or remove that byte (it is not "
                              "read as GB18030, which would garble every other character)")
        if declared == UTF8:
            raise BundleError(file_name, line, f"not valid UTF-8 (byte {byte} of the line), "
                              "although network.yaml declares utf-8; if the file was saved as "
                              "GB18030/GBK, declare `encoding: gb18030`")

    try:
        text = _decode_gb18030(data)
    except UnicodeDecodeError as e:
        line, byte = _position(data, e.start)
        if declared == GB18030:
            raise BundleError(file_name, line, f"not valid GB18030 (byte {byte} of the line), "
                              "as network.yaml declares") from None
        # The later of the two failures: every byte before it decodes in at
        # least one of the encodings, so that is where the file goes wrong.
        u_line, u_byte = _position(data, _first_invalid_utf8(data))
        later = max((u_line, u_byte), (line, byte))
        raise BundleError(file_name, later[0],
                          f"neither UTF-8 nor GB18030 (not UTF-8 from line {u_line} byte "
                          f"{u_byte}, not GB18030 from line {line} byte {byte}); save the file "
                          "as UTF-8") from None
    if declared is None:
        warning = (f"{file_name} is not UTF-8; it was read as GB18030 (detected). Declare "
                   "`encoding: gb18030` in network.yaml to make this explicit")
    return text, GB18030, warning
