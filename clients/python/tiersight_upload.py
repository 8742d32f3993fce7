"""The UploadNetwork stream of an opened bundle (tiersight_bundle)."""

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
