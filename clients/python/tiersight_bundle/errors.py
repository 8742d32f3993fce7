"""The one error a bundle that cannot be uploaded raises."""


class BundleError(Exception):
    """A bundle the upload stream cannot carry, or that the bundle reader
    refuses: a file-level defect (missing, unreadable or undecodable file,
    bare-CR line ends, an empty file, a missing or repeated column, a
    malformed network.yaml) or malformed CSV records.

    `file` is the bundle's file name (agents.csv, network.yaml, ...), `line`
    the physical line (1 is the header; 0 when the defect has no line),
    `column` the YAML column when known, `reason` the text without the place.
    `problems` lists every malformed record when there were several, each as
    "file:line: reason"; str() is "file:line: reason" ("file:line:column:
    reason" for YAML).
    """

    def __init__(self, file, line, reason, column=0, problems=None):
        self.file, self.line, self.column, self.reason = file, line, column, reason
        self.problems = list(problems) if problems else [located(file, line, reason, column)]
        super().__init__(located(file, line, reason, column))


def located(file, line, reason, column=0):
    """"file:line:column: reason" as the bundle reader words it; the column
    and line are left out when unknown."""
    if line <= 0:
        return f"{file}: {reason}"
    return f"{file}:{line}:{column}: {reason}" if column > 0 else f"{file}:{line}: {reason}"
