#!/usr/bin/python3
"""The real tiersightd on a loopback port, driven by the Python client and by
the CLI: a generated bundle uploaded and audited over gRPC gives the same
figures and findings as `tiersight audit --format json` of the same bundle.
"""

import json
import os
import sys

from e2e_support import (Paths, Server, WorkDir, check, comparable_report, fail,
                         first_difference, generate_bundle, run_cli)

AGENTS = 2000


def local_report(paths, bundle, pb, *packs):
    from google.protobuf import json_format
    args = ["audit", bundle, "--format", "json"]
    for pack in packs:
        args += ["--pack", pack]
    report = pb.AuditReport()
    json_format.Parse(run_cli(paths, *args), report, ignore_unknown_fields=False)
    return report


def without_digest(text):
    """The stored rows are laid out by the service, so their digest differs."""
    return "\n".join(l for l in text.splitlines() if "bundle digest" not in l)


def expect_same(service, local, what):
    d = first_difference(comparable_report(service), comparable_report(local))
    check(d is None, f"{what}: same figures and findings as the local audit"
          + ("" if d is None else f" (first difference: {d})"))


def main():
    paths = Paths(sys.argv)
    import tiersight_client
    from tiersight.v1 import findings_pb2
    with WorkDir() as work:
        bundle = generate_bundle(paths, os.path.join(work, "bundle"), AGENTS, profile="hoarding")
        server = Server(paths, work).start()
        try:
            client = server.client()

            # Python client: upload, audit with every shipped pack.
            uploaded = client.upload(bundle, display_name="generated")
            network = uploaded.network
            check(network.name.startswith("networks/"), f"upload names the network ({network.name})")
            check(network.agent_count == AGENTS, "every agent row is stored")
            check(network.load.usable and not network.load.errors, "the generated bundle loads clean")
            check(len(network.digest) == 64, "the network has a SHA-256 digest")
            audited = client.audit(network.name)
            local_all = local_report(paths, bundle, findings_pb2)
            expect_same(audited.report, local_all, "every shipped pack")
            check(len(audited.report.findings) > 0, "the hoarding network has findings to compare")
            check(len(audited.report.findings) == audited.audit.finding_count,
                  "Audit.finding_count counts the report's findings")
            check(audited.report.levels and audited.report.tiers,
                  "the report carries level and tier figures")

            # One pack by name, and the same pack sent inline from its file.
            cn = client.audit(network.name, packs=["cn"])
            expect_same(cn.report, local_report(paths, bundle, findings_pb2, "cn"), "pack cn")
            pack_file = os.path.join(paths.source, "rules", "packs", "cn.yaml")
            inline = client.audit(network.name, packs=[pack_file])
            check(first_difference(comparable_report(inline.report),
                                   comparable_report(cn.report)) is None,
                  "a pack sent inline gives the findings of the shipped pack")

            # ListFindingSubjects pages through every subject of a finding.
            index = max(range(len(audited.report.findings)),
                        key=lambda i: audited.report.findings[i].subject_count)
            finding = audited.report.findings[index]
            subjects = client.list_finding_subjects(audited.audit.name, index, page_size=7)
            check(len(subjects) > 7 and len(subjects) == finding.subject_count
                  and subjects == list(finding.subjects),
                  f"ListFindingSubjects pages through the {len(subjects)} subjects of a finding")

            # A jurisdiction or parameter no pack knows is refused, naming it.
            for kwargs, named in (({"jurisdiction": "zz"}, "'zz'"),
                                  ({"params": {"cn.no_such_param": "1"}}, "'cn.no_such_param'")):
                try:
                    client.audit(network.name, **kwargs)
                    fail(f"an audit with {kwargs} was run")
                except client.grpc.RpcError as e:
                    check(e.code() == client.grpc.StatusCode.INVALID_ARGUMENT
                          and named in e.details(),
                          f"an audit with {kwargs} is INVALID_ARGUMENT naming {named}")

            # GetAudit returns the report AuditNetwork returned.
            fetched = client.get_audit(audited.audit.name)
            check(fetched.report == audited.report, "GetAudit returns the recorded report")
            check(fetched.audit.network == network.name, "the audit names its network")
            exported, content_type = client.export_report(audited.audit.name)
            check(content_type.startswith("application/json"), "ExportReport sends JSON")
            check(json.loads(exported)["network"]["participants"] == AGENTS,
                  "the exported report holds the figures")
            check(json.loads(exported)["provenance"]["personal_data"] == "pseudonymised",
                  "exports are pseudonymised by default")
            html, content_type = client.export_report(audited.audit.name, "html", lang="zh")
            check(content_type.startswith("text/html") and b'<html lang="zh-CN">' in html
                  and b"<svg" in html, "ExportReport sends the HTML report in Chinese")
            tables, content_type = client.export_report(audited.audit.name, "csv")
            check(content_type == "application/zip" and tables.startswith(b"PK\x03\x04"),
                  "ExportReport sends the CSV tables as a zip")
            # The stored records, downloaded, are the bundle the report's
            # digest names: a signed export verifies against them.
            stored = os.path.join(work, "stored")
            run_cli(paths, "download", "--server", server.address, "--network", network.name,
                    "--out", stored)
            check(f'"digest": "{network.digest}"' in run_cli(paths, "check", stored, "--format", "json"),
                  "download writes the files the network's digest names")
            run_cli(paths, "download", "--server", server.address, "--network", network.name,
                    "--out", stored, expect=1)
            report_path = os.path.join(work, "service-report.json")
            with open(report_path, "wb") as f:
                f.write(exported)
            run_cli(paths, "keygen", "--out", os.path.join(work, "brand"))
            run_cli(paths, "sign", report_path, "--key", os.path.join(work, "brand.key"))
            verified = run_cli(paths, "verify", report_path, "--pubkey",
                               os.path.join(work, "brand.pub"), "--bundle", stored)
            check("match a fresh audit" in verified,
                  "the service's report verifies against the downloaded records")
            check(network.name in [n.name for n in client.list_networks()],
                  "ListNetworks lists the upload")
            check(audited.audit.name in [a.name for a in client.list_audits(network.name)],
                  "ListAudits lists the audit")

            # The CLI: upload and audit --server print what the local verbs print.
            upload_json = json.loads(run_cli(paths, "upload", bundle, "--server", server.address,
                                             "--format", "json"))
            cli_network = upload_json["network"]["name"]
            check(upload_json["network"]["digest"] == network.digest,
                  "the same rows uploaded again give the same digest")
            text = run_cli(paths, "upload", bundle, "--server", server.address)
            check("bundle digest " + network.digest in text and "Load (strict)" in text,
                  "upload prints the load report and the digest")
            local_text = run_cli(paths, "check", bundle)
            check(local_text.split("bundle digest")[0] in text,
                  "upload prints the load table `tiersight check` prints")
            from google.protobuf import json_format
            remote = findings_pb2.AuditReport()
            json_format.Parse(run_cli(paths, "audit", "--server", server.address, "--network",
                                      cli_network.split("/", 1)[1], "--format", "json",
                                      "--pack", "cn"), remote)
            expect_same(remote, local_report(paths, bundle, findings_pb2, "cn"),
                        "tiersight audit --server --format json")
            remote_text = run_cli(paths, "audit", "--server", server.address, "--network",
                                  cli_network, "--pack", "cn")
            local_text = run_cli(paths, "audit", bundle, "--pack", "cn")
            check(without_digest(remote_text) == without_digest(local_text),
                  "audit --server prints the text the local audit prints")
            run_cli(paths, "audit", "--server", server.address, "--network", cli_network,
                    "--fail-on", "high", expect=3)
            check(True, "audit --server --fail-on exits 3 on a high finding, as the local audit")

            # Rejected rows are stored and reported as `check` reports them.
            bad = os.path.join(work, "bad")
            os.makedirs(bad)
            with open(os.path.join(bad, "agents.csv"), "w", encoding="utf-8") as f:
                f.write("agent_id,sponsor_id\nT,\nA,T\nB,ghost\n")
            out = run_cli(paths, "upload", bad, "--server", server.address, expect=1)
            check("agents.csv:4: unknown sponsor_id 'ghost'" in out,
                  "upload exits 1 and names a rejected row's file, line and reason")
            bad_network = [l.split()[1] for l in out.splitlines() if l.startswith("network ")][0]
            run_cli(paths, "audit", "--server", server.address, "--network", bad_network,
                    expect=1)
            check(True, "a strict audit of a network with rejected rows fails")
            out = run_cli(paths, "audit", "--server", server.address, "--network", bad_network,
                          "--lenient", "--format", "json")
            check(json.loads(out)["network"]["participants"] == 2,
                  "a lenient audit leaves the rejected row out")

            # Errors reach the CLI with their gRPC code.
            run_cli(paths, "audit", "--server", server.address, "--network", "no-such-network",
                    expect=1)
            run_cli(paths, "audit", "--server", server.address, "--network", cli_network,
                    "--param", "cn.no_such_param=1", expect=1)
            check(True, "audit --server --param of no parameter exits 1 (the server's refusal)")
            run_cli(paths, "audit", "--server", server.address, "--network", cli_network,
                    "--param", "no_dot", expect=2)
            check(True, "audit --server --param not as PACK.NAME=VALUE is a usage error")
            client.close()
            bad = tiersight_client.TiersightClient(server.address, "wrong-token",
                                                   stubs_dir=paths.stubs)
            try:
                bad.list_networks()
                fail("an unknown token was accepted")
            except bad.grpc.RpcError as e:
                check(e.code() == bad.grpc.StatusCode.UNAUTHENTICATED,
                      "an unknown token gets UNAUTHENTICATED")
            bad.close()
        finally:
            server.stop()
    print("service end-to-end: all checks passed")


if __name__ == "__main__":
    main()
