// The three record formats, written straight to a FILE* row by row.
#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstring>
#include <string>

#include "export_internal.h"
#include "gleaner/article.h"

namespace gleaner::exporter {
namespace internal {
namespace {

using nlohmann::json;

constexpr char kListSeparator[] = "; ";

// One CSV cell from a JSON value (see export.h for the rules).
std::string CellText(const json& value) {
  if (value.is_null()) return {};
  if (value.is_string()) return value.get<std::string>();
  if (value.is_object()) {
    auto name = value.find("name");
    if (name != value.end() && name->is_string()) return name->get<std::string>();
    auto url = value.find("url");
    if (url != value.end() && url->is_string()) return url->get<std::string>();
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
  }
  if (value.is_array()) {
    std::string out;
    for (const json& item : value) {
      bool object = item.is_object();
      if (!out.empty()) out += object ? " " : kListSeparator;
      out += CellText(item);
    }
    return out;
  }
  return value.dump();
}

// RFC 4180: quote a cell holding a comma, quote or line break; double quotes.
void AppendCsvCell(std::string_view cell, std::string* line) {
  bool quote = cell.find_first_of(",\"\r\n") != std::string_view::npos;
  if (!quote) {
    line->append(cell);
    return;
  }
  line->push_back('"');
  for (char c : cell) {
    if (c == '"') line->push_back('"');
    line->push_back(c);
  }
  line->push_back('"');
}

}  // namespace

Status WriteBytes(std::FILE* out, std::string_view bytes, std::string_view out_name) {
  if (bytes.empty()) return Status::Ok();
  if (std::fwrite(bytes.data(), 1, bytes.size(), out) == bytes.size()) return Status::Ok();
  int err = errno;
  Code code = err == ENOSPC || err == EDQUOT ? Code::kDiskFull : Code::kIo;
  return MakeError(code, std::string(out_name) + ": writing: " + std::strerror(err));
}

RecordWriter::RecordWriter(Format format, std::vector<std::string> fields, std::FILE* out,
                           std::string_view out_name)
    : format_(format), out_(out), out_name_(out_name) {
  json_options_.fields = std::move(fields);
  if (format_ == Format::kCsv && json_options_.fields.empty()) {
    for (std::string_view name : ArticleFieldNames()) json_options_.fields.emplace_back(name);
  }
}

Status RecordWriter::Begin() {
  if (format_ == Format::kJson) return WriteBytes(out_, "[", out_name_);
  if (format_ != Format::kCsv) return Status::Ok();
  std::string header;
  for (const std::string& field : json_options_.fields) {
    if (!header.empty()) header += ',';
    AppendCsvCell(field, &header);
  }
  header += "\r\n";
  return WriteBytes(out_, header, out_name_);
}

Status RecordWriter::Add(const Article& article) {
  std::string record = ArticleToJson(article, json_options_);
  switch (format_) {
    case Format::kJsonl:
      record += '\n';
      break;
    case Format::kJson:
      record.insert(0, rows_ == 0 ? "\n" : ",\n");
      break;
    case Format::kCsv:
      record = CsvLine(record);
      break;
  }
  ++rows_;
  return WriteBytes(out_, record, out_name_);
}

Status RecordWriter::Finish() {
  if (format_ == Format::kJson) return WriteBytes(out_, rows_ == 0 ? "]\n" : "\n]\n", out_name_);
  return Status::Ok();
}

std::string RecordWriter::CsvLine(const std::string& json_object) const {
  // ArticleToJson is the one source of field values; CSV flattens them.
  json object = json::parse(json_object, nullptr, /*allow_exceptions=*/false);
  std::string line;
  bool first = true;
  for (const std::string& field : json_options_.fields) {
    if (!first) line += ',';
    first = false;
    auto it = object.is_object() ? object.find(field) : object.end();
    if (it != object.end()) AppendCsvCell(CellText(*it), &line);
  }
  line += "\r\n";
  return line;
}

}  // namespace internal

Result<Format> ParseFormat(std::string_view name) {
  if (name == "json") return Format::kJson;
  if (name == "jsonl" || name == "ndjson") return Format::kJsonl;
  if (name == "csv") return Format::kCsv;
  return MakeError(Code::kInvalidInput, "unknown format '" + std::string(name) + "' (json, jsonl or csv)");
}

Result<std::vector<std::string>> ParseFields(std::string_view list) {
  std::vector<std::string> fields;
  while (!list.empty()) {
    size_t comma = list.find(',');
    std::string_view name = list.substr(0, comma);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    if (name.empty()) continue;
    bool known = false;
    for (std::string_view field : ArticleFieldNames()) known |= field == name;
    if (!known) {
      std::string all;
      for (std::string_view field : ArticleFieldNames()) all += (all.empty() ? "" : ", ") + std::string(field);
      return MakeError(Code::kInvalidInput, "unknown field '" + std::string(name) + "' (known: " + all + ")");
    }
    fields.emplace_back(name);
  }
  if (fields.empty()) return MakeError(Code::kInvalidInput, "--fields names no field");
  return fields;
}

}  // namespace gleaner::exporter
