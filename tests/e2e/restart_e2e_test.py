#!/usr/bin/python3
"""Durability of tiersightd across kill -9: what was stored before a crash
is there after a restart on the same data directory, and an upload or audit
cut off by the crash leaves nothing half-made behind.
"""

import json
import os
import sys
import threading
import time

from e2e_support import (Paths, Server, WorkDir, check, comparable_report, fail,
                         first_difference, generate_bundle, run_cli)

SMALL_AGENTS = 2000
# Big enough that its audit is still running when the server is killed.
BIG_AGENTS = 60000
UPLOAD_BATCH_BYTES = 32 << 10
KILL_AFTER_BATCHES = 4
KILL_ATTEMPTS = 3


def same_report(left, right):
    return first_difference(comparable_report(left), comparable_report(right))


def snapshot(client):
    """Every network and audit the tenant sees, by name."""
    return ({n.name: n.digest for n in client.list_networks()},
            {a.name: a.network for a in client.list_audits()})


def main():
    paths = Paths(sys.argv)
    with WorkDir() as work:
        small = generate_bundle(paths, os.path.join(work, "small"), SMALL_AGENTS)
        big = generate_bundle(paths, os.path.join(work, "big"), BIG_AGENTS, seed=11)
        server = Server(paths, work).start()
        try:
            client = server.client()
            network = client.upload(small).network
            audited = client.audit(network.name)

            # 1. Restart after kill -9: the network and its audit are intact.
            server.kill()
            server.start()
            client = server.client()
            check(client.get_network(network.name).digest == network.digest,
                  "after kill -9 and restart the network has its digest")
            check(client.get_audit(audited.audit.name).report == audited.report,
                  "after restart GetAudit returns the report from before")
            again = client.audit(network.name)
            d = same_report(again.report, audited.report)
            check(d is None, "re-auditing after restart gives the same report"
                  + ("" if d is None else f" ({d})"))
            before = snapshot(client)

            # 2. kill -9 in the middle of an upload stream.
            killed = threading.Event()

            def kill_mid_stream(rows, batches):
                if batches == KILL_AFTER_BATCHES and not killed.is_set():
                    killed.set()
                    server.kill()
            try:
                client.upload(small, display_name="cut-off", batch_bytes=UPLOAD_BATCH_BYTES,
                              on_batch=kill_mid_stream)
                fail("an upload cut off by kill -9 was reported stored")
            except client.grpc.RpcError as e:
                check(killed.is_set(), f"the upload was cut off mid-stream ({e.code().name})")
            client.close()
            server.start()
            client = server.client()
            check(snapshot(client) == before,
                  "after a cut-off upload the same networks and audits are listed, no half network")
            check(client.get_audit(audited.audit.name).report == audited.report,
                  "the earlier audit is intact after the cut-off upload")

            # 3. kill -9 in the middle of an audit.
            uploaded = json.loads(run_cli(paths, "upload", big, "--server", server.address,
                                          "--format", "json"))
            big_network = client.get_network(uploaded["network"]["name"])
            before = snapshot(client)
            # Kill while an audit runs; one that finished first is simply redone.
            for _ in range(KILL_ATTEMPTS):
                future = client.audit_future(big_network.name)
                time.sleep(0.1)  # the audit of this network takes about 0.5 s
                in_flight = not future.done()
                if in_flight:
                    break
                future.result()
                before = snapshot(client)
            server.kill()
            check(in_flight, "the audit was still running when the server was killed")
            try:
                future.result()
            except client.grpc.RpcError:
                pass
            client.close()
            server.start()
            client = server.client()
            networks, audits = snapshot(client)
            check(networks == before[0], "after a cut-off audit every network is still listed")
            check(set(before[1]) <= set(audits) and len(audits) <= len(before[1]) + 1,
                  "after a cut-off audit the earlier audits are listed, at most one new")
            for name in audits:
                client.get_audit(name)  # a half-written report would fail here
            check(True, "every listed audit has a readable report")
            check(client.get_audit(audited.audit.name).report == audited.report,
                  "the first audit's report is unchanged")
            redo = client.audit(network.name)
            check(same_report(redo.report, audited.report) is None,
                  "re-auditing the first network still gives the same report")
            client.close()
        finally:
            server.stop()
    print("restart end-to-end: all checks passed")


if __name__ == "__main__":
    main()
