"""One bundle CSV file opened as graph/csv_table.cc opens it: read as a
regular file, decoded, its header read and matched against the format's
columns. A file-level defect (bare-CR line ends, an empty file, a header
that is malformed, repeats a column or lacks a required one) is refused at
the header's line; columns the format does not know are warnings."""

from tiersight_bundle.columns import COLUMNS_OF
from tiersight_bundle.csv_records import records
from tiersight_bundle.errors import BundleError
from tiersight_bundle.files import read_regular_file
from tiersight_bundle.text import decode_csv


class CsvTable:
    """An opened file: `columns` maps each known column the header has to
    its index; records() yields the data records after the header as
    (line, fields, error)."""

    def __init__(self, file_name, encoding, header_size, columns, records_after_header):
        self.file_name, self.encoding = file_name, encoding
        self.header_size, self.columns = header_size, columns
        self._records = records_after_header

    def records(self):
        return self._records


def _refuse_bare_cr(text, file_name):
    # Old Mac files end lines with CR alone: the reader would see one huge
    # header and no rows.
    first_cr = text.find("\r")
    first_lf = text.find("\n")
    if first_cr >= 0 and (first_lf < 0 or first_cr + 1 < first_lf):
        raise BundleError(file_name, 1, "lines end with a bare CR (old Mac line ends); save the "
                          "file with LF or CRLF line ends")


def open_csv_table(path, file_name, declared_encoding, warnings):
    """Opens the file at `path` as the bundle's `file_name`; appends
    (file, line, reason) warnings to `warnings`."""
    text, encoding, warning = decode_csv(read_regular_file(path, file_name), file_name,
                                         declared_encoding)
    if warning:
        warnings.append((file_name, 0, warning))
    _refuse_bare_cr(text, file_name)
    rows = records(text)
    header = next(rows, None)
    if header is None:
        raise BundleError(file_name, 1, "the file is empty; a header row is required")
    line, names, error = header
    if error:
        raise BundleError(file_name, line, f"header row: {error}")
    known = COLUMNS_OF[file_name]
    known_names = {name for name, _ in known}
    columns = {}
    for index, name in enumerate(names):
        if name not in known_names:
            warnings.append((file_name, line,
                             f"column '{name}' is not part of the format; ignored"))
        elif name in columns:
            raise BundleError(file_name, line, f"column '{name}' appears twice")
        else:
            columns[name] = index
    missing = [name for name, required in known if required and name not in columns]
    if missing:
        plural = "s" if len(missing) > 1 else ""
        raise BundleError(file_name, line,
                          f"missing required column{plural} " + ", ".join(missing))
    return CsvTable(file_name, encoding, len(names), columns, rows)
