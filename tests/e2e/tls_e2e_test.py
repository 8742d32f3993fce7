#!/usr/bin/python3
"""tiersightd with TLS: the CLI (--ca-file) and the Python client (ca_file)
upload and audit over it; without the CA, or in plaintext, they are refused.
"""

import os
import subprocess
import sys

from e2e_support import Paths, Server, WorkDir, check, run_cli


def make_certificate(work):
    """A self-signed certificate for 127.0.0.1, which is also its own CA."""
    cert, key = os.path.join(work, "server.pem"), os.path.join(work, "server.key")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj",
                    "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", key, "-out", cert], check=True, capture_output=True)
    return cert, key


def main():
    paths = Paths(sys.argv)
    bundle = os.path.join(paths.source, "examples", "hoarding-network")
    with WorkDir() as work:
        cert, key = make_certificate(work)
        server = Server(paths, work, extra_config=(
            f"tls:\n  enabled: true\n  cert_file: {cert}\n  key_file: {key}\n")).start()
        try:
            out = run_cli(paths, "upload", bundle, "--server", server.address, "--ca-file", cert)
            check("bundle digest" in out, "tiersight upload --ca-file stores over TLS")
            network = [l.split()[1] for l in out.splitlines() if l.startswith("network ")][0]
            out = run_cli(paths, "audit", "--server", server.address, "--network", network,
                          "--ca-file", cert, "--pack", "cn")
            check(out.startswith("Verdicts:") and "\nFindings" in out,
                  "tiersight audit --server --ca-file audits over TLS")
            run_cli(paths, "upload", bundle, "--server", server.address, expect=1)
            check(True, "a plaintext client is refused by the TLS server")

            client = server.client(ca_file=cert)
            audited = client.audit(network, packs=["cn"])
            check(audited.audit.network == network, "the Python client audits over TLS")
            client.close()
        finally:
            server.stop()
    print("TLS end-to-end: all checks passed")


if __name__ == "__main__":
    main()
