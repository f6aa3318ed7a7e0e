// An Article's content <-> the 20 content columns (see kContentColumns).
// Lists are stored as JSON text, so `sqlite3 news.db` users can read them
// with json_each(); an empty list is NULL.
#include <nlohmann/json.hpp>

#include <string>

#include "sqlite_wrap.h"
#include "store_internal.h"

namespace gleaner::store::internal {
namespace {

using nlohmann::json;

// Pages can carry invalid UTF-8 in odd fields; replace, never throw.
std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

std::string EncodeStrings(const std::vector<std::string>& items) {
  if (items.empty()) return {};
  return Dump(json(items));
}

json Parse(std::string_view text) {
  if (text.empty()) return json();
  return json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
}

std::vector<std::string> DecodeStrings(std::string_view text) {
  std::vector<std::string> out;
  json j = Parse(text);
  if (!j.is_array()) return out;
  for (const json& item : j) {
    if (item.is_string()) out.push_back(item.get<std::string>());
  }
  return out;
}

std::string StringAt(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

EncodedLists EncodeLists(const Article& a) {
  EncodedLists lists;
  lists.authors = EncodeStrings(a.authors);
  lists.tags = EncodeStrings(a.tags);
  lists.next_pages = EncodeStrings(a.next_pages);
  if (!a.images.empty()) {
    json images = json::array();
    for (const Image& image : a.images) images.push_back({{"url", image.url}, {"caption", image.caption}});
    lists.images = Dump(images);
  }
  if (!a.related.empty()) {
    json related = json::array();
    for (const Link& link : a.related) related.push_back({{"title", link.title}, {"url", link.url}});
    lists.related = Dump(related);
  }
  return lists;
}

void BindContent(Stmt& s, int first, const Article& a, const EncodedLists& lists) {
  int i = first;
  s.BindTextOrNull(i++, a.input);
  s.Bind(i++, std::string_view(a.url));
  s.BindTextOrNull(i++, a.canonical_url);
  s.BindTextOrNull(i++, a.title);
  s.BindTextOrNull(i++, a.published);
  s.BindTextOrNull(i++, a.modified);
  s.BindTextOrNull(i++, a.published_raw);
  s.BindTextOrNull(i++, lists.authors);
  s.BindTextOrNull(i++, a.editor);
  s.BindTextOrNull(i++, a.source);
  s.Bind(i++, std::string_view(a.body));
  s.BindTextOrNull(i++, a.lang);
  s.BindTextOrNull(i++, lists.images);
  s.BindTextOrNull(i++, lists.tags);
  s.BindTextOrNull(i++, lists.related);
  s.BindTextOrNull(i++, lists.next_pages);
  s.BindTextOrNull(i++, a.encoding.name);
  s.BindTextOrNull(i++, a.encoding.source);
  s.Bind(i++, a.encoding.replacements);
  s.Bind(i++, a.confidence);
}

void ReadContent(const Stmt& s, int first, Article* a) {
  int i = first;
  a->input = s.String(i++);
  a->url = s.String(i++);
  a->canonical_url = s.String(i++);
  a->title = s.String(i++);
  a->published = s.String(i++);
  a->modified = s.String(i++);
  a->published_raw = s.String(i++);
  a->authors = DecodeStrings(s.Text(i++));
  a->editor = s.String(i++);
  a->source = s.String(i++);
  a->body = s.String(i++);
  a->lang = s.String(i++);
  json images = Parse(s.Text(i++));
  a->images.clear();
  if (images.is_array()) {
    for (const json& item : images) {
      if (item.is_object()) a->images.push_back({StringAt(item, "url"), StringAt(item, "caption")});
    }
  }
  a->tags = DecodeStrings(s.Text(i++));
  json related = Parse(s.Text(i++));
  a->related.clear();
  if (related.is_array()) {
    for (const json& item : related) {
      if (item.is_object()) a->related.push_back({StringAt(item, "title"), StringAt(item, "url")});
    }
  }
  a->next_pages = DecodeStrings(s.Text(i++));
  a->encoding.name = s.String(i++);
  a->encoding.source = s.String(i++);
  a->encoding.replacements = s.Int(i++);
  a->confidence = s.Double(i++);
}

}  // namespace gleaner::store::internal
