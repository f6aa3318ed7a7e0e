// sqlite_wrap: RAII over sqlite3 handles, and the one place an sqlite rc
// plus sqlite3_errmsg becomes a gleaner Error (STYLE.md 2.3).
#ifndef GLEANER_SRC_STORE_SQLITE_WRAP_H_
#define GLEANER_SRC_STORE_SQLITE_WRAP_H_

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "gleaner/result.h"

namespace gleaner::store::internal {

struct DbClose {
  void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
};
struct StmtFinalize {
  void operator()(sqlite3_stmt* stmt) const noexcept { sqlite3_finalize(stmt); }
};
using DbHandle = std::unique_ptr<sqlite3, DbClose>;
using StmtHandle = std::unique_ptr<sqlite3_stmt, StmtFinalize>;

// kDiskFull / kCorrupt / kBusy / kIo / kInternal for an sqlite result code.
Code CodeForSqlite(int rc);

// "<path>: <doing>: <sqlite's message>", plus " (<strerror>)" when errno
// says ENOSPC, EDQUOT or EFBIG (a file-size limit): those I/O errors are
// kDiskFull. Call it right after the failed sqlite call (errno and
// sqlite3_errmsg are read at once, before anything can overwrite them).
// `db` may be null (open failures).
Error SqliteError(sqlite3* db, int rc, std::string_view path, std::string_view doing);

// A prepared statement in use: binds, steps, reads columns, and resets and
// clears its bindings when it goes out of scope, so a cached statement is
// always clean for the next user. Text bound here must outlive the Stmt.
// A cached statement serves one Stmt at a time: never nest two uses of the
// same SQL.
class Stmt {
 public:
  Stmt(sqlite3_stmt* stmt, sqlite3* db, const std::string* path)
      : stmt_(stmt), db_(db), path_(path) {}
  Stmt(Stmt&& other) noexcept
      : stmt_(std::exchange(other.stmt_, nullptr)), db_(other.db_), path_(other.path_) {}
  Stmt& operator=(Stmt&&) = delete;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt() {
    if (stmt_ == nullptr) return;  // moved from
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

  // Makes the statement ready to run again (bindings cleared).
  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

  // Parameters are 1-based, as in SQL.
  void Bind(int index, int64_t value) { sqlite3_bind_int64(stmt_, index, value); }
  void Bind(int index, double value) { sqlite3_bind_double(stmt_, index, value); }
  void Bind(int index, std::string_view text) {
    sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
  }
  void BindNull(int index) { sqlite3_bind_null(stmt_, index); }
  // Binds NULL for an empty string (optional text columns).
  void BindTextOrNull(int index, std::string_view text) {
    if (text.empty()) {
      BindNull(index);
    } else {
      Bind(index, text);
    }
  }

  // true = a row is ready; false = done. `doing` names the step in errors.
  Result<bool> Step(std::string_view doing);
  // Steps to completion, for statements that return no rows.
  Status Run(std::string_view doing);

  int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  double Double(int col) const { return sqlite3_column_double(stmt_, col); }
  bool IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::string_view Text(int col) const;  // valid until the next Step
  std::string String(int col) const { return std::string(Text(col)); }

 private:
  sqlite3_stmt* stmt_;
  sqlite3* db_;
  const std::string* path_;
};

// One connection plus its statement cache.
// Invariant: statements are finalized before the connection closes -
// stmts_ is declared after db_, so it is destroyed first.
class Db {
 public:
  static Result<std::unique_ptr<Db>> Open(const std::string& path, int flags);

  // Runs SQL with no parameters (pragmas, schema, BEGIN/COMMIT).
  Status Exec(const char* sql, std::string_view doing);
  // A cached prepared statement for `sql`, keyed by the pointer: pass a
  // string literal or a pointer that stays valid (a function-local static).
  Result<Stmt> Prepare(const char* sql);
  // Reads a single integer (pragmas, counts).
  Result<int64_t> QueryInt(const char* sql, std::string_view doing);

  Error ErrorFor(int rc, std::string_view doing) const {
    return SqliteError(db_.get(), rc, path_, doing);
  }
  sqlite3* raw() const { return db_.get(); }
  const std::string& path() const { return path_; }
  bool in_transaction() const { return sqlite3_get_autocommit(db_.get()) == 0; }

 private:
  Db(DbHandle db, std::string path) : path_(std::move(path)), db_(std::move(db)) {}

  std::string path_;
  DbHandle db_;                                            // destroyed last
  std::unordered_map<const char*, StmtHandle> stmts_;     // destroyed first
};

}  // namespace gleaner::store::internal

#endif  // GLEANER_SRC_STORE_SQLITE_WRAP_H_
