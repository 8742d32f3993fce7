"""A bundle directory opened as graph/bundle_reader.cc opens it before it
reads a row: network.yaml first, then every CSV file, so that a file-level
defect refuses the bundle before any upload starts. Its records then come
out as the text of the format's columns; a record the upload stream cannot
carry (a quote never closed, text after a closing quote, a field count
other than the header's) stops the records and, once every file has been
read to its end, is raised with every other one found."""

import os

from tiersight_bundle.columns import (AGENTS_FILE, COLUMNS_OF, NETWORK_FILE, ORDERS_FILE,
                                      PAYMENTS_FILE)
from tiersight_bundle.csv_table import open_csv_table
from tiersight_bundle.errors import BundleError, located
from tiersight_bundle.files import path_present
from tiersight_bundle.network_yaml import read_network_yaml


class Bundle:
    """An opened bundle: `facts` (network_yaml.NetworkFacts), `tables` in
    the format's file order, and `warnings` as (file, line, reason)."""

    def __init__(self, facts, tables, warnings):
        self.facts, self.tables, self.warnings = facts, tables, warnings

    def rows(self):
        """Yields (file name, {column: text}) for every record of every
        file, leaving out empty fields. Raises BundleError at the end when
        any record is malformed; none is yielded after the first."""
        malformed = []
        for table in self.tables:
            present = [(table.columns[name], name) for name, _ in COLUMNS_OF[table.file_name]
                       if name in table.columns]
            for line, fields, error in table.records():
                if not error and len(fields) != table.header_size:
                    error = f"{len(fields)} fields where the header has {table.header_size}"
                if error:
                    malformed.append((table.file_name, line, error))
                elif not malformed:
                    yield table.file_name, {name: fields[i] for i, name in present if fields[i]}
        if malformed:
            file, line, reason = malformed[0]
            raise BundleError(file, line, reason,
                              problems=[located(f, l, r) for f, l, r in malformed])


def open_bundle(bundle_dir):
    """Opens `bundle_dir`; BundleError for a bundle the reader refuses as a
    whole (naming the first defect; `problems` lists them all)."""
    if not os.path.isdir(bundle_dir):
        raise BundleError(bundle_dir, 0, "not a bundle directory (no such directory)")
    facts, encoding, warnings = read_network_yaml(os.path.join(bundle_dir, NETWORK_FILE))
    if not path_present(os.path.join(bundle_dir, AGENTS_FILE)):
        raise BundleError(AGENTS_FILE, 0, "required file is missing from the bundle")
    tables, refusals = [], []
    for file_name in (AGENTS_FILE, ORDERS_FILE, PAYMENTS_FILE):
        path = os.path.join(bundle_dir, file_name)
        if file_name != AGENTS_FILE and not path_present(path):
            continue
        try:
            tables.append(open_csv_table(path, file_name, encoding, warnings))
        except BundleError as e:
            refusals.append(e)
    if refusals:
        first = refusals[0]
        raise BundleError(first.file, first.line, first.reason, column=first.column,
                          problems=[p for e in refusals for p in e.problems])
    return Bundle(facts, tables, warnings)
