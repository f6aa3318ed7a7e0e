// Opening a SQLite store: connection settings, schema migration, settings
// kept in meta, and the write batch (one transaction per N rows or T ms).
#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>

#include "gleaner/log.h"
#include "sqlite_store.h"
#include "store_internal.h"

namespace gleaner::store::internal {
namespace {

// Settings in meta, fixed when the file was created.
constexpr char kFingerprintAlgorithm[] = "minhash1-cp4-v1";  // dedup::Sign: hash and fingerprint
constexpr int kWriterCacheKib = 64 * 1024;  // dedup lookups touch index pages at random
// A batch of 1000 articles writes ~6000 pages to the WAL (rows plus the
// random index pages they touch); SQLite's default (checkpoint every 1000
// pages, two fsyncs each) would checkpoint after every batch. Every 65536
// pages (256 MB of WAL) the same hot index pages are copied back once per
// many batches: 20% faster at a million articles. After a checkpoint the
// WAL file is cut back to kWalKeepBytes.
constexpr int kCheckpointPages = 65536;
constexpr int64_t kWalKeepBytes = int64_t{64} << 20;

Status ValidateOptions(const std::string& path, const Options& options) {
  if (options.near_threshold < 0 || options.near_threshold > dedup::kMaxThreshold) {
    return MakeError(Code::kInvalidInput, path + ": near-duplicate threshold must be 0.." +
                                              std::to_string(dedup::kMaxThreshold));
  }
  if (options.batch_rows < 1 || options.batch_ms < 0 || options.busy_timeout_ms < 0) {
    return MakeError(Code::kInvalidInput, path + ": batch_rows must be >= 1 and times >= 0");
  }
  return Status::Ok();
}

}  // namespace

SqliteStore::SqliteStore(std::unique_ptr<Db> db, const Options& options)
    : options_(options),
      clock_(options.clock != nullptr ? options.clock : &SystemClock()),
      bands_(options.near_threshold + 1),
      db_(std::move(db)) {}

SqliteStore::~SqliteStore() {
  Status committed = Commit();
  if (!committed.ok()) {
    log::Error("store", "commit_failed", {{"db", path()}, {"error", committed.error().message}});
  }
}

Result<std::unique_ptr<Store>> SqliteStore::Open(const std::string& path, const Options& options) {
  GLEANER_TRY(ValidateOptions(path, options));
  std::error_code ec;
  bool exists = std::filesystem::exists(path, ec);
  if (!exists && (options.read_only || !options.create_if_missing)) {
    return MakeError(Code::kNotFound, path + ": no such store (nothing has been stored there yet)");
  }
  if (!exists) {
    // The default path (~/.local/share/gleaner/gleaner.db) has no folder yet
    // on a fresh machine.
    std::filesystem::path parent = std::filesystem::path(path).parent_path();
    if (!parent.empty() && !std::filesystem::exists(parent, ec)) {
      std::filesystem::create_directories(parent, ec);
      if (ec) return MakeError(Code::kIo, path + ": creating its folder: " + ec.message());
    }
  }
  int flags = options.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  auto db = Db::Open(path, flags);
  if (!db.ok()) return db.take_error();
  std::unique_ptr<SqliteStore> store(new SqliteStore(std::move(db).value(), options));
  GLEANER_TRY(store->Configure());
  GLEANER_TRY(store->Migrate());
  GLEANER_TRY(store->LoadSettings());
  return std::unique_ptr<Store>(std::move(store));
}

Status SqliteStore::Configure() {
  sqlite3_busy_timeout(db_->raw(), options_.busy_timeout_ms);
  // Reading the header first turns "not a database" into kCorrupt here,
  // before any pragma could try to write to a stranger's file.
  GLEANER_TRY(db_->Exec("PRAGMA schema_version", "reading the database"));
  if (options_.read_only) return db_->Exec("PRAGMA query_only=ON", "opening read-only");
  if (sqlite3_db_readonly(db_->raw(), "main") == 1) {
    return MakeError(Code::kIo, path() + ": opening for writing: the file is read-only");
  }
  // WAL + NORMAL: a commit is an append to the WAL, fsync'd only at
  // checkpoints; a crash can lose no committed transaction but the OS's.
  // Set before journal_mode so that switch is not fsync'd either.
  GLEANER_TRY(db_->Exec(options_.fsync ? "PRAGMA synchronous=NORMAL" : "PRAGMA synchronous=OFF",
                        "configuring"));
  GLEANER_TRY(db_->Exec("PRAGMA journal_mode=WAL", "switching to WAL"));
  GLEANER_TRY(db_->Exec("PRAGMA foreign_keys=ON", "configuring"));
  // PRAGMA values cannot be bound; these are integers from Options, not text.
  std::string cache = "PRAGMA cache_size=-" + std::to_string(kWriterCacheKib);
  GLEANER_TRY(db_->Exec(cache.c_str(), "configuring"));
  std::string checkpoint = "PRAGMA wal_autocheckpoint=" + std::to_string(kCheckpointPages);
  GLEANER_TRY(db_->Exec(checkpoint.c_str(), "configuring"));
  std::string wal_limit = "PRAGMA journal_size_limit=" + std::to_string(kWalKeepBytes);
  GLEANER_TRY(db_->Exec(wal_limit.c_str(), "configuring"));
  if (options_.max_page_count > 0) {
    std::string cap = "PRAGMA max_page_count=" + std::to_string(options_.max_page_count);
    GLEANER_TRY(db_->Exec(cap.c_str(), "capping the file size"));
  }
  return Status::Ok();
}

Status SqliteStore::Migrate() {
  auto app_id = db_->QueryInt("PRAGMA application_id", "reading the schema version");
  if (!app_id.ok()) return app_id.take_error();
  auto version = db_->QueryInt("PRAGMA user_version", "reading the schema version");
  if (!version.ok()) return version.take_error();
  const int latest = Migrations().back().version;
  if (*app_id != 0 && *app_id != kApplicationId) {
    return MakeError(Code::kInvalidInput, path() + ": not a gleaner store (another program's SQLite file); left untouched");
  }
  if (*version > latest) {
    return MakeError(Code::kUnsupported,
                     path() + ": written by a newer gleaner (schema version " + std::to_string(*version) +
                         ", this gleaner knows up to " + std::to_string(latest) +
                         "); upgrade gleaner - the file was not changed");
  }
  if (*version == latest) return Status::Ok();
  if (*version == 0) {
    auto tables = db_->QueryInt("SELECT count(*) FROM sqlite_master", "reading the schema");
    if (!tables.ok()) return tables.take_error();
    if (*tables > 0) {
      return MakeError(Code::kInvalidInput, path() + ": an SQLite file but not a gleaner store; left untouched");
    }
  }
  if (options_.read_only) {
    return MakeError(Code::kIo, path() + ": the store needs a schema upgrade; open it once for writing");
  }
  GLEANER_TRY(db_->Exec("BEGIN IMMEDIATE", "starting the schema upgrade"));
  Status done = [&]() -> Status {
    // Another process may have migrated while we waited for the lock.
    auto current = db_->QueryInt("PRAGMA user_version", "reading the schema version");
    if (!current.ok()) return current.take_error();
    for (const Migration& step : Migrations()) {
      if (step.version <= *current) continue;
      GLEANER_TRY(db_->Exec(step.sql, "upgrading the schema to version " + std::to_string(step.version)));
    }
    if (*current == 0) {
      auto id = "PRAGMA application_id=" + std::to_string(kApplicationId);
      GLEANER_TRY(db_->Exec(id.c_str(), "marking the file"));
      auto meta = db_->Prepare("INSERT INTO meta(key, value) VALUES (?1, ?2)");
      if (!meta.ok()) return meta.take_error();
      for (auto [key, value] : {std::pair<std::string, std::string>{"bands", std::to_string(bands_)},
                                {"fingerprint", kFingerprintAlgorithm},
                                {"search_index", options_.search_index ? "1" : "0"}}) {
        meta->Bind(1, std::string_view(key));
        meta->Bind(2, std::string_view(value));
        GLEANER_TRY(meta->Run("writing settings"));
        meta->Reset();
      }
      if (!options_.search_index) {
        GLEANER_TRY(db_->Exec("DROP TABLE articles_fts", "leaving out the search index"));
      }
    }
    auto set_version = "PRAGMA user_version=" + std::to_string(latest);
    GLEANER_TRY(db_->Exec(set_version.c_str(), "upgrading the schema"));
    return db_->Exec("COMMIT", "committing the schema upgrade");
  }();
  if (!done.ok() && db_->in_transaction()) {
    (void)db_->Exec("ROLLBACK", "rolling back the schema upgrade");
  }
  return done;
}

Status SqliteStore::LoadSettings() {
  auto stmt = db_->Prepare("SELECT key, value FROM meta");
  if (!stmt.ok()) return stmt.take_error();
  int stored_bands = bands_;
  bool titles_built = false;
  for (;;) {
    auto row = stmt->Step("reading settings");
    if (!row.ok()) return row.take_error();
    if (!*row) break;
    std::string_view key = stmt->Text(0);
    std::string value = stmt->String(1);
    if (key == "bands") stored_bands = std::atoi(value.c_str());
    if (key == "search_index") search_index_ = value == "1";
    if (key == "near_titles") titles_built = value == "built";
    if (key == "fingerprint" && value != kFingerprintAlgorithm) {
      return MakeError(Code::kUnsupported, path() + ": near-duplicate fingerprints of another kind ('" + value + "')");
    }
  }
  bands_ = stored_bands;
  if (options_.read_only) return Status::Ok();
  // More bands than threshold+1 still finds every match (pigeonhole); fewer
  // would miss some, so only then is the index rebuilt.
  if (bands_ < options_.near_threshold + 1) GLEANER_TRY(RebuildBands(options_.near_threshold + 1));
  // Migrated to schema 3 with articles already stored (schema.cc step 3).
  if (!titles_built) GLEANER_TRY(BuildTitleIndex());
  return Status::Ok();
}

Status SqliteStore::RebuildBands(int bands) {
  log::Info("store", "rebuild_near_index", {{"db", path()}, {"bands", std::to_string(bands)}});
  GLEANER_TRY(BeginBatch());
  bands_ = bands;
  Status done = [&]() -> Status {
    GLEANER_TRY(db_->Exec("DELETE FROM near_bands", "rebuilding the near-duplicate index"));
    GLEANER_TRY(ForEachIndexedOriginal("rebuilding the near-duplicate index", [&](const Stmt& row) {
      return AddBands(row.Int(0), static_cast<uint64_t>(row.Int(2)), static_cast<uint64_t>(row.Int(3)));
    }));
    auto meta = db_->Prepare("UPDATE meta SET value = ?1 WHERE key = 'bands'");
    if (!meta.ok()) return meta.take_error();
    std::string value = std::to_string(bands);
    meta->Bind(1, std::string_view(value));
    return meta->Run("rebuilding the near-duplicate index");
  }();
  if (!done.ok()) return RecoverFromWriteError(done.take_error(), /*in_savepoint=*/false);
  return Commit();
}

Status SqliteStore::ForEachIndexedOriginal(std::string_view doing,
                                           const std::function<Status(const Stmt&)>& each) {
  auto originals = db_->Prepare(
      "SELECT id, title, fingerprint, content_hash FROM articles"
      " WHERE duplicate_of IS NULL AND text_chars >= ?1");
  if (!originals.ok()) return originals.take_error();
  originals->Bind(1, options_.min_dedup_chars);
  for (;;) {
    auto row = originals->Step(doing);
    if (!row.ok()) return row.take_error();
    if (!*row) return Status::Ok();
    GLEANER_TRY(each(*originals));
  }
}

Status SqliteStore::WritableOrError(std::string_view doing) const {
  if (!options_.read_only) return Status::Ok();
  return MakeError(Code::kIo, path() + ": " + std::string(doing) + ": the store was opened read-only");
}

Status SqliteStore::BeginBatch() {
  if (batch_open_) return Status::Ok();
  GLEANER_TRY(db_->Exec("BEGIN IMMEDIATE", "starting a write"));
  auto max_seq = db_->QueryInt("SELECT COALESCE(MAX(seq), 0) FROM articles", "starting a write");
  if (!max_seq.ok()) {
    (void)db_->Exec("ROLLBACK", "starting a write");
    return max_seq.take_error();
  }
  next_seq_ = *max_seq + 1;
  batch_open_ = true;
  batch_started_ms_ = clock_->NowMs();
  pending_ = 0;
  return Status::Ok();
}

Status SqliteStore::MaybeCommit() {
  if (!batch_open_) return Status::Ok();
  bool full = pending_ >= options_.batch_rows;
  bool old = clock_->NowMs() - batch_started_ms_ >= options_.batch_ms;
  return full || old ? Commit() : Status::Ok();
}

Status SqliteStore::Commit() {
  if (!batch_open_) return Status::Ok();
  Status done = [&]() -> Status {
    for (auto [site_id, seen] : site_last_seen_) {
      auto stmt = db_->Prepare("UPDATE sites SET last_seen = max(last_seen, ?2) WHERE id = ?1");
      if (!stmt.ok()) return stmt.take_error();
      stmt->Bind(1, site_id);
      stmt->Bind(2, seen);
      GLEANER_TRY(stmt->Run("committing"));
    }
    GLEANER_TRY(IndexPending());
    return db_->Exec("COMMIT", "committing");
  }();
  if (!done.ok()) return RecoverFromWriteError(done.take_error(), /*in_savepoint=*/false);
  batch_open_ = false;
  pending_ = 0;
  site_last_seen_.clear();
  return Status::Ok();
}

Error SqliteStore::RecoverFromWriteError(Error error, bool in_savepoint) {
  if (in_savepoint && db_->in_transaction()) {
    // Only this call's work is undone; the batch goes on.
    (void)db_->Exec("ROLLBACK TO put; RELEASE put", "undoing a failed write");
    site_ids_.clear();  // a site row made inside the savepoint is gone
    return error;
  }
  if (db_->in_transaction()) (void)db_->Exec("ROLLBACK", "rolling back the batch");
  if (pending_ > 0) {
    error.message += "; the " + std::to_string(pending_) +
                     " writes of the open batch were rolled back (earlier batches are kept)";
  }
  batch_open_ = false;
  pending_ = 0;
  site_ids_.clear();
  site_last_seen_.clear();
  pending_index_.clear();
  return error;
}

}  // namespace gleaner::store::internal
