// json_writer: a minimal streaming JSON writer into a std::string.
// Strings are written as UTF-8; invalid UTF-8 becomes U+FFFD so the output
// is always valid JSON. Commas are tracked per nesting level.
#ifndef GLEANER_SRC_ARTICLE_JSON_WRITER_H_
#define GLEANER_SRC_ARTICLE_JSON_WRITER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gleaner::internal {

class JsonWriter {
 public:
  explicit JsonWriter(bool pretty = false) : pretty_(pretty) { out_.reserve(4096); }

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }

  void Key(std::string_view key) {
    Separate();
    AppendString(key);
    out_ += pretty_ ? ": " : ":";
    after_key_ = true;
  }
  void String(std::string_view value) { Separate(); AppendString(value); }
  void StringOrNull(std::string_view value) { value.empty() ? Null() : String(value); }
  void StringList(const std::vector<std::string>& values) {
    BeginArray();
    for (const std::string& v : values) String(v);
    EndArray();
  }
  void Null() { Separate(); out_ += "null"; }
  void Int(int64_t value) { Separate(); out_ += std::to_string(value); }
  void Double(double value);

  std::string Take() { return std::move(out_); }

 private:
  void Open(char c) {
    Separate();
    out_ += c;
    first_.push_back(true);
  }
  void Close(char c) {
    bool was_empty = first_.back();
    first_.pop_back();
    if (pretty_ && !was_empty) Newline();
    out_ += c;
  }
  // Writes the comma (and pretty-print newline) before a value or key.
  void Separate() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (first_.empty()) return;
    if (!first_.back()) out_ += ',';
    first_.back() = false;
    if (pretty_) Newline();
  }
  void Newline() {
    out_ += '\n';
    out_.append(2 * first_.size(), ' ');
  }
  void AppendString(std::string_view s);

  std::string out_;
  std::vector<bool> first_;  // per open container: no element written yet
  bool after_key_ = false;
  bool pretty_;
};

// Appends `s` as a quoted JSON string to `out` (shared with CSV/plain
// writers that need the same UTF-8 repair).
void AppendJsonString(std::string& out, std::string_view s);

}  // namespace gleaner::internal

#endif  // GLEANER_SRC_ARTICLE_JSON_WRITER_H_
