#!/usr/bin/env python3
"""Writes the seed inputs of every fuzz target into OUT_DIR/<target>/.

The small hand-written seeds of fuzz/corpus/<target>/ are copied; the rest
is derived from what the repository already holds, so that the repository
keeps no second copy of it: the CSV files and network.yaml of the fixed
bundle, of the shipped packs' test bundles and the head of each example
network; the shipped rule packs; the sample server configuration; and,
made with the CLI given, a signed JSON report and a signed HTML report of
the fixed bundle (signed with the fuzz key, see fuzz/fuzz_support.h) and
upload streams of the fixed bundle's rows.

Usage: make_seeds.py TIERSIGHT_CLI OUT_DIR
"""

import base64
import glob
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUNDLE = os.path.join(ROOT, "fuzz", "bundle")
# Rows kept of an example network's files: enough for every kind of row,
# small enough that the fuzzer's inputs stay short.
EXAMPLE_ROWS = 40

TARGETS = [
    "agents_csv", "orders_csv", "payments_csv", "network_yaml", "rule_pack", "rule_expression",
    "server_options", "canonical_json", "verify_report", "upload_request",
]

BUNDLE_FILES = {
    "agents_csv": "agents.csv",
    "orders_csv": "orders.csv",
    "payments_csv": "payments.csv",
    "network_yaml": "network.yaml",
}


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(path, mode) as f:
        f.write(data)


def bundle_dirs():
    dirs = [BUNDLE]
    dirs += sorted(glob.glob(os.path.join(ROOT, "rules", "packs", "tests", "*", "*")))
    return dirs


def bundle_seeds(out):
    for target, name in BUNDLE_FILES.items():
        for d in bundle_dirs():
            path = os.path.join(d, name)
            if os.path.isfile(path):
                tag = os.path.relpath(d, ROOT).replace(os.sep, "-")
                shutil.copyfile(path, os.path.join(out, target, tag))
        for example in sorted(glob.glob(os.path.join(ROOT, "examples", "*", name))):
            with open(example, "rb") as f:
                head = b"".join(f.readlines()[:EXAMPLE_ROWS])
            tag = os.path.basename(os.path.dirname(example))
            write(os.path.join(out, target, "example-" + tag), head)


def fuzz_key_pem():
    # PKCS#8 of the Ed25519 seed 1, 2, ..., 32: the key FuzzKey() builds.
    der = bytes.fromhex("302e020100300506032b657004220420") + bytes(range(1, 33))
    return ("-----BEGIN PRIVATE KEY-----\n" + base64.b64encode(der).decode() +
            "\n-----END PRIVATE KEY-----\n")


def report_seeds(cli, out):
    with tempfile.TemporaryDirectory() as tmp:
        key = os.path.join(tmp, "fuzz.key")
        write(key, fuzz_key_pem())
        os.chmod(key, 0o600)
        outputs = {
            "signed.json": ["--sign-key", key],
            "signed.html": ["--sign-key", key],
            "unsigned.json": ["--include-personal-data"],
        }
        for name, extra in outputs.items():
            path = os.path.join(tmp, name)
            subprocess.run([cli, "audit", BUNDLE, "--out", path, "--reproducible",
                            "--log-level", "error"] + extra,
                           check=True, stdout=subprocess.DEVNULL)
            with open(path, "rb") as f:
                data = f.read()
            write(os.path.join(out, "verify_report", name), data)
            if name.endswith(".json"):
                write(os.path.join(out, "canonical_json", name), data)


def field(number, payload):
    """One length-delimited protobuf field."""
    return varint(number << 3 | 2) + varint(len(payload)) + payload


def varint(n):
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def record(values):
    return b"".join(field(i + 1, v.encode()) for i, v in enumerate(values) if v)


def csv_rows(path):
    import csv
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[1:]


def upload_seeds(out):
    import yaml
    with open(os.path.join(BUNDLE, "network.yaml"), encoding="utf-8") as f:
        facts_yaml = yaml.safe_load(f)
    facts = b"".join([
        field(1, facts_yaml["name"].encode()),
        field(2, facts_yaml["currency"].encode()),
        field(3, str(facts_yaml["as_of"]).encode()),
        b"".join(field(4, t.encode()) for t in facts_yaml["tiers"]),
        field(5, facts_yaml["encoding"].encode()),
    ])
    header = field(1, field(1, facts) + field(2, b"fuzz upload"))
    batches = []
    for number, name in ((1, "agents.csv"), (2, "orders.csv"), (3, "payments.csv")):
        rows = csv_rows(os.path.join(BUNDLE, name))
        batches.append(b"".join(field(number, record(r)) for r in rows))
    messages = [header] + [field(2, b) for b in batches]
    stream = b"".join(varint(len(m)) + m for m in messages)
    write(os.path.join(out, "upload_request", "fixed-bundle"), stream)
    one_batch = field(2, b"".join(batches))
    write(os.path.join(out, "upload_request", "fixed-bundle-one-batch"),
          varint(len(header)) + header + varint(len(one_batch)) + one_batch)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    cli, out = sys.argv[1], sys.argv[2]
    for target in TARGETS:
        os.makedirs(os.path.join(out, target), exist_ok=True)
    for target_dir in glob.glob(os.path.join(ROOT, "fuzz", "corpus", "*")):
        target = os.path.basename(target_dir)
        os.makedirs(os.path.join(out, target), exist_ok=True)
        for seed in glob.glob(os.path.join(target_dir, "*")):
            shutil.copyfile(seed, os.path.join(out, target, os.path.basename(seed)))
    bundle_seeds(out)
    for pack in sorted(glob.glob(os.path.join(ROOT, "rules", "packs", "*.yaml"))):
        shutil.copyfile(pack, os.path.join(out, "rule_pack", os.path.basename(pack)))
    shutil.copyfile(os.path.join(ROOT, "deploy", "tiersightd.yaml"),
                    os.path.join(out, "server_options", "deploy-tiersightd.yaml"))
    report_seeds(cli, out)
    upload_seeds(out)


if __name__ == "__main__":
    main()
