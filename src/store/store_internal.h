// store_internal: what the store's sources share - schema migrations, date
// handling, and the mapping between an Article and its table columns.
// Backend-neutral parts (dates) are usable by a later pg_store.cc too.
#ifndef GLEANER_SRC_STORE_STORE_INTERNAL_H_
#define GLEANER_SRC_STORE_STORE_INTERNAL_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "gleaner/article.h"
#include "gleaner/store.h"

namespace gleaner::store::internal {

class Stmt;

// ---- schema (schema.cc) ----

// One numbered step. The schema version is PRAGMA user_version; step N
// takes a database from N-1 to N, inside one transaction. Issue 4 adds the
// crawl frontier as step 2: append it here, nothing else changes.
struct Migration {
  int version;
  const char* sql;
};
std::span<const Migration> Migrations();
inline constexpr int64_t kApplicationId = 0x676C6E72;  // "glnr": a gleaner store

// The article columns that hold extracted content, in the order
// BindContent/ReadContent use (20 columns).
extern const char* const kContentColumns;
inline constexpr int kContentColumnCount = 20;

// ---- dates (dates.cc) ----

// The published date of an article, for --since/--until.
struct PublishedAt {
  std::string day;  // "YYYY-MM-DD" as written (the site's own time zone)
  int64_t epoch_s;  // as a UTC instant; a date or time without offset is read as UTC
};
// Parses "2025-03-14", "2025-03-14T08:56", "...:00", "...Z", "...+08:00".
std::optional<PublishedAt> ParsePublished(std::string_view text);
// "YYYY-MM-DD" of an epoch second, in UTC.
std::string UtcDay(int64_t epoch_s);

// ---- rows (row_codec.cc) ----

// Article lists as the JSON text stored in their columns ("" = NULL).
struct EncodedLists {
  std::string authors, images, tags, related, next_pages;
};
EncodedLists EncodeLists(const Article& article);

// Binds the 20 content columns starting at parameter `first`. `lists` must
// outlive the statement's step.
void BindContent(Stmt& stmt, int first, const Article& article, const EncodedLists& lists);
// Reads the 20 content columns starting at column `first`.
void ReadContent(const Stmt& stmt, int first, Article* article);

}  // namespace gleaner::store::internal

#endif  // GLEANER_SRC_STORE_STORE_INTERNAL_H_
