// export_internal: the record writer shared by the export sources.
#ifndef GLEANER_SRC_EXPORT_EXPORT_INTERNAL_H_
#define GLEANER_SRC_EXPORT_EXPORT_INTERNAL_H_

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "gleaner/article.h"
#include "gleaner/export.h"

namespace gleaner::exporter::internal {

// fwrite that turns a short write into kIo/kDiskFull naming `out_name`.
Status WriteBytes(std::FILE* out, std::string_view bytes, std::string_view out_name);

// Writes one format: Begin (array bracket / CSV header), Add per article,
// Finish (closing bracket). Holds one record at a time.
class RecordWriter {
 public:
  RecordWriter(Format format, std::vector<std::string> fields, std::FILE* out, std::string_view out_name);
  Status Begin();
  Status Add(const Article& article);
  Status Finish();

 private:
  std::string CsvLine(const std::string& json_object) const;

  Format format_;
  JsonOptions json_options_;
  std::FILE* out_;
  std::string out_name_;
  int64_t rows_ = 0;
};

}  // namespace gleaner::exporter::internal

#endif  // GLEANER_SRC_EXPORT_EXPORT_INTERNAL_H_
