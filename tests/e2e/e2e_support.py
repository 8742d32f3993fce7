"""What the end-to-end tests share: a real tiersightd on a loopback port over
a data directory that outlives it, the Python client, and the CLI.

Usage of every test: TEST.py TIERSIGHTD TIERSIGHT STUBS_DIR SOURCE_DIR
"""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

TOKEN = "e2e-token-0123456789"
START_TIMEOUT_SECONDS = 15


class Paths:
    def __init__(self, argv):
        if len(argv) != 5:
            sys.exit(f"usage: {argv[0]} TIERSIGHTD TIERSIGHT STUBS_DIR SOURCE_DIR")
        self.tiersightd, self.tiersight, self.stubs, self.source = argv[1:5]
        sys.path.insert(0, os.path.join(self.source, "clients", "python"))
        sys.path.insert(0, os.path.abspath(self.stubs))


class Server:
    """tiersightd over `data_dir`; start() again after kill() restarts it on
    the same data."""

    def __init__(self, paths, work_dir, extra_config=""):
        self.paths = paths
        self.data_dir = os.path.join(work_dir, "data")
        self.config = os.path.join(work_dir, "tiersightd.yaml")
        self.port_file = os.path.join(work_dir, "port")
        self.log = os.path.join(work_dir, "tiersightd.log")
        with open(self.config, "w", encoding="utf-8") as f:
            f.write("listen: 127.0.0.1:0\n"
                    f"data_dir: {self.data_dir}\n"
                    "tokens:\n"
                    f"  - token: {TOKEN}\n"
                    "    token_name: e2e\n"
                    "    tenant: compliance\n" + extra_config)
        self.process = None
        self.address = None

    def start(self):
        if os.path.exists(self.port_file):
            os.remove(self.port_file)
        log = open(self.log, "a", encoding="utf-8")
        self.process = subprocess.Popen(
            [self.paths.tiersightd, "--config", self.config, "--listen", "127.0.0.1:0",
             "--data-dir", self.data_dir, "--port-file", self.port_file],
            stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                fail(f"tiersightd exited with {self.process.returncode}:\n{self.tail_log()}")
            if os.path.exists(self.port_file):
                port = open(self.port_file, encoding="utf-8").read().strip()
                if port:
                    self.address = f"127.0.0.1:{port}"
                    return self
            time.sleep(0.05)
        fail(f"tiersightd wrote no port file in {START_TIMEOUT_SECONDS} s:\n{self.tail_log()}")

    def kill(self):
        """kill -9: no shutdown code runs."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()

    def client(self, ca_file=None):
        import tiersight_client
        return tiersight_client.TiersightClient(self.address, TOKEN, ca_file=ca_file,
                                                stubs_dir=self.paths.stubs)

    def tail_log(self):
        with open(self.log, encoding="utf-8", errors="replace") as f:
            return "".join(f.readlines()[-20:])


class WorkDir:
    def __enter__(self):
        self.path = tempfile.mkdtemp(prefix="tiersight-e2e-")
        return self.path

    def __exit__(self, *exc):
        shutil.rmtree(self.path, ignore_errors=True)


def fail(message):
    print(f"FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)
    print(f"ok: {message}")


def run_cli(paths, *args, env_token=True, expect=0):
    env = dict(os.environ)
    if env_token:
        env["TIERSIGHT_TOKEN"] = TOKEN
    result = subprocess.run([paths.tiersight, *args], capture_output=True, text=True, env=env)
    if result.returncode != expect:
        fail(f"tiersight {' '.join(args)}: exit {result.returncode}, expected {expect}\n"
             f"{result.stderr[-2000:]}")
    return result.stdout


def generate_bundle(paths, out_dir, agents, seed=7, profile=None):
    args = ["generate", out_dir, "--agents", str(agents), "--seed", str(seed)]
    if profile:
        args += ["--profile", profile]
    run_cli(paths, *args)
    return out_dir


def comparable_report(report):
    """The AuditReport without what legitimately differs between a local run
    and the service's over the same rows: the time it was made, and the
    digest of the files and each file's SHA-256 (the service stores the rows
    in its own CSV layout, so its digest names its files)."""
    from google.protobuf import json_format
    copy = type(report)()
    copy.CopyFrom(report)
    copy.provenance.ClearField("generated_at")
    copy.provenance.ClearField("bundle_digest")
    copy.bundle.ClearField("digest")
    for f in copy.load.files:
        f.ClearField("sha256")
    return json_format.MessageToDict(copy, preserving_proto_field_name=True)


def first_difference(left, right, path="report"):
    """Where two JSON-like values first differ, for a readable failure."""
    if type(left) != type(right):
        return f"{path}: {left!r} != {right!r}"
    if isinstance(left, dict):
        for key in sorted(set(left) | set(right)):
            if key not in left or key not in right:
                return f"{path}.{key}: only on one side"
            d = first_difference(left[key], right[key], f"{path}.{key}")
            if d:
                return d
        return None
    if isinstance(left, list):
        if len(left) != len(right):
            return f"{path}: {len(left)} items != {len(right)} items"
        for i, (a, b) in enumerate(zip(left, right)):
            d = first_difference(a, b, f"{path}[{i}]")
            if d:
                return d
        return None
    return None if left == right else f"{path}: {left!r} != {right!r}"
