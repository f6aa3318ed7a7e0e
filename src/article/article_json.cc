// Article -> JSON with a small streaming writer (export writes millions of
// these, so no DOM is built), and JSON -> Article with nlohmann for the
// less hot reading side.
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <ctime>

#include "gleaner/article.h"
#include "json_writer.h"

namespace gleaner {
namespace {

using internal::JsonWriter;

// Epoch seconds -> "2026-11-26T09:48:05Z".
std::string IsoUtc(int64_t epoch_s) {
  std::time_t t = static_cast<std::time_t>(epoch_s);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

void WriteField(JsonWriter& w, std::string_view name, const Article& a) {
  w.Key(name);
  if (name == "input") return w.String(a.input);
  if (name == "url") return w.String(a.url);
  if (name == "canonical_url") return w.StringOrNull(a.canonical_url);
  if (name == "title") return w.StringOrNull(a.title);
  if (name == "published") return w.StringOrNull(a.published);
  if (name == "modified") return w.StringOrNull(a.modified);
  if (name == "published_raw") return w.StringOrNull(a.published_raw);
  if (name == "authors") return w.StringList(a.authors);
  if (name == "editor") return w.StringOrNull(a.editor);
  if (name == "source") return w.StringOrNull(a.source);
  if (name == "body") return w.String(a.body);
  if (name == "lang") return w.StringOrNull(a.lang);
  if (name == "images") {
    w.BeginArray();
    for (const Image& image : a.images) {
      w.BeginObject();
      w.Key("url"); w.String(image.url);
      w.Key("caption"); w.StringOrNull(image.caption);
      w.EndObject();
    }
    return w.EndArray();
  }
  if (name == "tags") return w.StringList(a.tags);
  if (name == "related") {
    w.BeginArray();
    for (const Link& link : a.related) {
      w.BeginObject();
      w.Key("title"); w.String(link.title);
      w.Key("url"); w.String(link.url);
      w.EndObject();
    }
    return w.EndArray();
  }
  if (name == "next_pages") return w.StringList(a.next_pages);
  if (name == "encoding") {
    w.BeginObject();
    w.Key("name"); w.StringOrNull(a.encoding.name);
    w.Key("source"); w.StringOrNull(a.encoding.source);
    w.Key("replacements"); w.Int(a.encoding.replacements);
    return w.EndObject();
  }
  if (name == "confidence") return w.Double(std::round(a.confidence * 1000) / 1000);
  // Store fields: null when the article did not come from a store.
  const StoredInfo* s = a.stored ? &*a.stored : nullptr;
  if (name == "id") return s ? w.Int(s->id) : w.Null();
  if (name == "first_seen") return s ? w.String(IsoUtc(s->first_seen)) : w.Null();
  if (name == "last_seen") return s ? w.String(IsoUtc(s->last_seen)) : w.Null();
  if (name == "version") return s ? w.Int(s->version) : w.Null();
  if (name == "duplicate_of") {
    return s && s->duplicate_of ? w.Int(*s->duplicate_of) : w.Null();
  }
  w.Null();  // an unknown name selected by --fields
}

}  // namespace

const std::vector<std::string_view>& ArticleFieldNames() {
  static const std::vector<std::string_view> kNames = {
      "input", "url", "canonical_url", "title", "published", "modified",
      "published_raw", "authors", "editor", "source", "body", "lang",
      "images", "tags", "related", "next_pages", "encoding", "confidence",
      "id", "first_seen", "last_seen", "version", "duplicate_of"};
  return kNames;
}

std::string ArticleToJson(const Article& article, const JsonOptions& options) {
  JsonWriter w(options.pretty);
  w.BeginObject();
  if (options.fields.empty()) {
    for (std::string_view name : ArticleFieldNames()) {
      bool store_field = name == "id" || name == "first_seen" || name == "last_seen" ||
                         name == "version" || name == "duplicate_of";
      if (store_field && !article.stored) continue;  // extract output has no store fields
      WriteField(w, name, article);
    }
  } else {
    for (const std::string& name : options.fields) WriteField(w, name, article);
  }
  w.EndObject();
  return w.Take();
}

namespace {

using nlohmann::json;

std::string GetString(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return {};
  return it->get<std::string>();
}

std::vector<std::string> GetStrings(const json& j, const char* key) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return out;
  for (const json& item : *it) {
    if (item.is_string()) out.push_back(item.get<std::string>());
  }
  return out;
}

}  // namespace

Result<Article> ArticleFromJson(std::string_view text) {
  json j = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    return MakeError(Code::kInvalidInput, "article JSON: not a JSON object");
  }
  Article a;
  a.input = GetString(j, "input");
  a.url = GetString(j, "url");
  a.canonical_url = GetString(j, "canonical_url");
  a.title = GetString(j, "title");
  a.published = GetString(j, "published");
  a.modified = GetString(j, "modified");
  a.published_raw = GetString(j, "published_raw");
  a.authors = GetStrings(j, "authors");
  a.editor = GetString(j, "editor");
  a.source = GetString(j, "source");
  a.body = GetString(j, "body");
  a.lang = GetString(j, "lang");
  a.tags = GetStrings(j, "tags");
  a.next_pages = GetStrings(j, "next_pages");
  if (auto it = j.find("images"); it != j.end() && it->is_array()) {
    for (const json& item : *it) {
      if (!item.is_object()) return MakeError(Code::kInvalidInput, "article JSON: images[] entry is not an object");
      a.images.push_back({GetString(item, "url"), GetString(item, "caption")});
    }
  }
  if (auto it = j.find("related"); it != j.end() && it->is_array()) {
    for (const json& item : *it) {
      if (!item.is_object()) return MakeError(Code::kInvalidInput, "article JSON: related[] entry is not an object");
      a.related.push_back({GetString(item, "title"), GetString(item, "url")});
    }
  }
  if (auto it = j.find("encoding"); it != j.end() && it->is_object()) {
    a.encoding.name = GetString(*it, "name");
    a.encoding.source = GetString(*it, "source");
    if (auto r = it->find("replacements"); r != it->end() && r->is_number_integer()) {
      a.encoding.replacements = r->get<int64_t>();
    }
  }
  if (auto it = j.find("confidence"); it != j.end() && it->is_number()) {
    a.confidence = it->get<double>();
  }
  if (auto it = j.find("id"); it != j.end() && it->is_number_integer()) {
    StoredInfo s;
    s.id = it->get<int64_t>();
    if (auto v = j.find("version"); v != j.end() && v->is_number_integer()) s.version = v->get<int64_t>();
    if (auto d = j.find("duplicate_of"); d != j.end() && d->is_number_integer()) {
      s.duplicate_of = d->get<int64_t>();
    }
    a.stored = s;
  }
  return a;
}

}  // namespace gleaner
