#!/usr/bin/python3
"""A Python client of tiersightd's AuditService: upload a bundle directory,
audit a stored network, fetch and export audits, list networks and audits.

Usable as a library (TiersightClient) or from the command line:

    export TIERSIGHT_TOKEN=...          # or --token-file FILE
    tiersight_client.py --server 127.0.0.1:50051 upload examples/hoarding-network
    tiersight_client.py --server 127.0.0.1:50051 audit NETWORK_ID --pack cn
    tiersight_client.py --server 127.0.0.1:50051 audit NETWORK_ID --jurisdiction cn \
        --param cn.join_share=0.6
    tiersight_client.py --server 127.0.0.1:50051 get-audit AUDIT_ID
    tiersight_client.py --server 127.0.0.1:50051 subjects AUDIT_ID FINDING_INDEX
    tiersight_client.py --server 127.0.0.1:50051 export AUDIT_ID --out report.json
    tiersight_client.py --server 127.0.0.1:50051 networks
    tiersight_client.py --server 127.0.0.1:50051 audits [--network NETWORK_ID]

The generated stubs (tiersight/v1/*_pb2.py, *_pb2_grpc.py) are found in the
directory named by --stubs or $TIERSIGHT_PY_STUBS; see README.md for how to
generate them. Results are printed as JSON with the proto field names, as
`tiersight ... --format json` prints them.
"""

import argparse
import logging
import os
import sys

import tiersight_bundle
import tiersight_upload
from tiersight_bundle import BundleError, located

_LOG = logging.getLogger("tiersight_client")
# About 2 MiB of fields per message, far below the server's message limit.
DEFAULT_BATCH_BYTES = 2 << 20
TOKEN_ENVIRONMENT_VARIABLE = "TIERSIGHT_TOKEN"
# `--pack all`: every shipped pack, whatever the network's jurisdiction.
ALL_PACKS = "all"
# The largest page ListFindingSubjects gives.
MAX_SUBJECTS_PAGE = 10000


def load_stubs(stubs_dir=None):
    """Imports the generated modules from stubs_dir or $TIERSIGHT_PY_STUBS."""
    stubs_dir = stubs_dir or os.environ.get("TIERSIGHT_PY_STUBS")
    if stubs_dir:
        sys.path.insert(0, os.path.abspath(stubs_dir))
    try:
        from tiersight.v1 import audit_service_pb2, audit_service_pb2_grpc, bundle_pb2
    except ImportError as e:
        raise SystemExit(
            f"tiersight_client: cannot import the generated stubs ({e}); generate them "
            "(see clients/python/README.md) and pass --stubs DIR or set TIERSIGHT_PY_STUBS")
    return audit_service_pb2, audit_service_pb2_grpc, bundle_pb2


def parse_params(params):
    """{"PACK.NAME": "VALUE"} from ["PACK.NAME=VALUE", ...] (the CLI's --param).

    Raises ValueError naming an item that is not PACK.NAME=VALUE or a name
    given twice; whether the pack and parameter exist and the value fits is
    the server's to say (INVALID_ARGUMENT naming it).
    """
    out = {}
    for item in params:
        name, equals, value = item.partition("=")
        pack, dot, param = name.partition(".")
        if not (equals and dot and pack and param and value):
            raise ValueError(f"--param '{item}': give it as PACK.NAME=VALUE, e.g. cn.join_share=0.5")
        if name in out:
            raise ValueError(f"--param {name} is given twice")
        out[name] = value
    return out


def read_token(token_file=None):
    if token_file:
        with open(token_file, encoding="utf-8") as f:
            token = f.readline().strip()
        if not token:
            raise SystemExit(f"tiersight_client: token file {token_file} is empty")
        return token
    token = os.environ.get(TOKEN_ENVIRONMENT_VARIABLE, "").strip()
    if not token:
        raise SystemExit(f"tiersight_client: no token: set {TOKEN_ENVIRONMENT_VARIABLE} "
                         "or give --token-file FILE")
    return token


