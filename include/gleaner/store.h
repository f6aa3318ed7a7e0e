// store: where collected articles live - one row per article URL, with
// versions, duplicates, a fetch log, per-consumer export cursors and a
// full-text index. SQLite now (src/store/sqlite_*.cc); the interface leaves
// room for a PostgreSQL backend (DESIGN.md "Beyond one machine").
// Does:    Put() dedups and stores an article (new / unchanged / new version /
//          duplicate_of), batching writes into transactions; Scan() streams
//          stored articles in change order; Search() ranks by bm25 with
//          snippets; Stats() counts per site; cursors remember per consumer
//          how far an export got.
// Owns:    one database connection and its prepared statements per Store.
// Borrows: the Clock in Options (must outlive the Store).
// Threads: a Store is not thread-safe: one thread owns it (the crawl's
//          writer thread). Other processes or threads open their own Store;
//          readers never block the writer (WAL) and see committed rows only.
// Errors:  every error names the database file and passes on SQLite's text:
//          kDiskFull (disk or max_page_count full), kCorrupt (not a database,
//          damaged pages), kBusy (another writer holds the lock past
//          busy_timeout_ms), kIo (read-only file or store, I/O error),
//          kNotFound (no database and create_if_missing is off),
//          kUnsupported (written by a newer gleaner: left untouched),
//          kInvalidInput (bad options, an article without URL or input).
//          A failed Put or commit never loses rows committed before it.
// Touches: the database file and its -wal/-shm files, nothing else.
#ifndef GLEANER_STORE_H_
#define GLEANER_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gleaner/article.h"
#include "gleaner/dedup.h"
#include "gleaner/result.h"

namespace gleaner::store {

// Where the store reads the time (first_seen, last_seen, batch age).
class Clock {
 public:
  virtual ~Clock() = default;
  virtual int64_t NowMs() const = 0;  // epoch milliseconds
};
const Clock& SystemClock();

struct Options {
  bool read_only = false;          // open for reading only; writes fail with kIo
  bool create_if_missing = true;   // else a missing file is kNotFound
  int busy_timeout_ms = 5000;      // wait this long for another writer's lock
  int batch_rows = 1000;           // commit after this many writes...
  int batch_ms = 2000;             // ...or when a write finds the batch this old
  int near_threshold = dedup::kDefaultThreshold;  // Hamming bits, 0..kMaxThreshold
  bool near_dedup = true;          // look for near-duplicates at all
  int64_t min_dedup_chars = 50;    // shorter bodies (normalised code points)
                                   // are never marked duplicates: empty or stub
                                   // pages must not swallow each other
  bool search_index = true;        // keep the FTS5 search index in step; read
                                   // only when the file is created. It more
                                   // than doubles an insert's cost (see
                                   // bench/store_bench.cc); without it, Search
                                   // scans for substrings
  bool fsync = true;               // false: never fsync (tests, scratch files);
                                   // a process crash loses nothing committed,
                                   // an OS crash or power cut may
  int64_t max_page_count = 0;      // >0 caps the file (pages); tests use it to
                                   // force SQLITE_FULL. 0 = no cap
  const Clock* clock = nullptr;    // nullptr = SystemClock()
};

enum class PutKind {
  kNew,         // a new article
  kUnchanged,   // same URL, same content: only last_seen moved
  kNewVersion,  // same URL, changed content: old content kept in history
  kDuplicate,   // new URL, same or near-same body as duplicate_of
};
std::string_view PutKindName(PutKind kind);  // "new", "unchanged", ...

struct PutOutcome {
  PutKind kind = PutKind::kNew;
  int64_t id = 0;                     // the article's row id
  int64_t version = 1;
  std::optional<int64_t> duplicate_of;  // set for kDuplicate (the first copy)
  int distance = 0;                   // Hamming bits to duplicate_of (0 = exact)
};

struct PutContext {
  // A signature computed earlier (crawl workers sign off the writer thread);
  // when absent, Put signs the body itself.
  std::optional<dedup::Signature> signature;
  int64_t seen_at_ms = 0;  // when the page was fetched; 0 = the Clock's now
};

// One fetch attempt, for the fetch log and `gleaner stats`.
struct FetchRecord {
  std::string url;
  int http_status = 0;           // 0 when no response
  std::optional<Code> error;     // set when the fetch or extraction failed
  std::string message;           // the error's text
  int64_t bytes = 0;
  int64_t duration_ms = 0;
  int64_t at_ms = 0;             // 0 = the Clock's now
};

// --since / --until: a day ("2025-03-01", compared with the article's own
// published date as written, i.e. in the site's time zone) or an instant
// ("2025-03-01T08:00:00+08:00", compared as a UTC instant).
struct DateBound {
  std::string day;            // "YYYY-MM-DD" when a day was given
  std::optional<int64_t> epoch_s;  // when an instant was given
};
// Parses a bound; kInvalidInput names the text.
Result<DateBound> ParseDateBound(std::string_view text);

// What Scan returns. Articles without `published` are dated by first_seen
// (UTC day). Rows come in change order (seq ascending).
struct Query {
  std::string site;                 // a site or host or URL; "" = all sites
  std::optional<DateBound> since;   // inclusive
  std::optional<DateBound> until;   // inclusive (a whole day for a day)
  bool include_duplicates = false;
  int64_t limit = 0;                // 0 = no limit
  int64_t after_seq = 0;            // only rows changed after this (cursors)
  bool with_body = true;            // false skips reading the body column
};

struct ScanResult {
  int64_t rows = 0;
  // Where a cursor should move after this scan: the newest change the scan
  // covered (the snapshot's high-water mark, or the last row when `limit`
  // stopped it early). Never less than Query::after_seq.
  int64_t cursor_seq = 0;
};

// Called once per row; `seq` is the row's change sequence. Returning an
// error stops the scan and Scan returns it.
using ScanVisitor = std::function<Status(const Article& article, int64_t seq)>;

struct SearchOptions {
  int64_t limit = 20;
  std::string site;
  bool include_duplicates = false;
  std::string mark_open = "[";   // around each match in the snippet
  std::string mark_close = "]";
  int snippet_chars = 48;        // about this many characters of context
};

struct SearchHit {
  int64_t id = 0;
  std::string url;
  std::string title;
  std::string site;
  std::string published;
  std::string snippet;
  double score = 0;  // bm25 (lower is better); 0 in a substring scan
  std::optional<int64_t> duplicate_of;
};

struct SearchResult {
  std::vector<SearchHit> hits;
  // True when the store was made without a search index: rows were scanned
  // for the substrings, newest first, unranked.
  bool substring_scan = false;
};

struct SiteStats {
  std::string site;
  int64_t articles = 0;    // originals
  int64_t duplicates = 0;  // rows with duplicate_of
  int64_t versions = 0;    // old versions kept in history
  int64_t last_seen = 0;   // epoch seconds, 0 if never
  int64_t fetches = 0;     // fetch log rows
  int64_t errors = 0;      // fetch log rows with an error
};

class Store {
 public:
  // Opens (creating and migrating as needed) the store at `path`.
  static Result<std::unique_ptr<Store>> Open(const std::string& path, const Options& options = {});

