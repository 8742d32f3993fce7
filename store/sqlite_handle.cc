#include "store/sqlite_handle.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <utility>

#include "base/str_cat.h"

namespace tiersight::store {
namespace {

absl::StatusCode CodeFor(int result) {
  switch (result & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return absl::StatusCode::kUnavailable;
    case SQLITE_CONSTRAINT:
      return absl::StatusCode::kFailedPrecondition;
    case SQLITE_FULL:
      return absl::StatusCode::kResourceExhausted;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return absl::StatusCode::kDataLoss;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY:
      return absl::StatusCode::kFailedPrecondition;
    default:
      return absl::StatusCode::kInternal;
  }
}

absl::Status ErrorOf(sqlite3* db, int result, std::string_view what) {
  const char* text = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(result);
  return absl::Status(CodeFor(result), StrCat(what, ": ", text));
}

}  // namespace

absl::StatusOr<SqliteDb> SqliteDb::Open(const std::string& path, mode_t mode) {
  // SQLite creates a database 0644 (less the umask); made here first, the
  // file has `mode`, and SQLite gives its journal and WAL files the mode of
  // the database file.
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, mode);
  if (fd < 0) return absl::ErrnoToStatus(errno, StrCat("cannot open catalogue ", path));
  ::close(fd);
  sqlite3* raw = nullptr;
  // NOMUTEX: the store serialises every use of its connection itself.
  const int result =
      sqlite3_open_v2(path.c_str(), &raw,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  SqliteDb db(raw);  // closes `raw` on every path, even a failed open
  if (result != SQLITE_OK) return ErrorOf(raw, result, StrCat("cannot open catalogue ", path));
  sqlite3_extended_result_codes(raw, 1);
  return db;
}

absl::Status SqliteDb::Exec(const std::string& sql, std::string_view what) {
  const int result = sqlite3_exec(db_.get(), sql.c_str(), nullptr, nullptr, nullptr);
  if (result != SQLITE_OK) return ErrorOf(db_.get(), result, what);
  return absl::OkStatus();
}

absl::Status SqliteDb::Error(std::string_view what) const {
  return ErrorOf(db_.get(), sqlite3_errcode(db_.get()), what);
}

absl::StatusOr<SqliteStatement> SqliteStatement::Prepare(const SqliteDb& db, std::string_view sql,
                                                         std::string what) {
  sqlite3_stmt* raw = nullptr;
  const int result =
      sqlite3_prepare_v2(db.get(), sql.data(), static_cast<int>(sql.size()), &raw, nullptr);
  if (result != SQLITE_OK) {
    sqlite3_finalize(raw);
    return ErrorOf(db.get(), result, what);
  }
  return SqliteStatement(db.get(), raw, std::move(what));
}

void SqliteStatement::Bind(int index, std::string_view text) {
  const int result = sqlite3_bind_text64(stmt_.get(), index, text.data(), text.size(),
                                         SQLITE_TRANSIENT, SQLITE_UTF8);
  if (result != SQLITE_OK && bind_error_.ok()) bind_error_ = ErrorOf(db_, result, what_);
}

void SqliteStatement::Bind(int index, int64_t value) {
  const int result = sqlite3_bind_int64(stmt_.get(), index, value);
  if (result != SQLITE_OK && bind_error_.ok()) bind_error_ = ErrorOf(db_, result, what_);
}

absl::StatusOr<bool> SqliteStatement::Step() {
  if (!bind_error_.ok()) return bind_error_;
  const int result = sqlite3_step(stmt_.get());
  if (result == SQLITE_ROW) return true;
  if (result == SQLITE_DONE) return false;
  return ErrorOf(db_, result, what_);
}

absl::Status SqliteStatement::Run() {
  absl::StatusOr<bool> row = Step();
  if (!row.ok()) return row.status();
  return absl::OkStatus();
}

std::string SqliteStatement::Text(int column) const {
  const auto* text = sqlite3_column_text(stmt_.get(), column);
  if (text == nullptr) return std::string();
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_.get(), column)));
}

int64_t SqliteStatement::Int64(int column) const {
  return sqlite3_column_int64(stmt_.get(), column);
}

absl::StatusOr<SqliteTransaction> SqliteTransaction::Begin(SqliteDb& db, std::string_view what) {
  absl::Status begun = db.Exec("BEGIN IMMEDIATE", what);
  if (!begun.ok()) return begun;
  return SqliteTransaction(&db, std::string(what));
}

SqliteTransaction::SqliteTransaction(SqliteTransaction&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), what_(std::move(other.what_)) {}

SqliteTransaction::~SqliteTransaction() {
  // A failed statement may already have rolled back; ROLLBACK then fails
  // harmlessly, and there is nothing better to do with its error here.
  if (db_ != nullptr) sqlite3_exec(db_->get(), "ROLLBACK", nullptr, nullptr, nullptr);
}

absl::Status SqliteTransaction::Commit() {
  if (db_ == nullptr) return absl::FailedPreconditionError(StrCat(what_, ": not in a transaction"));
  SqliteDb* db = std::exchange(db_, nullptr);
  absl::Status committed = db->Exec("COMMIT", what_);
  if (!committed.ok()) sqlite3_exec(db->get(), "ROLLBACK", nullptr, nullptr, nullptr);
  return committed;
}

}  // namespace tiersight::store
