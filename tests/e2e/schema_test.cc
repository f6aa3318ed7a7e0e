// schema_test: docs/article.schema.json is the article contract, and what
// `extract` prints and `export` writes matches it - for every sample page,
// in every output form - so the documented fields and the output cannot
// drift. The small validator it uses is tested here first.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "e2e/gleaner_process.h"
#include "e2e/json_schema.h"
#include "gleaner/article.h"
#include "support/test_util.h"

namespace gleaner::testing {
namespace {

using nlohmann::json;

json ArticleSchema() { return json::parse(ReadFile(SourceDir() / "docs/article.schema.json")); }

std::string Problems(const std::vector<std::string>& problems) {
  std::string text;
  for (const std::string& p : problems) text += "\n  " + p;
  return text;
}

std::vector<json> JsonLines(const std::string& text) {
  std::vector<json> objects;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty()) objects.push_back(json::parse(line));
  }
  return objects;
}

// ---- the validator -----------------------------------------------------

struct ValidatorCase {
  const char* id;
  const char* schema;
  const char* value;
  const char* problem;  // a substring of the first problem; "" = valid
};

const ValidatorCase kValidatorCases[] = {
    {"type ok", R"({"type": "string"})", R"("x")", ""},
    {"type bad", R"({"type": "string"})", "3", "expected type"},
    {"type list", R"({"type": ["string", "null"]})", "null", ""},
    {"integer not number", R"({"type": "integer"})", "1.5", "expected type"},
    {"enum ok", R"({"enum": ["a", null]})", "null", ""},
    {"enum bad", R"({"enum": ["a", "b"]})", R"("c")", "is not one of"},
    {"pattern ok", R"({"pattern": "^[0-9]{4}$"})", R"("2025")", ""},
    {"pattern bad", R"({"pattern": "^[0-9]{4}$"})", R"("20250")", "does not match"},
    {"minimum at limit", R"({"minimum": 0})", "0", ""},
    {"minimum below", R"({"minimum": 0})", "-1", "below the minimum"},
    {"maximum above", R"({"maximum": 1})", "1.001", "above the maximum"},
    {"required missing", R"({"required": ["a"]})", "{}", "required field \"a\""},
    {"extra field", R"({"properties": {"a": {}}, "additionalProperties": false})", R"({"b": 1})",
     "field \"b\" is not in the schema"},
    {"nested property", R"({"properties": {"a": {"type": "integer"}}})", R"({"a": "x"})", "/a: expected type"},
    {"items", R"({"items": {"type": "string"}})", R"(["x", 2])", "/1: expected type"},
    {"dependent ok", R"({"dependentRequired": {"id": ["v"]}})", R"({"id": 1, "v": 1})", ""},
    {"dependent missing", R"({"dependentRequired": {"id": ["v"]}})", R"({"id": 1})", "needs \"v\""},
    {"unknown keyword", R"({"maxLength": 3})", R"("x")", "unsupported schema keyword 'maxLength'"},
};

TEST(SchemaTest, ValidatorTable) {
  for (const ValidatorCase& c : kValidatorCases) {
    std::vector<std::string> problems = ValidateJson(json::parse(c.schema), json::parse(c.value));
    if (*c.problem == '\0') {
      EXPECT_TRUE(problems.empty()) << c.id << Problems(problems);
    } else {
      ASSERT_FALSE(problems.empty()) << c.id;
      EXPECT_NE(problems.front().find(c.problem), std::string::npos) << c.id << Problems(problems);
    }
  }
}

// ---- the schema against gleaner ----------------------------------------

TEST(SchemaTest, NamesExactlyTheFieldsGleanerWrites) {
  json schema = ArticleSchema();
  std::vector<std::string> in_schema, in_code;
  for (const auto& [name, property] : schema["properties"].items()) in_schema.push_back(name);
  for (std::string_view name : ArticleFieldNames()) in_code.emplace_back(name);
  std::sort(in_schema.begin(), in_schema.end());
  std::sort(in_code.begin(), in_code.end());
  EXPECT_EQ(in_schema, in_code);
}

