// sqlite_wrap: the translation from SQLite results to gleaner Errors.
#include "sqlite_wrap.h"

#include <cerrno>
#include <cstring>
#include <string>

#include "fts_tokenizer.h"

namespace gleaner::store::internal {

Code CodeForSqlite(int rc) {
  switch (rc & 0xFF) {  // primary code; extended codes keep it in the low byte
    case SQLITE_FULL: return Code::kDiskFull;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: return Code::kCorrupt;
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return Code::kBusy;
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_PERM:
    case SQLITE_AUTH: return Code::kIo;
    default: return Code::kInternal;
  }
}

Error SqliteError(sqlite3* db, int rc, std::string_view path, std::string_view doing) {
  int os_errno = errno;  // first: see Stmt::Step
  std::string message(path);
  message += ": ";
  message += doing;
  message += ": ";
  // sqlite3_errmsg describes the last call on this connection; with no
  // connection (open failed before one existed) use the code's text.
  message += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  Code code = CodeForSqlite(rc);
  // SQLite says "disk I/O error" for any write the OS refused, and keeps no
  // errno for it on commit (sqlite3_system_errno is 0 there). A file-size
  // limit (EFBIG) or a quota is a full disk to the user: kDiskFull, with the
  // OS's words. Only these errnos are trusted: SQLite's own probes leave
  // harmless ones (ENOENT) behind.
  int primary = rc & 0xFF;
  bool full_errno = os_errno == ENOSPC || os_errno == EDQUOT || os_errno == EFBIG;
  if (full_errno && (primary == SQLITE_IOERR || primary == SQLITE_FULL)) {
    message += " (";
    message += std::strerror(os_errno);
    message += ")";
    code = Code::kDiskFull;
  }
  return MakeError(code, std::move(message));
}

Result<bool> Stmt::Step(std::string_view doing) {
  errno = 0;  // so SqliteError reads this step's errno, not an old one
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return SqliteError(db_, rc, *path_, doing);
}

Status Stmt::Run(std::string_view doing) {
  for (;;) {
    auto row = Step(doing);
    if (!row.ok()) return row.take_error();
    if (!*row) return Status::Ok();
  }
}

std::string_view Stmt::Text(int col) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  if (text == nullptr) return {};
  return std::string_view(text, static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

Result<std::unique_ptr<Db>> Db::Open(const std::string& path, int flags) {
  InstallFtsTokenizer();  // articles_fts names it: every connection needs it
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  DbHandle db(raw);  // sqlite may hand back a handle even on failure: free it
  if (rc != SQLITE_OK) return SqliteError(raw, rc, path, "opening");
  sqlite3_extended_result_codes(raw, 1);
  return std::unique_ptr<Db>(new Db(std::move(db), path));
}

Status Db::Exec(const char* sql, std::string_view doing) {
  errno = 0;  // as in Stmt::Step
  int rc = sqlite3_exec(db_.get(), sql, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return ErrorFor(rc, doing);
  return Status::Ok();
}

Result<Stmt> Db::Prepare(const char* sql) {
  auto it = stmts_.find(sql);
  if (it == stmts_.end()) {
    sqlite3_stmt* raw = nullptr;
    errno = 0;  // as in Stmt::Step
    int rc = sqlite3_prepare_v3(db_.get(), sql, -1, SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
    StmtHandle stmt(raw);
    if (rc != SQLITE_OK) return ErrorFor(rc, "preparing a statement");
    it = stmts_.emplace(sql, std::move(stmt)).first;
  }
  return Stmt(it->second.get(), db_.get(), &path_);
}

Result<int64_t> Db::QueryInt(const char* sql, std::string_view doing) {
  auto stmt = Prepare(sql);
  if (!stmt.ok()) return stmt.take_error();
  auto row = stmt->Step(doing);
  if (!row.ok()) return row.take_error();
  return *row ? stmt->Int(0) : 0;
}

}  // namespace gleaner::store::internal
