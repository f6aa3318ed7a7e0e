// corpus: realistic, deterministic articles for store benchmarks and large
// tests. Even ids are generated Chinese (1000-3000 characters), odd ids are
// English bodies recombined from the Scrapinghub benchmark's ground truth
// sentences (about 4 KB, like the pages themselves); every 20th article is a
// reprint of an earlier one under another URL (exact duplicate), every 20th
// + 10 a reprint with other boilerplate (near duplicate). Header-only.
#ifndef GLEANER_TESTS_STORE_CORPUS_H_
#define GLEANER_TESTS_STORE_CORPUS_H_

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "../dedup/zh_text.h"  // relative: bench/ has no tests/ include path
#include "gleaner/article.h"

namespace gleaner::testing {

// ground-truth.json: $GLEANER_GROUND_TRUTH, else ../shared/bench/... or
// /work/shared/bench/... . Empty when none is found.
inline std::string FindGroundTruth() {
  if (const char* env = std::getenv("GLEANER_GROUND_TRUTH")) return env;
  for (const char* candidate : {"../shared/bench/scrapinghub/ground-truth.json",
                                "../../shared/bench/scrapinghub/ground-truth.json",
                                "/work/shared/bench/scrapinghub/ground-truth.json"}) {
    if (std::ifstream(candidate).good()) return candidate;
  }
  return {};
}

// {key: body} of the benchmark's 181 pages.
inline std::vector<std::pair<std::string, std::string>> LoadGroundTruth(const std::string& path) {
  std::vector<std::pair<std::string, std::string>> pages;
  std::ifstream in(path);
  if (!in) return pages;
  std::stringstream text;
  text << in.rdbuf();
  auto j = nlohmann::json::parse(text.str(), nullptr, false);
  if (!j.is_object()) return pages;
  for (auto it = j.begin(); it != j.end(); ++it) {
    auto body = it->find("articleBody");
    if (body != it->end() && body->is_string()) pages.emplace_back(it.key(), body->get<std::string>());
  }
  return pages;
}

class Corpus {
 public:
  explicit Corpus(const std::string& ground_truth) {
    for (const auto& [key, body] : LoadGroundTruth(ground_truth)) {
      size_t start = 0;
      for (size_t i = 0; i < body.size(); ++i) {
        bool end = body[i] == '\n' || (body[i] == '.' && i + 1 < body.size() && body[i + 1] == ' ');
        if (!end) continue;
        if (i > start + 20) sentences_.push_back(body.substr(start, i + 1 - start));
        start = i + 1;
      }
    }
  }
  bool has_english() const { return !sentences_.empty(); }

  Article Make(uint64_t id) const {
    uint64_t content = id;
    std::string prefix;
    if (id >= 20 && id % 20 == 0) content = id - 13;  // exact reprint
    if (id >= 20 && id % 20 == 10) {
      content = id - 7;
      prefix = "(Reuters) ";
    }
    Article a;
    a.url = "https://site" + std::to_string(id % 50) + ".example.com/news/" + std::to_string(id) + ".html";
    a.input = a.url;
    a.title = "Article " + std::to_string(content);
    a.published = "2025-03-" + std::string(content % 28 + 1 < 10 ? "0" : "") + std::to_string(content % 28 + 1);
    a.body = prefix + Body(content);
    a.lang = content % 2 == 0 ? "zh" : "en";
    a.encoding = {"UTF-8", "http", 0};
    a.confidence = 0.9;
    a.related = {{"Related one", "https://example.com/r/1"}, {"Related two", "https://example.com/r/2"}};
    return a;
  }

  std::string Body(uint64_t content) const {
    // Seeded through one splitmix step: seeds a multiple of the splitmix
    // increment apart would otherwise give shifted copies of one sequence.
    SplitMix rng(SplitMix(content).Next());
    if (content % 2 == 0 || sentences_.empty()) return ZhArticle(content, 1000 + rng.Below(2000));
    std::string body;
    while (body.size() < 4000) {
      if (!body.empty()) body += rng.Below(4) == 0 ? "\n\n" : " ";
      body += sentences_[rng.Below(sentences_.size())];
    }
    return body;
  }

 private:
  std::vector<std::string> sentences_;
};

}  // namespace gleaner::testing

#endif  // GLEANER_TESTS_STORE_CORPUS_H_
