"""RFC 4180 records as graph/csv_reader.cc reads them, over text already
decoded: the physical line each record starts on (the header is line 1),
fields trimmed of ASCII spaces, blank lines skipped, and a malformed record
(a quote never closed, text after a closing quote) returned with its error
rather than guessed at. Only LF ends a line (CRLF too: the CR goes with it);
a file whose lines end with a bare CR is refused before it gets here."""

import re

_FIELD_END = re.compile("[,\n]")

# Characters that act on text without being seen (base/utf8.h IsHiddenControl):
# named by their code, as the CSV reader names them.
_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _shown(ch):
    return f"U+{ord(ch):04X}" if _HIDDEN.fullmatch(ch) else f"'{ch}'"


def _blank(raw):
    return not raw.strip(" \r")


def records(text):
    """Yields (line, fields, error) for each non-blank record of `text`;
    `fields` is empty when a quoted field is never closed, which ends the
    text."""
    n = len(text)
    pos, line = 0, 1
    while pos < n:
        newline = text.find("\n", pos)
        end = n if newline < 0 else newline
        if text.find('"', pos, end) < 0:
            # No quote before the line end: the record is this line.
            segment = text[pos:end]
            record_line = line
            pos = end + 1
            if newline >= 0:
                line += 1
            if "," not in segment and _blank(segment):
                continue
            fields = segment.split(",")
            if fields[-1].endswith("\r"):
                fields[-1] = fields[-1][:-1]
            yield record_line, [f.strip(" ") for f in fields] if " " in segment else fields, ""
            continue
        reader = _QuotedRecord(text, pos, line)
        fields, error = reader.read()
        start, pos, record_line, line = pos, min(reader.pos, n), line, reader.line
        if not fields:
            yield record_line, [], error
            return
        raw_end = pos
        if raw_end > start and text[raw_end - 1] == "\n":
            raw_end -= 1
        if raw_end > start and text[raw_end - 1] == "\r":
            raw_end -= 1
        if not error and len(fields) == 1 and _blank(text[start:raw_end]):
            continue
        yield record_line, [f.strip(" ") for f in fields], error


class _QuotedRecord:
    """One record that holds a quote somewhere, field by field, as
    CsvReader::Next reads it."""

    def __init__(self, text, pos, line):
        self.text, self.pos, self.line = text, pos, line

    def read(self):
        """(fields, error); no fields when a quoted field is never closed."""
        text, n = self.text, len(self.text)
        fields, error = [], ""
        i = self.pos
        while True:
            j = i
            while j < n and text[j] == " ":
                j += 1
            if j < n and text[j] == '"':
                value, k = self._quoted(j)
                if value is None:
                    self.pos = n
                    return [], k
                fields.append(value)
                while k < n and text[k] == " ":
                    k += 1
                if k < n and text[k] == "\r" and k + 1 < n and text[k + 1] == "\n":
                    k += 1
                if k < n and text[k] == ",":
                    i = k + 1
                    continue
                if k < n and text[k] != "\n":
                    if not error:
                        error = f"unexpected character {_shown(text[k])} after a closing quote"
                    # On to the end of the field, so the record still ends in the right place.
                    found = _FIELD_END.search(text, k)
                    k = found.start() if found else n
                    if k < n and text[k] == ",":
                        i = k + 1
                        continue
            else:
                found = _FIELD_END.search(text, j)
                k = found.start() if found else n
                if k < n and text[k] == ",":
                    fields.append(text[j:k])
                    i = k + 1
                    continue
                # The last field: a CR before its line end goes with the line end.
                field_end = k - 1 if k > j and text[k - 1] == "\r" else k
                fields.append(text[j:field_end])
            # The record ends at k: a line end or the end of the text.
            if k < n:
                self.line += 1
            self.pos = k + 1
            return fields, error

    def _quoted(self, j):
        """(value, offset after the closing quote) of the quoted field at j;
        (None, error) when it is never closed."""
        text, n = self.text, len(self.text)
        content = j + 1
        k = content
        escaped = False
        while True:
            k = text.find('"', k)
            if k < 0:
                return None, f"quoted field opened on line {self.line} is never closed"
            if k + 1 < n and text[k + 1] == '"':
                escaped = True
                k += 2
                continue
            break
        self.line += text.count("\n", content, k)
        value = text[content:k]
        return (value.replace('""', '"') if escaped else value), k + 1
