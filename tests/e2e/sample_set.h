// sample_set: finds and loads the pages under samples/ (see samples/README.md)
// for the tests that run them: tests/pipeline/samples_test.cc through the
// library, tests/e2e/ through the gleaner binary. Header-only because e2e's
// binary is built from *_test.cc files alone.
// Threads: plain functions over files; thread-compatible.
// Errors:  a missing or malformed file fails the current test (ADD_FAILURE)
//          and yields empty strings.
#ifndef GLEANER_TESTS_E2E_SAMPLE_SET_H_
#define GLEANER_TESTS_E2E_SAMPLE_SET_H_

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "support/test_util.h"

namespace gleaner::testing {

struct SampleFiles {
  std::string name;                  // "zh-table-gbk"
  std::filesystem::path html;        // absolute path of the page's bytes
  std::string bytes;                 // the page as stored (its real encoding)
  std::string url;                   // serve.json "url"
  std::string content_type;          // serve.json "content_type"
  std::string http_charset;          // charset= of content_type, or ""
  std::string expected_json;         // the .expected.json text
};

inline std::filesystem::path SamplesDir() { return SourceDir() / "samples"; }

// Names of samples that have both <name>.html and <name>.expected.json,
// sorted, so test order and test names are stable.
inline std::vector<std::string> SampleNames() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(SamplesDir(), ec)) {
    std::string file = entry.path().filename().string();
    constexpr std::string_view kSuffix = ".expected.json";
    if (file.size() <= kSuffix.size() || !file.ends_with(kSuffix)) continue;
    std::string name = file.substr(0, file.size() - kSuffix.size());
    if (std::filesystem::exists(SamplesDir() / (name + ".html"))) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

// A GoogleTest parameter name: sample names use '-', which gtest refuses.
inline std::string TestNameFor(std::string name) {
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
}

// Reads the string value of a top-level key of a flat JSON object such as
// serve.json ({"url": "...", "content_type": "..."}). Handles the JSON string
// escapes, \uXXXX with surrogate pairs included. "" when absent.
inline std::string JsonStringField(std::string_view json, std::string_view key) {
  std::string quoted = "\"" + std::string(key) + "\"";
  size_t at = json.find(quoted);
  if (at == std::string_view::npos) return "";
  at = json.find(':', at + quoted.size());
  if (at == std::string_view::npos) return "";
  at = json.find('"', at);
  if (at == std::string_view::npos) return "";
  std::string out;
  auto append_utf8 = [&out](uint32_t cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  };
  auto hex4 = [&json](size_t pos) -> uint32_t {
    uint32_t value = 0xFFFD;
    if (pos + 4 <= json.size()) std::from_chars(json.data() + pos, json.data() + pos + 4, value, 16);
    return value;
  };
  for (size_t i = at + 1; i < json.size(); ++i) {
    char c = json[i];
    if (c == '"') return out;
    if (c != '\\' || i + 1 >= json.size()) {
      out += c;
      continue;
    }
    char e = json[++i];
    switch (e) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'u': {
        uint32_t cp = hex4(i + 1);
        i += 4;
        if (cp >= 0xD800 && cp < 0xDC00 && i + 6 < json.size() && json[i + 1] == '\\' &&
            json[i + 2] == 'u') {
          uint32_t low = hex4(i + 3);
          i += 6;
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        append_utf8(cp);
        break;
      }
      default: out += e;  // \" \\ \/
    }
  }
  ADD_FAILURE() << "unterminated JSON string for key " << key;
  return out;
}

// The charset parameter of a Content-Type ("text/html; charset=GBK" ->
// "GBK"), quotes removed; "" when there is none.
inline std::string CharsetParam(std::string_view content_type) {
  std::string lower(content_type);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  size_t at = lower.find("charset=");
  if (at == std::string::npos) return "";
  std::string value(content_type.substr(at + 8));
  value = value.substr(0, value.find(';'));
  std::erase(value, '"');
  while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back()))) value.pop_back();
  return value;
}

inline SampleFiles LoadSample(const std::string& name) {
  SampleFiles sample;
  sample.name = name;
  sample.html = SamplesDir() / (name + ".html");
  sample.bytes = ReadFile(sample.html);
  sample.expected_json = ReadFile(SamplesDir() / (name + ".expected.json"));
  std::filesystem::path serve = SamplesDir() / (name + ".serve.json");
  if (std::filesystem::exists(serve)) {
    std::string json = ReadFile(serve);
    sample.url = JsonStringField(json, "url");
    sample.content_type = JsonStringField(json, "content_type");
    sample.http_charset = CharsetParam(sample.content_type);
  }
  if (sample.content_type.empty()) sample.content_type = "text/html";
  return sample;
}

}  // namespace gleaner::testing

#endif  // GLEANER_TESTS_E2E_SAMPLE_SET_H_
