#!/usr/bin/python3
"""Defect 28: a bundle error met while the Python client uploads reaches the
caller as the client's BundleError naming the file and line, never as gRPC's
"UNKNOWN: Exception iterating requests!", and nothing is stored. A
file-level defect is found before the call starts; a malformed record deep
in a file cancels the stream it is found in.
"""

import logging
import os
import subprocess
import sys
import time

from e2e_support import TOKEN, Paths, Server, WorkDir, check, fail

AGENTS = 3000
BAD_LINE = 2900
BATCH_BYTES = 4096
LOG_WAIT_SECONDS = 10


class Captured(logging.Handler):
    """Every log record, to see that gRPC logged no iterator exception."""

    def __init__(self):
        super().__init__()
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def write_bundle(directory, agents_text, orders_text=None):
    os.makedirs(directory)
    with open(os.path.join(directory, "agents.csv"), "w", encoding="utf-8", newline="") as f:
        f.write(agents_text)
    if orders_text is not None:
        with open(os.path.join(directory, "orders.csv"), "w", encoding="utf-8", newline="") as f:
            f.write(orders_text)
    return directory


def agents_with_bad_record():
    """AGENTS agents; the record at line BAD_LINE has a field too many, far
    enough down that several batches have been sent before it is read."""
    lines = ["agent_id,sponsor_id,name"]
    for i in range(AGENTS):
        sponsor = "" if i == 0 else f"A{(i - 1) // 3}"
        extra = ",extra" if len(lines) + 1 == BAD_LINE else ""
        lines.append(f"A{i},{sponsor},agent number {i}{extra}")
    return "\n".join(lines) + "\n"


def upload_calls(server, at_least):
    """The UploadNetwork calls in the server's call log, once it shows
    `at_least` (a cancelled call is logged when the server sees the cancel)
    and a moment longer for any other to show up."""
    deadline = time.monotonic() + LOG_WAIT_SECONDS
    while True:
        with open(server.log, encoding="utf-8", errors="replace") as f:
            calls = sum("UploadNetwork" in line for line in f)
        if calls >= at_least or time.monotonic() > deadline:
            time.sleep(0.2)
            with open(server.log, encoding="utf-8", errors="replace") as f:
                return sum("UploadNetwork" in line for line in f)
        time.sleep(0.05)


def expect_bundle_error(client, bundle, file, line, what, on_batch=None):
    import tiersight_client
    try:
        client.upload(bundle, batch_bytes=BATCH_BYTES, on_batch=on_batch)
        fail(f"{what}: the upload was stored")
    except tiersight_client.BundleError as e:
        check(e.file == file and e.line == line and str(e).startswith(f"{file}:{line}: "),
              f"{what}: BundleError names {file} line {line} ({e})")
    except client.grpc.RpcError as e:
        fail(f"{what}: the upload failed as {e.code().name}: {e.details()}")


def main():
    paths = Paths(sys.argv)
    captured = Captured()
    logging.getLogger().addHandler(captured)
    with WorkDir() as work:
        server = Server(paths, work).start()
        try:
            client = server.client()
            bare_cr = write_bundle(os.path.join(work, "bare-cr"),
                                   "agent_id,sponsor_id\nT,\n",
                                   "order_id,date,seller_id,buyer_id,quantity,amount\rO1,"
                                   "2026-01-01,,T,1,10\r")
            expect_bundle_error(client, bare_cr, "orders.csv", 1, "a bare-CR orders.csv")

            bad = write_bundle(os.path.join(work, "bad-record"), agents_with_bad_record())
            sent = []
            expect_bundle_error(client, bad, "agents.csv", BAD_LINE, "a malformed record",
                                on_batch=lambda rows, batches: sent.append(batches))
            check(len(sent) > 3, f"the stream was under way ({len(sent)} batches sent) when "
                                 "the record was read")
            check(not any("Exception iterating requests" in m for m in captured.messages),
                  "gRPC logged no exception of the request iterator")
            check(upload_calls(server, at_least=1) == 1,
                  "the server saw one upload call, the cancelled one: the file-level defect "
                  "was found before any call")

            class Stop(Exception):
                pass

            def stop_after_two(rows, batches):
                if batches == 2:
                    raise Stop("stopped by the caller")
            try:
                client.upload(bad, batch_bytes=BATCH_BYTES, on_batch=stop_after_two)
                fail("an upload whose on_batch raised was stored")
            except Stop:
                check(True, "an exception of on_batch is raised as it is, not as UNKNOWN")

            check(client.list_networks() == [], "nothing was stored of any of them")

            env = dict(os.environ, TIERSIGHT_TOKEN=TOKEN, TIERSIGHT_PY_STUBS=paths.stubs)
            result = subprocess.run(
                [sys.executable, os.path.join(paths.source, "clients", "python",
                                              "tiersight_client.py"),
                 "--server", server.address, "upload", bad], capture_output=True, text=True,
                env=env)
            check(result.returncode == 1 and f"agents.csv:{BAD_LINE}: 4 fields where the "
                  "header has 3" in result.stderr and "nothing uploaded" in result.stderr
                  and "UNKNOWN" not in result.stderr and "Traceback" not in result.stderr,
                  "tiersight_client.py upload exits 1 naming the file and line: "
                  + result.stderr.strip().splitlines()[-1])

            good = write_bundle(os.path.join(work, "good"), "agent_id,sponsor_id\nT,\nA,T\n")
            check(client.upload(good).network.agent_count == 2,
                  "the next upload on the same client is stored")
            client.close()
        finally:
            server.stop()


if __name__ == "__main__":
    main()
