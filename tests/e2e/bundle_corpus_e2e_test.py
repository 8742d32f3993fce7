#!/usr/bin/python3
"""Defect 21: one corpus of bad and edge-case bundles
(tests/data/bundle-corpus/<case>/, each with its expect.json) read by
`tiersight check`, uploaded by `tiersight upload` (the C++ client) and by
the Python client to a live tiersightd. Each case gets the decision its
expect.json states from all three: a bundle the CLI refuses is refused by
both clients with nothing stored, the Python client's error naming the file
and line; an accepted one is stored by both with the same digest (the same
rows and network.yaml) and the row counts the CLI reads. Then generated
variations of agents.csv (tests/e2e/csv_variations.py) are uploaded by both
clients: the same refusals, and the same digest for the rest.
"""

import json
import os
import subprocess
import sys

from csv_variations import variations
from e2e_support import TOKEN, Paths, Server, WorkDir, check, fail

VARIATIONS = 60
VARIATIONS_SEED = 21


def counts(files):
    """{file: [loaded, rejected, ignored]} of a load report's CSV files."""
    return {f["file"]: [f.get("loaded", 0), f.get("rejected", 0), f.get("ignored", 0)]
            for f in files if f.get("present") and f["file"].endswith(".csv")}


def cli_check(paths, bundle):
    """(outcome, row counts) of `tiersight check`: refused, rejects or clean."""
    result = subprocess.run([paths.tiersight, "check", bundle, "--format", "json"],
                            capture_output=True, text=True, errors="replace")
    load = json.loads(result.stdout)["load"]
    outcome = "refused" if load["refused"] else "rejects" if load["errors"] else "clean"
    return outcome, counts(load["files"])


def cpp_upload(paths, server, bundle):
    """The network `tiersight upload` stored (as JSON), or None, and stderr."""
    result = subprocess.run([paths.tiersight, "upload", bundle, "--server", server.address,
                             "--format", "json"], capture_output=True, text=True, errors="replace",
                            env=dict(os.environ, TIERSIGHT_TOKEN=TOKEN))
    if result.stdout.lstrip().startswith("{"):
        return json.loads(result.stdout)["network"], result.stderr
    return None, result.stderr


def python_upload(client, bundle):
    """The network the Python client stored (as JSON), or the error."""
    import tiersight_client
    from google.protobuf import json_format
    try:
        response = client.upload(bundle)
    except (tiersight_client.BundleError, client.grpc.RpcError) as e:
        return None, e
    return json_format.MessageToDict(response.network, preserving_proto_field_name=True), None


def run_case(paths, server, client, bundle, expect):
    """The differences from expect.json, as sentences; empty when none."""
    problems = []
    outcome, rows = cli_check(paths, bundle)
    if outcome != expect["check"]:
        problems.append(f"tiersight check: {outcome}, expected {expect['check']}")
    cpp, cpp_stderr = cpp_upload(paths, server, bundle)
    py, py_error = python_upload(client, bundle)
    if expect["upload"] == "refuse":
        if cpp is not None:
            problems.append("tiersight upload stored it")
        if py is not None:
            problems.append("the Python client stored it")
        elif (expect["error"] not in str(py_error)
              or (getattr(py_error, "file", None), getattr(py_error, "line", None))
              != (expect["file"], expect["line"])):
            problems.append(f"the Python client's error is '{py_error}', expected "
                            f"{expect['file']} line {expect['line']}: ...{expect['error']}...")
        return problems
    if rows != expect["rows"]:
        problems.append(f"tiersight check reads {rows}, expected {expect['rows']}")
    if cpp is None:
        problems.append(f"tiersight upload refused it: {cpp_stderr.strip()}")
    if py is None:
        problems.append(f"the Python client refused it: {py_error}")
    if cpp is None or py is None:
        return problems
    for who, network in (("tiersight upload", cpp), ("the Python client", py)):
        stored = counts(network["load"]["files"])
        if stored != expect["rows"]:
            problems.append(f"{who}: the server read {stored}, expected {expect['rows']}")
    if py["digest"] != cpp["digest"]:
        problems.append("the Python client's upload has another digest than tiersight upload's: "
                        "other rows or facts were sent")
    return problems


def run_variations(paths, server, client, work):
    """The generated agents.csv files on which the clients differ, and how
    many both stored."""
    differing, stored = [], 0
    for i, text in enumerate(variations(VARIATIONS_SEED, VARIATIONS)):
        bundle = os.path.join(work, f"variation-{i}")
        os.makedirs(bundle)
        with open(os.path.join(bundle, "agents.csv"), "w", encoding="utf-8", newline="") as f:
            f.write(text)
        cpp, cpp_stderr = cpp_upload(paths, server, bundle)
        py, py_error = python_upload(client, bundle)
        if cpp is not None and py is not None and cpp["digest"] == py["digest"]:
            stored += 1
        elif cpp is not None or py is not None:
            differing.append(f"{text!r}: tiersight upload "
                             f"{'stored it' if cpp else 'refused it: ' + cpp_stderr.strip()}, the "
                             f"Python client {'stored it' if py else 'refused it: ' + str(py_error)}"
                             + (" with another digest" if cpp and py else ""))
    return differing, stored


def main():
    paths = Paths(sys.argv)
    corpus = os.path.join(paths.source, "tests", "data", "bundle-corpus")
    cases = sorted(c for c in os.listdir(corpus) if os.path.isdir(os.path.join(corpus, c)))
    with WorkDir() as work:
        server = Server(paths, work).start()
        try:
            client = server.client()
            failures, accepted = [], 0
            for case in cases:
                with open(os.path.join(corpus, case, "expect.json"), encoding="utf-8") as f:
                    expect = json.load(f)
                problems = run_case(paths, server, client, os.path.join(corpus, case), expect)
                accepted += expect["upload"] == "accept"
                if problems:
                    failures.append(f"{case}:\n  " + "\n  ".join(problems))
                else:
                    print(f"ok: {case}: {expect['upload']}")
            if failures:
                fail(f"{len(failures)} of {len(cases)} cases differ:\n" + "\n".join(failures))
            check(len(client.list_networks()) == 2 * accepted,
                  f"only the {accepted} accepted cases were stored, once by each client")
            differing, stored = run_variations(paths, server, client, work)
            check(not differing and 0 < stored < VARIATIONS,
                  f"{VARIATIONS} generated agents.csv files: both clients stored the same "
                  f"{stored} and refused the rest" + "".join(f"\n  {d}" for d in differing))
            client.close()
        finally:
            server.stop()


if __name__ == "__main__":
    main()
