// Thin RAII wrappers over SQLite's C API: a connection, a prepared statement
// and a transaction. Errors come back as absl::Status whose message says what
// was being done and SQLite's own text, never a bare result code.
// Not thread-safe: the owner of a connection serialises its use.
#pragma once

#include <sqlite3.h>
#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace tiersight::store {

class SqliteDb {
 public:
  // Opens the database file at `path`, creating it with `mode` (kept by
  // its journal and WAL files too).
  static absl::StatusOr<SqliteDb> Open(const std::string& path, mode_t mode = 0600);

  sqlite3* get() const { return db_.get(); }

  // Runs one or more statements without results; `what` names the action
  // for the error message.
  absl::Status Exec(const std::string& sql, std::string_view what);

  // Status for the connection's last error while doing `what`.
  absl::Status Error(std::string_view what) const;

 private:
  struct Close {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
  };
  explicit SqliteDb(sqlite3* db) : db_(db) {}
  std::unique_ptr<sqlite3, Close> db_;
};

class SqliteStatement {
 public:
  // Prepares `sql`; `what` names the action for every error of this statement.
  static absl::StatusOr<SqliteStatement> Prepare(const SqliteDb& db, std::string_view sql,
                                                 std::string what);

  // Parameters are 1-based, as in SQLite. Text is copied by SQLite.
  void Bind(int index, std::string_view text);
  void Bind(int index, int64_t value);

  // Steps once: true when a row is available, false when done.
  absl::StatusOr<bool> Step();
  // Steps a statement that returns no rows.
  absl::Status Run();

  std::string Text(int column) const;
  int64_t Int64(int column) const;

 private:
  struct Finalize {
    void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
  };
  SqliteStatement(sqlite3* db, sqlite3_stmt* stmt, std::string what)
      : db_(db), stmt_(stmt), what_(std::move(what)) {}

  sqlite3* db_;
  std::unique_ptr<sqlite3_stmt, Finalize> stmt_;
  std::string what_;
  absl::Status bind_error_;
};

// BEGIN IMMEDIATE on construction (write lock taken up front, so a
// transaction never fails half-way for lack of it); rolled back on
// destruction unless committed.
class SqliteTransaction {
 public:
  static absl::StatusOr<SqliteTransaction> Begin(SqliteDb& db, std::string_view what);
  SqliteTransaction(SqliteTransaction&& other) noexcept;
  SqliteTransaction& operator=(SqliteTransaction&&) = delete;
  ~SqliteTransaction();

  absl::Status Commit();

 private:
  SqliteTransaction(SqliteDb* db, std::string what) : db_(db), what_(std::move(what)) {}
  SqliteDb* db_;  // null once committed or moved from
  std::string what_;
};

}  // namespace tiersight::store