TEST(SchemaTest, ExtractOutputOfEverySampleMatches) {
  json schema = ArticleSchema();
  ProcessResult r = RunGleaner({"extract", "--format", "jsonl", (SourceDir() / "samples").string()});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  std::vector<json> articles = JsonLines(r.out);
  ASSERT_GE(articles.size(), 10u);
  for (const json& article : articles) {
    EXPECT_TRUE(ValidateJson(schema, article).empty())
        << article["input"] << Problems(ValidateJson(schema, article));
    EXPECT_FALSE(article.contains("id")) << "extract output carries store fields";
  }
}

TEST(SchemaTest, ExtractOfOnePageWithUrlMatches) {
  ProcessResult r = RunGleaner({"extract", (SourceDir() / "samples/zh-split-page1-utf8.html").string(), "--url",
                                "http://news.example.cn/a/1.html", "--pretty"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  json article = json::parse(r.out);
  EXPECT_TRUE(ValidateJson(ArticleSchema(), article).empty()) << Problems(ValidateJson(ArticleSchema(), article));
}

TEST(SchemaTest, ExportOutputMatchesInEveryJsonForm) {
  json schema = ArticleSchema();
  TempDir dir;
  std::string db = (dir / "news.db").string();
  ProcessResult stored = RunGleaner({"extract", "--db", db, (SourceDir() / "samples").string()});
  ASSERT_EQ(stored.exit_code, 0) << Describe(stored);

  ProcessResult jsonl = RunGleaner({"export", "--db", db, "--format", "jsonl", "--include-duplicates"});
  ASSERT_EQ(jsonl.exit_code, 0) << Describe(jsonl);
  std::vector<json> lines = JsonLines(jsonl.out);
  ASSERT_GE(lines.size(), 10u);
  for (const json& article : lines) {
    EXPECT_TRUE(ValidateJson(schema, article).empty()) << article["input"] << Problems(ValidateJson(schema, article));
    EXPECT_TRUE(article.contains("id") && article.contains("first_seen")) << "export lacks the store fields";
  }

  ProcessResult array = RunGleaner({"export", "--db", db, "--format", "json"});
  ASSERT_EQ(array.exit_code, 0) << Describe(array);
  json all = json::parse(array.out);
  ASSERT_TRUE(all.is_array());
  for (const json& article : all) {
    EXPECT_TRUE(ValidateJson(schema, article).empty()) << Problems(ValidateJson(schema, article));
  }
}

// The schema is strict enough to catch what a regression would print.
TEST(SchemaTest, RejectsBrokenArticles) {
  json schema = ArticleSchema();
  ProcessResult r = RunGleaner({"extract", (SourceDir() / "samples/en-newspaper-article.html").string()});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  const json good = json::parse(r.out);
  ASSERT_TRUE(ValidateJson(schema, good).empty());
  struct Mutation {
    const char* id;
    void (*apply)(json&);
  };
  const Mutation mutations[] = {
      {"title missing", [](json& a) { a.erase("title"); }},
      {"unknown field", [](json& a) { a["summary"] = "x"; }},
      {"body null", [](json& a) { a["body"] = nullptr; }},
      {"published with a slash", [](json& a) { a["published"] = "2025/03/14"; }},
      {"confidence over 1", [](json& a) { a["confidence"] = 1.5; }},
      {"authors not a list", [](json& a) { a["authors"] = "Ana Ruiz"; }},
      {"image without caption", [](json& a) { a["images"] = json::array({{{"url", "http://x/1.jpg"}}}); }},
      {"encoding source unknown", [](json& a) { a["encoding"]["source"] = "guess"; }},
      {"id without the other store fields", [](json& a) { a["id"] = 1; }},
  };
  for (const Mutation& m : mutations) {
    json bad = good;
    m.apply(bad);
    EXPECT_FALSE(ValidateJson(schema, bad).empty()) << m.id;
  }
}

}  // namespace
}  // namespace gleaner::testing
