"""Reading a bundle directory exactly as tiersight's bundle reader (graph/)
reads it, so that what the Python client uploads is what `tiersight check`
and `tiersight upload` read from the same files: the same encodings, line
ends, quoting, header rules and network.yaml rules, and the same refusals,
named by file and line.

Nothing here judges rows (unknown sponsors, bad amounts, ...): the server
does that with the bundle reader itself and answers in the load report.
"""

from tiersight_bundle.bundle import Bundle, open_bundle
from tiersight_bundle.columns import AGENTS_FILE, ORDERS_FILE, PAYMENTS_FILE
from tiersight_bundle.errors import BundleError, located
from tiersight_bundle.network_yaml import NetworkFacts

__all__ = ["AGENTS_FILE", "ORDERS_FILE", "PAYMENTS_FILE", "Bundle", "BundleError",
           "NetworkFacts", "located", "open_bundle"]