class TiersightClient:
    """One server and the token to call it with."""

    def __init__(self, target, token, ca_file=None, stubs_dir=None):
        import grpc  # Debian: python3-grpcio
        self.grpc = grpc
        self.pb, pb_grpc, self.records = load_stubs(stubs_dir)
        options = [("grpc.max_receive_message_length", 1 << 30)]
        if ca_file:
            with open(ca_file, "rb") as f:
                credentials = grpc.ssl_channel_credentials(root_certificates=f.read())
            self.channel = grpc.secure_channel(target, credentials, options=options)
        else:
            self.channel = grpc.insecure_channel(target, options=options)
        self.stub = pb_grpc.AuditServiceStub(self.channel)
        self.metadata = (("authorization", f"Bearer {token}"),)

    def close(self):
        self.channel.close()

    # Upload ---------------------------------------------------------------

    def upload_requests(self, bundle_dir, display_name="", batch_bytes=DEFAULT_BATCH_BYTES,
                        on_batch=None):
        """The UploadNetwork stream of a bundle directory: the header, then
        batches of about batch_bytes. The bundle is opened (network.yaml
        read, every CSV file decoded and its header checked) before this
        returns, so a bundle the reader refuses raises BundleError here; a
        malformed record raises it while the stream is iterated.
        on_batch(rows_sent, batches_sent) is called after each batch."""
        bundle = tiersight_bundle.open_bundle(bundle_dir)
        for file, line, reason in bundle.warnings:
            _LOG.warning("%s", located(file, line, reason))
        return tiersight_upload.upload_requests(self.pb, self.records, bundle, display_name,
                                                batch_bytes, on_batch)

    def upload(self, bundle_dir, display_name="", batch_bytes=DEFAULT_BATCH_BYTES, on_batch=None,
               timeout=None):
        """Stores a bundle directory; returns the UploadNetworkResponse.

        Raises BundleError naming the file and line for a bundle that
        `tiersight check` refuses or whose records the stream cannot carry:
        before the call for a file-level defect, by cancelling the call for
        a malformed record. Nothing is stored then. An exception raised by
        on_batch cancels the call the same way and is raised as it is."""
        return tiersight_upload.send(
            self.stub.UploadNetwork,
            self.upload_requests(bundle_dir, display_name, batch_bytes, on_batch), self.grpc,
            metadata=self.metadata, timeout=timeout)

    # Audits ---------------------------------------------------------------

    def audit_request(self, network, packs=(), lenient=False, jurisdiction="", params=None):
        """packs: shipped pack names ("cn") or pack file paths (sent inline);
        ["all"]: every shipped pack; empty: the shipped packs of the network's
        jurisdiction (`jurisdiction`, else network.yaml's) and those that run
        everywhere, every pack when it has none. params: {"PACK.NAME": value}
        overrides of pack parameters (values as text or numbers)."""
        if ALL_PACKS in packs and len(packs) > 1:
            raise ValueError("--pack all runs every shipped pack; it cannot be given with other packs")
        request = self.pb.AuditNetworkRequest(network=network_name(network), lenient=lenient,
                                              jurisdiction=jurisdiction,
                                              all_packs=ALL_PACKS in packs)
        for name, value in (params or {}).items():
            request.params[name] = str(value)
        for pack in packs:
            if pack == ALL_PACKS:
                continue
            if "/" in pack or os.path.exists(pack):
                with open(pack, encoding="utf-8") as f:
                    request.inline_packs.add(file=os.path.basename(pack), yaml=f.read())
            else:
                request.rule_packs.append(f"rulePacks/{pack}")
        return request

    def audit(self, network, packs=(), lenient=False, timeout=None, jurisdiction="", params=None):
        """Audits a stored network; returns the AuditNetworkResponse. Its
        report names at most 10,000 subjects per finding
        (subjects_truncated); fill_truncated_subjects fetches the rest."""
        return self.stub.AuditNetwork(
            self.audit_request(network, packs, lenient, jurisdiction, params),
            metadata=self.metadata, timeout=timeout)

    def audit_future(self, network, packs=(), lenient=False, jurisdiction="", params=None):
        """AuditNetwork started without waiting for it: a grpc.Future."""
        return self.stub.AuditNetwork.future(
            self.audit_request(network, packs, lenient, jurisdiction, params),
            metadata=self.metadata)

    def list_finding_subjects(self, audit, finding, page_size=MAX_SUBJECTS_PAGE):
        """Every subject of the finding at index `finding` (0 for the first)
        of a recorded audit, in the finding's order, fetched page by page."""
        subjects, token = [], ""
        while True:
            page = self.stub.ListFindingSubjects(
                self.pb.ListFindingSubjectsRequest(audit=audit_name(audit), finding=finding,
                                                   page_size=page_size, page_token=token),
                metadata=self.metadata)
            subjects.extend(page.subjects)
            token = page.next_page_token
            if not token:
                return subjects

    def fill_truncated_subjects(self, audit, report):
        """Replaces the subjects of each finding a response cut to 10,000
        (subjects_truncated) by all of them; returns the report."""
        for index, finding in enumerate(report.findings):
            if finding.subjects_truncated:
                subjects = self.list_finding_subjects(audit, index)
                del finding.subjects[:]
                finding.subjects.extend(subjects)
                finding.subjects_truncated = False
        return report

    def get_audit(self, audit):
        return self.stub.GetAudit(self.pb.GetAuditRequest(name=audit_name(audit)),
                                  metadata=self.metadata)

    def export_report(self, audit, report_format="json", lang="en",
                      include_personal_data=False):
        """The exported report's bytes and content type: "json", "html" (in
        lang, a language the server's report has; another is INVALID_ARGUMENT
        naming them) or "csv" (a zip of the tables). Agent ids are
        pseudonymised unless include_personal_data is set."""
        chunks, content_type = [], ""
        request = self.pb.ExportReportRequest(name=audit_name(audit), format=report_format,
                                              lang=lang,
                                              include_personal_data=include_personal_data)
        for chunk in self.stub.ExportReport(request, metadata=self.metadata):
            content_type = content_type or chunk.content_type
            chunks.append(chunk.data)
        return b"".join(chunks), content_type

    # Listings -------------------------------------------------------------

    def get_network(self, network):
        return self.stub.GetNetwork(self.pb.GetNetworkRequest(name=network_name(network)),
                                    metadata=self.metadata).network

    def list_networks(self):
        """Every network of the tenant, newest first (all pages)."""
        out, token = [], ""
        while True:
            page = self.stub.ListNetworks(self.pb.ListNetworksRequest(page_token=token),
                                          metadata=self.metadata)
            out.extend(page.networks)
            token = page.next_page_token
            if not token:
                return out

    def list_audits(self, network=""):
        """Every audit of the tenant (of one network when given), newest first."""
        out, token = [], ""
        network = network_name(network) if network else ""
        while True:
            page = self.stub.ListAudits(
                self.pb.ListAuditsRequest(page_token=token, network=network),
                metadata=self.metadata)
            out.extend(page.audits)
            token = page.next_page_token
            if not token:
                return out


