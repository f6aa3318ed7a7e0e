// Export: cursor position -> one streaming scan -> output file made whole
// by rename -> cursor moved. The order is what makes cron pipelines safe:
// a consumer never sees half a file and never misses rows.
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>

#include "export_internal.h"
#include "gleaner/export.h"

namespace gleaner::exporter {
namespace {

struct FileClose {
  void operator()(std::FILE* f) const noexcept { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileClose>;

constexpr size_t kOutputBuffer = 1 << 18;  // fewer write(2)s; memory stays flat

bool WantsBody(const std::vector<std::string>& fields) {
  if (fields.empty()) return true;
  for (const std::string& field : fields) {
    if (field == "body") return true;
  }
  return false;
}

Error IoError(const std::string& path, std::string_view doing, int err) {
  Code code = err == ENOSPC || err == EDQUOT ? Code::kDiskFull : Code::kIo;
  return MakeError(code, path + ": " + std::string(doing) + ": " + std::strerror(err));
}

// ".<name>.tmp-<pid>" next to the target: same file system, so rename is atomic.
std::filesystem::path TempPathFor(const std::filesystem::path& target) {
  std::filesystem::path dir = target.has_parent_path() ? target.parent_path() : ".";
  std::string name = ".";  // appended step by step: GCC 12 -Wrestrict misfires on a + chain here
  name += target.filename().string();
  name += ".tmp-";
  name += std::to_string(getpid());
  return dir / name;
}

// Flushes, fsyncs and closes; the data is on disk before the rename.
Status CloseDurably(File file, const std::string& path) {
  if (std::fflush(file.get()) != 0) return IoError(path, "writing", errno);
  if (fsync(fileno(file.get())) != 0) return IoError(path, "syncing", errno);
  std::FILE* raw = file.release();
  if (std::fclose(raw) != 0) return IoError(path, "closing", errno);
  return Status::Ok();
}

Result<Summary> ExportToFile(store::Store& store, const Options& options) {
  std::filesystem::path target(options.output);
  std::filesystem::path temp = TempPathFor(target);
  File file(std::fopen(temp.c_str(), "wb"));
  if (!file) return IoError(options.output, "creating a temporary file", errno);
  std::setvbuf(file.get(), nullptr, _IOFBF, kOutputBuffer);
  auto written = Write(store, options, file.get(), options.output);
  Status closed = written.ok() ? CloseDurably(std::move(file), options.output) : Status::Ok();
  file.reset();
  if (written.ok() && closed.ok() && std::rename(temp.c_str(), target.c_str()) != 0) {
    closed = IoError(options.output, "renaming the finished file into place", errno);
  }
  if (!written.ok() || !closed.ok()) {
    std::error_code ignored;
    std::filesystem::remove(temp, ignored);
    if (!written.ok()) return written.take_error();
    return closed.take_error();
  }
  return written;
}

}  // namespace

Result<Summary> Write(store::Store& store, const Options& options, std::FILE* out,
                      std::string_view out_name) {
  internal::RecordWriter writer(options.format, options.fields, out, out_name);
  GLEANER_TRY(writer.Begin());
  store::Query query = options.query;
  query.with_body = query.with_body && WantsBody(options.fields);
  Summary summary;
  auto scan = store.Scan(query, [&](const Article& article, int64_t) { return writer.Add(article); });
  if (!scan.ok()) return scan.take_error();
  GLEANER_TRY(writer.Finish());
  summary.articles = scan->rows;
  summary.cursor_seq = scan->cursor_seq;
  return summary;
}

Result<Summary> Export(store::Store& store, const Options& options, std::FILE* stream) {
  Options effective = options;
  if (!options.cursor.empty()) {
    auto position = store.CursorPosition(options.cursor);
    if (!position.ok()) return position.take_error();
    effective.query.after_seq = std::max(effective.query.after_seq, *position);
  }
  Result<Summary> summary = MakeError(Code::kInternal, "export did not run");
  if (options.output.empty()) {
    summary = Write(store, effective, stream, "stdout");
    if (summary.ok() && std::fflush(stream) != 0) summary = IoError("stdout", "writing", errno);
  } else {
    summary = ExportToFile(store, effective);
  }
  if (!summary.ok()) return summary;
  if (options.cursor.empty()) {
    summary->cursor_seq = 0;
    return summary;
  }
  // Only now, with the output complete, does the consumer's position move.
  GLEANER_TRY(store.AdvanceCursor(options.cursor, summary->cursor_seq));
  return summary;
}

}  // namespace gleaner::exporter
