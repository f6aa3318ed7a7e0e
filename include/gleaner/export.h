// export: stored articles out as JSON, JSON Lines or CSV, streaming.
// Does:    steps one store Scan and writes each article as it comes (constant
//          memory however many rows); --format json is one valid array;
//          CSV is RFC 4180 with a header row. Export() adds the file and
//          cursor handling of `gleaner export`: output goes to a temporary
//          file renamed into place when complete, and a named cursor moves
//          only after the output is complete.
// Owns:    nothing past a call; the temporary file until it is renamed.
// Borrows: the Store and FILE* given, for the call.
// Threads: one call at a time per Store (the Store is single-threaded).
// Errors:  kInvalidInput (unknown format or field), kIo / kDiskFull naming
//          the output file ("stdout" for the stream), store errors as the
//          store reports them. On any error the target file is untouched
//          and the cursor has not moved.
// Touches: the output file and its directory (temporary file), the store.
//
// Field values are those of `gleaner extract` (ArticleToJson), plus the
// store's id, first_seen, last_seen, version and duplicate_of. In CSV a
// list of strings is joined with "; ", a list of images or links becomes
// their URLs joined with " ", the encoding object becomes its name, and
// null is an empty cell. Rows end with CRLF (RFC 4180); no byte-order mark.
#ifndef GLEANER_EXPORT_H_
#define GLEANER_EXPORT_H_

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "gleaner/result.h"
#include "gleaner/store.h"

namespace gleaner::exporter {

enum class Format { kJson, kJsonl, kCsv };

// "json", "jsonl" (also "ndjson"), "csv"; anything else is kInvalidInput.
Result<Format> ParseFormat(std::string_view name);

// Splits "a,b,c" and checks each name against ArticleFieldNames();
// kInvalidInput names the first unknown field and lists the known ones.
Result<std::vector<std::string>> ParseFields(std::string_view list);

struct Options {
  Format format = Format::kJsonl;
  std::vector<std::string> fields;  // empty = every field, store fields included
  store::Query query;               // filters; after_seq is set from `cursor`
  // A named consumer: export only what changed after its position (a new
  // version of an article counts as a change), and move the position to
  // what this export covered once the output is complete.
  std::string cursor;
  std::string output;               // a file path; "" = the stream given to Export
};

struct Summary {
  int64_t articles = 0;
  int64_t cursor_seq = 0;  // where the cursor is now (0 without a cursor)
};

// Writes the articles `options.query` selects to `out` in `options.format`.
// Ignores `cursor` and `output`. `out_name` names the stream in errors.
Result<Summary> Write(store::Store& store, const Options& options, std::FILE* out,
                      std::string_view out_name = "stdout");

// The whole export: the cursor's position, the rows, `options.output`
// written via a temporary file and rename (or `stream` when output is ""),
// then the cursor moved.
Result<Summary> Export(store::Store& store, const Options& options, std::FILE* stream);

}  // namespace gleaner::exporter

#endif  // GLEANER_EXPORT_H_
