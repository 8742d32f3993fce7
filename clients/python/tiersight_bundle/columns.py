"""The columns of the bundle's CSV files (graph/bundle_columns.h): their
names in the format's order, which the record messages of the API number
their fields in, and whether a file must have them."""

AGENTS_FILE = "agents.csv"
ORDERS_FILE = "orders.csv"
PAYMENTS_FILE = "payments.csv"
NETWORK_FILE = "network.yaml"

# (name, required)
AGENT_COLUMNS = (("agent_id", True), ("sponsor_id", True), ("tier", False),
                 ("joined_at", False), ("left_at", False), ("region", False), ("name", False))
ORDER_COLUMNS = (("order_id", True), ("date", True), ("seller_id", True), ("buyer_id", True),
                 ("sku", False), ("quantity", True), ("amount", True), ("kind", False))
PAYMENT_COLUMNS = (("payment_id", True), ("date", True), ("payer_id", True), ("payee_id", True),
                   ("amount", True), ("kind", True))

COLUMNS_OF = {AGENTS_FILE: AGENT_COLUMNS, ORDERS_FILE: ORDER_COLUMNS,
              PAYMENTS_FILE: PAYMENT_COLUMNS}