  // Commits a pending batch; an error there is logged (call Commit() first
  // to see it).
  virtual ~Store() = default;

  // Stores one article (see PutKind). Joins the open batch; commits it when
  // it is full or old. On error this article is not stored; earlier Puts
  // of the batch stay pending unless SQLite rolled the transaction back, in
  // which case the error says how many were lost.
  virtual Result<PutOutcome> Put(const Article& article, const PutContext& context = {}) = 0;

  // Appends to the fetch log (same batch as Put).
  virtual Status LogFetch(const FetchRecord& record) = 0;

  // Commits the pending batch now (no-op when nothing is pending).
  virtual Status Commit() = 0;

  // Streams rows matching `query` to `visit` from one consistent snapshot,
  // stepping one statement (constant memory). Commits pending writes first.
  virtual Result<ScanResult> Scan(const Query& query, const ScanVisitor& visit) = 0;

  // Full-text search over title and body. Terms are separated by spaces and
  // all must match; quotes and operators are taken literally. A Chinese or
  // Japanese term of any length matches as a phrase of its characters;
  // other terms match whole words, case-folded, or words starting so when
  // they end in '*'. kInvalidInput for a query with no letter, digit or
  // CJK character.
  virtual Result<SearchResult> Search(std::string_view query, const SearchOptions& options) = 0;

  // Per-site counts, sites sorted by name.
  virtual Result<std::vector<SiteStats>> Stats() = 0;

  // The article with this id (with `stored`), or kNotFound.
  virtual Result<Article> Get(int64_t id) = 0;

  // Old versions of an article, oldest first (stored.version set).
  virtual Result<std::vector<Article>> History(int64_t id) = 0;

  // The change sequence a named consumer has had (0 for a new name).
  virtual Result<int64_t> CursorPosition(std::string_view name) = 0;
  // Moves a cursor forward to `seq` (never backwards); commits at once.
  virtual Status AdvanceCursor(std::string_view name, int64_t seq) = 0;

  virtual const std::string& path() const = 0;
};

// The SQLite this process runs with (sqlite3_libversion), for
// `gleaner --version`: "SQLite 3.40.1".
std::string LibraryVersion();

}  // namespace gleaner::store

#endif  // GLEANER_STORE_H_
