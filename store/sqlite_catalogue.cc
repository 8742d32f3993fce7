#include "store/sqlite_catalogue.h"

#include <utility>

#include "base/str_cat.h"
#include "store/catalogue_schema.h"
#include "store/page_token.h"

namespace tiersight::store {
namespace {

constexpr char kNetworkColumns[] =
    "seq, id, tenant, name, digest, created_at_us, agent_rows, order_rows, payment_rows, bytes, "
    "details";
constexpr char kAuditColumns[] =
    "seq, id, tenant, network_id, network_digest, token_name, created_at_us, report_sha256, "
    "report_bytes, details";

NetworkRecord NetworkFromRow(const SqliteStatement& row) {
  NetworkRecord n;
  n.id = row.Text(1);
  n.tenant = row.Text(2);
  n.name = row.Text(3);
  n.digest = row.Text(4);
  n.created_at = absl::FromUnixMicros(row.Int64(5));
  n.agent_rows = row.Int64(6);
  n.order_rows = row.Int64(7);
  n.payment_rows = row.Int64(8);
  n.bytes = row.Int64(9);
  n.details = row.Text(10);
  return n;
}

AuditRecord AuditFromRow(const SqliteStatement& row) {
  AuditRecord a;
  a.id = row.Text(1);
  a.tenant = row.Text(2);
  a.network_id = row.Text(3);
  a.network_digest = row.Text(4);
  a.token_name = row.Text(5);
  a.created_at = absl::FromUnixMicros(row.Int64(6));
  a.report_sha256 = row.Text(7);
  a.report_bytes = row.Int64(8);
  a.details = row.Text(9);
  return a;
}

// A page query scoped by tenant, keyed for page tokens by what it lists.
struct PageQuery {
  std::string key;
  int64_t after_seq = 0;
  int page_size = 0;
};

absl::StatusOr<PageQuery> ParsePage(std::string key, int page_size, const std::string& page_token) {
  PageQuery q;
  absl::StatusOr<int> size = EffectivePageSize(page_size);
  if (!size.ok()) return size.status();
  absl::StatusOr<int64_t> after = DecodePageToken(page_token, key);
  if (!after.ok()) return after.status();
  q.key = std::move(key);
  q.page_size = *size;
  q.after_seq = *after;
  return q;
}

// journal_mode answers with the mode it ended up in; anything but WAL (e.g.
// on a file system without shared memory) would silently change the
// durability guarantees, so it is an error.
absl::Status UseWal(SqliteDb& db, const std::string& path) {
  absl::StatusOr<SqliteStatement> wal = SqliteStatement::Prepare(
      db, "PRAGMA journal_mode=WAL", StrCat("cannot switch catalogue ", path, " to WAL mode"));
  if (!wal.ok()) return wal.status();
  absl::StatusOr<bool> mode = wal->Step();
  if (!mode.ok()) return mode.status();
  if (!*mode || wal->Text(0) != "wal") {
    return absl::FailedPreconditionError(
        StrCat("catalogue ", path, " cannot use WAL mode (got \"", wal->Text(0), "\")"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<SqliteCatalogue>> SqliteCatalogue::Open(const std::string& path) {
  absl::StatusOr<SqliteDb> db = SqliteDb::Open(path);
  if (!db.ok()) return db.status();
  absl::Status wal = UseWal(*db, path);
  if (!wal.ok()) return wal;
  absl::Status configured =
      db->Exec("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;",
               StrCat("cannot configure catalogue ", path));
  if (!configured.ok()) return configured;
  absl::Status migrated = MigrateCatalogue(*db);
  if (!migrated.ok()) return migrated;
  return std::unique_ptr<SqliteCatalogue>(new SqliteCatalogue(*std::move(db)));
}

absl::Status SqliteCatalogue::InsertIssuedId(const std::string& id, std::string_view what) {
  absl::StatusOr<SqliteStatement> insert =
      SqliteStatement::Prepare(db_, "INSERT INTO issued_ids (id) VALUES (?)", std::string(what));
  if (!insert.ok()) return insert.status();
  insert->Bind(1, id);
  absl::Status inserted = insert->Run();
  if (!inserted.ok()) {
    // The only constraint here is the primary key: the id was issued before.
    return absl::FailedPreconditionError(StrCat(what, ": id ", id, " was issued before"));
  }
  return absl::OkStatus();
}

absl::Status SqliteCatalogue::InsertNetwork(const NetworkRecord& n) {
  std::lock_guard lock(mutex_);
  const std::string what = StrCat("cannot record network ", n.id);
  absl::StatusOr<SqliteTransaction> tx = SqliteTransaction::Begin(db_, what);
  if (!tx.ok()) return tx.status();
  absl::Status issued = InsertIssuedId(n.id, what);
  if (!issued.ok()) return issued;
  absl::StatusOr<SqliteStatement> insert = SqliteStatement::Prepare(
      db_,
      "INSERT INTO networks (id, tenant, name, digest, created_at_us, agent_rows, order_rows, "
      "payment_rows, bytes, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      what);
  if (!insert.ok()) return insert.status();
  insert->Bind(1, n.id);
  insert->Bind(2, n.tenant);
  insert->Bind(3, n.name);
  insert->Bind(4, n.digest);
  insert->Bind(5, absl::ToUnixMicros(n.created_at));
  insert->Bind(6, n.agent_rows);
  insert->Bind(7, n.order_rows);
  insert->Bind(8, n.payment_rows);
  insert->Bind(9, n.bytes);
  insert->Bind(10, n.details);
  absl::Status inserted = insert->Run();
  if (!inserted.ok()) return inserted;
  return tx->Commit();
}

absl::StatusOr<NetworkRecord> SqliteCatalogue::FindNetwork(const std::string& tenant,
                                                           const std::string& id) {
  std::lock_guard lock(mutex_);
  absl::StatusOr<SqliteStatement> find = SqliteStatement::Prepare(
      db_, StrCat("SELECT ", kNetworkColumns, " FROM networks WHERE tenant = ? AND id = ?"),
      StrCat("cannot look up network ", id));
  if (!find.ok()) return find.status();
  find->Bind(1, tenant);
  find->Bind(2, id);
  absl::StatusOr<bool> row = find->Step();
  if (!row.ok()) return row.status();
  if (!*row) return absl::NotFoundError(StrCat("network ", id, " not found"));
  return NetworkFromRow(*find);
}

absl::StatusOr<NetworkPage> SqliteCatalogue::ListNetworks(const std::string& tenant, int page_size,
                                                          const std::string& page_token) {
  absl::StatusOr<PageQuery> q = ParsePage(StrCat("networks\n", tenant), page_size, page_token);
  if (!q.ok()) return q.status();
  std::lock_guard lock(mutex_);
  absl::StatusOr<SqliteStatement> list = SqliteStatement::Prepare(
      db_,
      StrCat("SELECT ", kNetworkColumns,
             " FROM networks WHERE tenant = ? AND seq > ? ORDER BY seq LIMIT ?"),
      "cannot list networks");
  if (!list.ok()) return list.status();
  list->Bind(1, tenant);
  list->Bind(2, q->after_seq);
  list->Bind(3, int64_t{q->page_size} + 1);  // one more tells whether a next page exists
  NetworkPage page;
  int64_t last_seq = 0;
  for (;;) {
    absl::StatusOr<bool> row = list->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    if (static_cast<int>(page.networks.size()) == q->page_size) {
      page.next_page_token = EncodePageToken(last_seq, q->key);
      break;
    }
    last_seq = list->Int64(0);
    page.networks.push_back(NetworkFromRow(*list));
  }
  return page;
}

absl::Status SqliteCatalogue::DeleteNetwork(const std::string& tenant, const std::string& id) {
  std::lock_guard lock(mutex_);
  absl::StatusOr<SqliteStatement> del =
      SqliteStatement::Prepare(db_, "DELETE FROM networks WHERE tenant = ? AND id = ?",
                               StrCat("cannot delete network ", id));
  if (!del.ok()) return del.status();
  del->Bind(1, tenant);
  del->Bind(2, id);
  absl::Status deleted = del->Run();
  if (!deleted.ok()) return deleted;
  if (sqlite3_changes(db_.get()) == 0)
    return absl::NotFoundError(StrCat("network ", id, " not found"));
  return absl::OkStatus();
}

absl::StatusOr<bool> SqliteCatalogue::HasNetwork(const std::string& tenant, const std::string& id,
                                                 std::string_view what) {
  absl::StatusOr<SqliteStatement> exists = SqliteStatement::Prepare(
      db_, "SELECT 1 FROM networks WHERE tenant = ? AND id = ?", std::string(what));
  if (!exists.ok()) return exists.status();
  exists->Bind(1, tenant);
  exists->Bind(2, id);
  return exists->Step();
}

absl::Status SqliteCatalogue::InsertAudit(const AuditRecord& a) {
  std::lock_guard lock(mutex_);
  const std::string what = StrCat("cannot record audit ", a.id, " of network ", a.network_id);
  absl::StatusOr<SqliteTransaction> tx = SqliteTransaction::Begin(db_, what);
  if (!tx.ok()) return tx.status();
  // Checked inside the transaction, so a concurrent delete cannot slip in
  // between the check and the insert.
  absl::StatusOr<bool> found = HasNetwork(a.tenant, a.network_id, what);
  if (!found.ok()) return found.status();
  if (!*found) return absl::NotFoundError(StrCat("network ", a.network_id, " not found"));

  absl::Status issued = InsertIssuedId(a.id, what);
  if (!issued.ok()) return issued;
  absl::StatusOr<SqliteStatement> insert = SqliteStatement::Prepare(
      db_,
      "INSERT INTO audits (id, tenant, network_id, network_digest, token_name, created_at_us, "
      "report_sha256, report_bytes, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      what);
  if (!insert.ok()) return insert.status();
  insert->Bind(1, a.id);
  insert->Bind(2, a.tenant);
  insert->Bind(3, a.network_id);
  insert->Bind(4, a.network_digest);
  insert->Bind(5, a.token_name);
  insert->Bind(6, absl::ToUnixMicros(a.created_at));
  insert->Bind(7, a.report_sha256);
  insert->Bind(8, a.report_bytes);
  insert->Bind(9, a.details);
  absl::Status inserted = insert->Run();
  if (!inserted.ok()) return inserted;

  for (size_t i = 0; i < a.packs.size(); ++i) {
    absl::StatusOr<SqliteStatement> pack = SqliteStatement::Prepare(
        db_,
        "INSERT INTO audit_packs (audit_id, position, name, version, sha256) "
        "VALUES (?, ?, ?, ?, ?)",
        StrCat(what, ": pack ", a.packs[i].name));
    if (!pack.ok()) return pack.status();
    pack->Bind(1, a.id);
    pack->Bind(2, static_cast<int64_t>(i));
    pack->Bind(3, a.packs[i].name);
    pack->Bind(4, a.packs[i].version);
    pack->Bind(5, a.packs[i].sha256);
    absl::Status added = pack->Run();
    if (!added.ok()) return added;
  }
  return tx->Commit();
}

absl::Status SqliteCatalogue::LoadPacks(AuditRecord& audit) {
  absl::StatusOr<SqliteStatement> packs = SqliteStatement::Prepare(
      db_, "SELECT name, version, sha256 FROM audit_packs WHERE audit_id = ? ORDER BY position",
      StrCat("cannot read the packs of audit ", audit.id));
  if (!packs.ok()) return packs.status();
  packs->Bind(1, audit.id);
  for (;;) {
    absl::StatusOr<bool> row = packs->Step();
    if (!row.ok()) return row.status();
    if (!*row) return absl::OkStatus();
    audit.packs.push_back(PackRef{packs->Text(0), packs->Text(1), packs->Text(2)});
  }
}

absl::StatusOr<AuditRecord> SqliteCatalogue::FindAudit(const std::string& tenant,
                                                       const std::string& id) {
  std::lock_guard lock(mutex_);
  absl::StatusOr<SqliteStatement> find = SqliteStatement::Prepare(
      db_, StrCat("SELECT ", kAuditColumns, " FROM audits WHERE tenant = ? AND id = ?"),
      StrCat("cannot look up audit ", id));
  if (!find.ok()) return find.status();
  find->Bind(1, tenant);
  find->Bind(2, id);
  absl::StatusOr<bool> row = find->Step();
  if (!row.ok()) return row.status();
  if (!*row) return absl::NotFoundError(StrCat("audit ", id, " not found"));
  AuditRecord audit = AuditFromRow(*find);
  absl::Status packs = LoadPacks(audit);
  if (!packs.ok()) return packs;
  return audit;
}

absl::StatusOr<AuditPage> SqliteCatalogue::ListAudits(
    const std::string& tenant, int page_size, const std::string& page_token,
    const std::optional<std::string>& network_id) {
  absl::StatusOr<PageQuery> q =
      ParsePage(network_id ? StrCat("audits\n", tenant, "\nnetwork\n", *network_id)
                           : StrCat("audits\n", tenant),
                page_size, page_token);
  if (!q.ok()) return q.status();
  std::lock_guard lock(mutex_);
  absl::StatusOr<SqliteStatement> list = SqliteStatement::Prepare(
      db_,
      StrCat("SELECT ", kAuditColumns, " FROM audits WHERE tenant = ? AND seq > ?",
             network_id ? " AND network_id = ?" : "", " ORDER BY seq LIMIT ?"),
      "cannot list audits");
  if (!list.ok()) return list.status();
  int param = 1;
  list->Bind(param++, tenant);
  list->Bind(param++, q->after_seq);
  if (network_id) list->Bind(param++, *network_id);
  list->Bind(param++, int64_t{q->page_size} + 1);
  AuditPage page;
  int64_t last_seq = 0;
  for (;;) {
    absl::StatusOr<bool> row = list->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    if (static_cast<int>(page.audits.size()) == q->page_size) {
      page.next_page_token = EncodePageToken(last_seq, q->key);
      break;
    }
    last_seq = list->Int64(0);
    page.audits.push_back(AuditFromRow(*list));
  }
  for (AuditRecord& audit : page.audits) {
    absl::Status packs = LoadPacks(audit);
    if (!packs.ok()) return packs;
  }
  return page;
}

absl::StatusOr<absl::flat_hash_set<std::string>> SqliteCatalogue::Ids(const char* sql,
                                                                      const char* what) {
  std::lock_guard lock(mutex_);
  absl::StatusOr<SqliteStatement> list = SqliteStatement::Prepare(db_, sql, what);
  if (!list.ok()) return list.status();
  absl::flat_hash_set<std::string> ids;
  for (;;) {
    absl::StatusOr<bool> row = list->Step();
    if (!row.ok()) return row.status();
    if (!*row) return ids;
    ids.insert(list->Text(0));
  }
}

absl::StatusOr<absl::flat_hash_set<std::string>> SqliteCatalogue::NetworkIds() {
  return Ids("SELECT id FROM networks", "cannot list the catalogue's network ids");
}

absl::StatusOr<absl::flat_hash_set<std::string>> SqliteCatalogue::AuditIds() {
  return Ids("SELECT id FROM audits", "cannot list the catalogue's audit ids");
}

}  // namespace tiersight::store
