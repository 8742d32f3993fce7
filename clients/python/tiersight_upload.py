"""The UploadNetwork stream of an opened bundle (tiersight_bundle), and the
way it is handed to gRPC so that a bundle error raised while it is being
sent reaches the caller as that error, with nothing stored.

gRPC's Python library turns any exception a request iterator raises into
"UNKNOWN: Exception iterating requests!" (and logs a traceback), which
names neither the file nor the line. CancellingRequests catches it instead,
cancels the call, so the server stores nothing, and keeps it for upload()
to raise."""

import threading

from tiersight_bundle import AGENTS_FILE, ORDERS_FILE, PAYMENTS_FILE

# Per-field overhead of the wire format (tag and length), for batch sizing
# without serialising.
_FIELD_OVERHEAD_BYTES = 2
_BATCH_FIELD = {AGENTS_FILE: "agents", ORDERS_FILE: "orders", PAYMENTS_FILE: "payments"}


def upload_requests(pb, records, bundle, display_name, batch_bytes, on_batch=None):
    """The header from network.yaml's facts, then batches of about
    `batch_bytes` of fields. The CSV text is sent as UTF-8 whatever the
    files' encoding, so facts.encoding stays empty (as the CLI sends it).
    on_batch(rows_sent, batches_sent) is called after each batch."""
    facts = bundle.facts
    yield pb.UploadNetworkRequest(header=pb.UploadNetworkHeader(
        facts=records.NetworkFacts(name=facts.name, currency=facts.currency, as_of=facts.as_of,
                                   tiers=facts.tiers or [], jurisdiction=facts.jurisdiction,
                                   direct_selling_licence=facts.direct_selling_licence),
        display_name=display_name))
    batch, size, rows, batches = pb.UploadNetworkBatch(), 0, 0, 0
    for file_name, row in bundle.rows():
        getattr(batch, _BATCH_FIELD[file_name]).add(**row)
        size += sum(map(len, row.values())) + _FIELD_OVERHEAD_BYTES * (len(row) + 1)
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


class CancellingRequests:
    """Iterates `requests` for gRPC. An exception while making the next
    request is kept in `error`, the call given to attach() is cancelled,
    and the stream ends without a half-close."""

    def __init__(self, requests):
        self._requests = requests
        self._call = None
        self._attached = threading.Event()
        self.error = None

    def attach(self, call):
        self._call = call
        self._attached.set()

    def __iter__(self):
        return self

    def __next__(self):
        if self.error is not None:
            raise StopIteration
        try:
            return next(self._requests)
        except StopIteration:
            raise
        except Exception as e:  # pylint: disable=broad-except
            self.error = e
        # gRPC starts iterating as the call starts, before attach() is called.
        self._attached.wait()
        self._call.cancel()
        raise StopIteration


def send(stub_method, requests, grpc, **call_options):
    """Calls a client-streaming `stub_method` with `requests` and returns its
    response; an exception raised while making the requests is raised
    itself, not as the call's failure."""
    stream = CancellingRequests(iter(requests))
    call = stub_method.future(stream, **call_options)
    stream.attach(call)
    try:
        return call.result()
    except (grpc.RpcError, grpc.FutureCancelledError):
        if stream.error is not None:
            raise stream.error from None
        raise
    except BaseException:
        call.cancel()
        raise
