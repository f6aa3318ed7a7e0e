// Rules files and folders from disk: listing, reading under a size cap,
// and the check that no two files claim the same site.
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>

#include "gleaner/rules.h"
#include "rules_internal.h"

namespace gleaner::rules {
namespace {

namespace fs = std::filesystem;

bool IsRulesFile(const fs::directory_entry& entry) {
  std::error_code ec;
  std::string name = entry.path().filename().string();
  // Hidden names are editor droppings (.#xinhua.toml, .xinhua.toml.swp).
  return !name.starts_with(".") && entry.path().extension() == ".toml" && entry.is_regular_file(ec);
}

Result<std::string> ReadRulesFile(const std::string& path) {
  std::error_code ec;
  fs::file_status status = fs::status(path, ec);
  if (ec || !fs::exists(status)) return MakeError(Code::kNotFound, path + ": no such file or directory");
  if (fs::is_directory(status)) return MakeError(Code::kIo, path + ": is a folder, not a rules file");
  uintmax_t size = fs::file_size(path, ec);
  if (ec) return MakeError(Code::kIo, path + ": " + ec.message());
  if (size > static_cast<uintmax_t>(kMaxRulesFileBytes)) {
    return MakeError(Code::kTooLarge, path + ": " + std::to_string(size) + " bytes, more than the " +
                                          std::to_string(kMaxRulesFileBytes) + "-byte limit for a rules file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(Code::kIo, path + ": cannot open: " + std::strerror(errno));
  std::string text(size, '\0');
  in.read(text.data(), static_cast<std::streamsize>(size));
  if (in.bad()) return MakeError(Code::kIo, path + ": read error");
  text.resize(static_cast<size_t>(in.gcount()));
  return text;
}

}  // namespace

Result<SiteRules> LoadFile(const std::string& path, const LoadOptions& options) {
  Result<std::string> text = ReadRulesFile(path);
  if (!text.ok()) return text.take_error();
  Result<SiteRules> rules = ParseText(*text, path, options);
  if (rules.ok()) rules->file = path;
  return rules;
}

Result<std::vector<std::string>> ListFiles(const std::string& file_or_dir) {
  std::error_code ec;
  fs::file_status status = fs::status(file_or_dir, ec);
  if (ec || !fs::exists(status)) {
    return MakeError(Code::kNotFound, file_or_dir + ": no such file or directory");
  }
  if (!fs::is_directory(status)) return std::vector<std::string>{file_or_dir};
  std::vector<std::string> files;
  for (fs::directory_iterator it(file_or_dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (IsRulesFile(*it)) files.push_back(it->path().string());
  }
  if (ec) return MakeError(Code::kIo, file_or_dir + ": cannot list: " + ec.message());
  if (files.empty()) return MakeError(Code::kNotFound, file_or_dir + ": no *.toml rules files in this folder");
  std::sort(files.begin(), files.end());
  return files;
}

Status CheckUniqueNames(const std::vector<SiteRules>& sites) {
  std::map<std::string, const SiteRules*> seen;
  for (const SiteRules& site : sites) {
    auto [it, inserted] = seen.emplace(site.name, &site);
    if (inserted) continue;
    const SiteRules& first = *it->second;
    std::string where = first.file.empty() ? "another site" : first.file;
    if (first.name_line > 0) where += ":" + std::to_string(first.name_line);
    return MakeError(Code::kInvalidInput,
                     internal::Located(site.file, site.name_line, "site.name",
                                       "'" + site.name + "' is also the name of " + where +
                                           " (site names must be unique)"));
  }
  return Status::Ok();
}

Result<std::vector<SiteRules>> Load(const std::string& file_or_dir, const LoadOptions& options) {
  Result<std::vector<std::string>> files = ListFiles(file_or_dir);
  if (!files.ok()) return files.take_error();
  std::vector<SiteRules> sites;
  for (const std::string& file : *files) {
    Result<SiteRules> site = LoadFile(file, options);
    if (!site.ok()) return site.take_error();
    sites.push_back(std::move(*site));
  }
  GLEANER_TRY(CheckUniqueNames(sites));
  return sites;
}

}  // namespace gleaner::rules
