// Focus: the acceptance numbers on real article bodies - the 181
// Scrapinghub benchmark pages stored twice are 181 articles, and a page
// stored again at another URL with other site chrome is a duplicate.
#include <gtest/gtest.h>

#include <string>

#include "store/corpus.h"
#include "store/store_test_util.h"

namespace gleaner::store {
namespace {

using gleaner::testing::ScratchStore;

std::vector<std::pair<std::string, std::string>> Pages() {
  std::string path = gleaner::testing::FindGroundTruth();
  if (path.empty()) {
    path = (gleaner::testing::SourceDir() / ".." / "shared" / "bench" / "scrapinghub" / "ground-truth.json").string();
  }
  return gleaner::testing::LoadGroundTruth(path);
}

// Dedup only: the search index would make these the slowest tests here.
Options NoSearchIndex() {
  Options options = ScratchStore::Fast();
  options.search_index = false;
  return options;
}

Article PageArticle(const std::string& key, const std::string& body, const std::string& site) {
  return gleaner::testing::MakeArticle("https://" + site + "/news/" + key + ".html", body, key.substr(0, 8));
}

TEST(CorpusTest, BenchmarkPagesTwiceAre181ArticlesAndChromeReprintsAreDuplicates) {
  auto pages = Pages();
  if (pages.size() != 181) GTEST_SKIP() << "shared/bench/scrapinghub/ground-truth.json not found";
  ScratchStore s(NoSearchIndex());
  int kinds[4] = {};
  for (int pass = 0; pass < 2; ++pass) {
    for (const auto& [key, body] : pages) {
      auto r = s.store->Put(PageArticle(key, body, "bench.example.com"));
      ASSERT_TRUE(r.ok()) << r.error().message;
      ++kinds[static_cast<int>(r->kind)];
    }
  }
  // Every page is its own article (short and empty bodies are never merged),
  // and the second pass changes nothing.
  EXPECT_EQ(kinds[static_cast<int>(PutKind::kNew)], 181);
  EXPECT_EQ(kinds[static_cast<int>(PutKind::kUnchanged)], 181);
  auto stats = s.store->Stats();
  ASSERT_TRUE(stats.ok());
  ASSERT_EQ(stats->size(), 1u);
  EXPECT_EQ((*stats)[0].articles, 181);

  // The same pages again at another site, with other chrome around them.
  int eligible = 0;
  int duplicates = 0;
  for (const auto& [key, body] : pages) {
    if (body.size() < 1000) continue;  // one-paragraph pages: chrome outweighs them
    ++eligible;
    std::string reprint = "Advertisement\n\n" + body + "\n\nSign up for our newsletter.";
    auto r = s.store->Put(PageArticle(key, reprint, "reprints.example.org"));
    ASSERT_TRUE(r.ok()) << r.error().message;
    duplicates += r->kind == PutKind::kDuplicate;
  }
  EXPECT_GE(duplicates, eligible * 95 / 100) << duplicates << " of " << eligible;  // measured: 165 of 166
}

}  // namespace
}  // namespace gleaner::store