def network_name(network):
    return network if network.startswith("networks/") else f"networks/{network}"


def audit_name(audit):
    return audit if audit.startswith("audits/") else f"audits/{audit}"


def to_json(message):
    from google.protobuf import json_format
    return json_format.MessageToJson(message, preserving_proto_field_name=True,
                                     including_default_value_fields=True, indent=2,
                                     ensure_ascii=False)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--server", required=True, help="HOST:PORT of tiersightd")
    parser.add_argument("--token-file", help=f"bearer token file (default: ${TOKEN_ENVIRONMENT_VARIABLE})")
    parser.add_argument("--ca-file", help="PEM CA certificates: connect with TLS")
    parser.add_argument("--stubs", help="directory of the generated stubs "
                                        "(default: $TIERSIGHT_PY_STUBS)")
    verbs = parser.add_subparsers(dest="verb", required=True)
    upload = verbs.add_parser("upload", help="store a bundle directory")
    upload.add_argument("bundle")
    upload.add_argument("--display-name", default="")
    audit = verbs.add_parser("audit", help="audit a stored network")
    audit.add_argument("network")
    audit.add_argument("--pack", action="append", default=[],
                       help="shipped pack name or pack file; repeatable; `all`: every shipped pack "
                            "(default: the packs of the network's jurisdiction)")
    audit.add_argument("--jurisdiction", default="",
                       help="the network's jurisdiction, a code the packs declare (cn, us, eu, ...)")
    audit.add_argument("--param", action="append", default=[],
                       help="PACK.NAME=VALUE: a pack parameter for this audit; repeatable")
    audit.add_argument("--lenient", action="store_true")
    get_audit = verbs.add_parser("get-audit", help="one recorded audit and its report")
    get_audit.add_argument("audit")
    subjects = verbs.add_parser("subjects", help="every subject of one finding, one per line")
    subjects.add_argument("audit")
    subjects.add_argument("finding", type=int, help="the finding's index in the report, 0 first")
    export = verbs.add_parser("export", help="an audit's report as a file")
    export.add_argument("audit")
    export.add_argument("--format", default="json", choices=["json", "html", "csv"],
                        help="csv: a zip of the CSV tables")
    export.add_argument("--lang", default="en",
                        help="labels of the HTML report (the server refuses a language it lacks)")
    export.add_argument("--include-personal-data", action="store_true",
                        help="agent ids as in the bundle (default: pseudonyms)")
    export.add_argument("--out", required=True)
    verbs.add_parser("networks", help="the tenant's networks")
    audits = verbs.add_parser("audits", help="the tenant's audits")
    audits.add_argument("--network", default="")
    args = parser.parse_args(argv)
    logging.basicConfig(format="tiersight_client: %(message)s")
    params = {}
    if args.verb == "audit":
        try:
            params = parse_params(args.param)
        except ValueError as e:
            parser.error(str(e))

    client = TiersightClient(args.server, read_token(args.token_file), args.ca_file, args.stubs)
    try:
        if args.verb == "upload":
            print(to_json(client.upload(args.bundle, args.display_name)))
        elif args.verb == "audit":
            response = client.audit(args.network, args.pack, args.lenient,
                                    jurisdiction=args.jurisdiction, params=params)
            client.fill_truncated_subjects(response.audit.name, response.report)
            print(to_json(response))
        elif args.verb == "subjects":
            for subject in client.list_finding_subjects(args.audit, args.finding):
                print(subject)
        elif args.verb == "get-audit":
            print(to_json(client.get_audit(args.audit)))
        elif args.verb == "export":
            data, content_type = client.export_report(args.audit, args.format, args.lang,
                                                      args.include_personal_data)
            with open(args.out, "wb") as f:
                f.write(data)
            print(f"{args.out}: {len(data)} bytes ({content_type})", file=sys.stderr)
        elif args.verb == "networks":
            for network in client.list_networks():
                print(f"{network.name}\t{network.display_name}\t{network.digest}\t"
                      f"{network.agent_count} agents")
        elif args.verb == "audits":
            for a in client.list_audits(args.network):
                print(f"{a.name}\t{a.network}\t{a.finding_count} findings")
    except ValueError as e:
        print(f"tiersight_client: {e}", file=sys.stderr)
        return 2
    except BundleError as e:
        if len(e.problems) == 1:
            print(f"tiersight_client: {args.bundle}: {e}; nothing uploaded", file=sys.stderr)
        else:
            for problem in e.problems:
                print(problem, file=sys.stderr)
            print(f"tiersight_client: {args.bundle}: {len(e.problems)} problems; nothing uploaded",
                  file=sys.stderr)
        return 1
    except client.grpc.RpcError as e:
        print(f"tiersight_client: {args.server}: {e.code().name}: {e.details()}", file=sys.stderr)
        return 1
    finally:
        client.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
