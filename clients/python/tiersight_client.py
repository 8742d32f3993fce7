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
import csv
import io
import logging
import os
import sys

KNOWN_ENCODINGS = {"utf-8": "utf-8", "utf8": "utf-8",
                   "gb18030": "gb18030", "gbk": "gb18030", "gb2312": "gb18030"}
# The bundle format's required columns (a file without one is refused).
REQUIRED_COLUMNS = {
    "agents.csv": ("agent_id", "sponsor_id"),
    "orders.csv": ("order_id", "date", "seller_id", "buyer_id", "quantity", "amount"),
    "payments.csv": ("payment_id", "date", "payer_id", "payee_id", "amount", "kind"),
}
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


class BundleError(Exception):
    """A bundle the upload stream cannot carry: refused file, malformed record."""


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


def _read_network_yaml(bundle_dir):
    """The facts of network.yaml as a dict, and the CSV files' encoding."""
    path = os.path.join(bundle_dir, "network.yaml")
    if not os.path.exists(path):
        return {}, None
    import yaml  # Debian: python3-yaml
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f) or {}
    facts = {
        "name": str(doc.get("name", "") or ""),
        "currency": str(doc.get("currency", "") or ""),
        # YAML reads 2026-09-30 as a date; only the day counts.
        "as_of": str(doc.get("as_of", "") or "")[:10],
        "tiers": [str(t) for t in (doc.get("tiers") or [])],
        # YAML 1.1 reads Norway's bare code, no, as false.
        "jurisdiction": "no" if doc.get("jurisdiction") is False
                        else str(doc.get("jurisdiction", "") or ""),
        "direct_selling_licence": doc.get("direct_selling_licence") is True,
    }
    encoding = doc.get("encoding")
    if encoding is not None:
        if str(encoding).lower() not in KNOWN_ENCODINGS:
            raise BundleError(f"network.yaml: unknown encoding '{encoding}'")
        encoding = KNOWN_ENCODINGS[str(encoding).lower()]
    return facts, encoding


def _decode(path, encoding):
    data = open(path, "rb").read()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if encoding:
        return data.decode(encoding)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")  # what the CLI falls back to, with a warning


def iter_csv_rows(path, file_name, columns, encoding):
    """Yields (dict of known column -> text) for every non-blank record.

    Fields and header names are trimmed of ASCII spaces as the bundle format
    says. A missing required column or a record whose field count is not the
    header's raises BundleError naming the file and record.
    """
    reader = csv.reader(io.StringIO(_decode(path, encoding), newline=""), strict=True)
    header = None
    records = iter(reader)
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except csv.Error as e:
            raise BundleError(f"{file_name}:{reader.line_num}: {e}") from e
        if not record or record == [""]:
            continue
        fields = [f.strip(" ") for f in record]
        if header is None:
            header = fields
            missing = [c for c in REQUIRED_COLUMNS[file_name] if c not in header]
            if missing:
                raise BundleError(f"{file_name}:1: missing required column {', '.join(missing)}")
            index = [(header.index(c), c) for c in columns if c in header]
            for unknown in sorted(set(header) - set(columns)):
                logging.warning("%s:1: column '%s' is not part of the format; ignored",
                                file_name, unknown)
            continue
        if len(fields) != len(header):
            raise BundleError(f"{file_name}: record {reader.line_num}: {len(fields)} fields "
                              f"where the header has {len(header)}")
        yield {c: fields[i] for i, c in index if fields[i]}


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
        batches of about batch_bytes. on_batch(rows_sent, batches_sent) is
        called after each batch is handed to gRPC."""
        pb, records = self.pb, self.records
        facts, encoding = _read_network_yaml(bundle_dir)
        yield pb.UploadNetworkRequest(header=pb.UploadNetworkHeader(
            facts=records.NetworkFacts(**facts), display_name=display_name))
        kinds = (("agents.csv", "agents", records.Agent),
                 ("orders.csv", "orders", records.Order),
                 ("payments.csv", "payments", records.Payment))
        batch, size, rows, batches = pb.UploadNetworkBatch(), 0, 0, 0
        for file_name, field, message in kinds:
            path = os.path.join(bundle_dir, file_name)
            if not os.path.exists(path):
                if file_name == "agents.csv":
                    raise BundleError(f"{path}: required file is missing from the bundle")
                continue
            columns = [f.name for f in message.DESCRIPTOR.fields]
            for row in iter_csv_rows(path, file_name, columns, encoding):
                getattr(batch, field).append(message(**row))
                size += sum(len(v) + 2 for v in row.values()) + 2
                rows += 1
                if size >= batch_bytes:
                    yield pb.UploadNetworkRequest(batch=batch)
                    batches += 1
                    if on_batch:
                        on_batch(rows, batches)
                    batch, size = pb.UploadNetworkBatch(), 0
        if size:
            yield pb.UploadNetworkRequest(batch=batch)
            batches += 1
            if on_batch:
                on_batch(rows, batches)

    def upload(self, bundle_dir, display_name="", batch_bytes=DEFAULT_BATCH_BYTES, on_batch=None):
        """Stores a bundle directory; returns the UploadNetworkResponse."""
        return self.stub.UploadNetwork(
            self.upload_requests(bundle_dir, display_name, batch_bytes, on_batch),
            metadata=self.metadata)

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
        print(f"tiersight_client: {e}; nothing uploaded", file=sys.stderr)
        return 1
    except client.grpc.RpcError as e:
        print(f"tiersight_client: {args.server}: {e.code().name}: {e.details()}", file=sys.stderr)
        return 1
    finally:
        client.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
