// load_test: rules files and folders from disk. A folder loads every
// *.toml in name order; one broken file, an unreadable or oversized one, or
// two files naming one site fail the whole load, naming the file.
#include <gtest/gtest.h>

#include <string>

#include "gleaner/rules.h"
#include "support/test_util.h"

namespace gleaner::rules {
namespace {

using testing::TempDir;
using testing::WriteFile;

TEST(LoadTest, FolderLoadsEveryTomlInNameOrder) {
  TempDir dir;
  WriteFile(dir / "b.toml", "[site]\nname = \"bee\"\n");
  WriteFile(dir / "a.toml", "[site]\nstart = \"https://a.example/\"\n");
  WriteFile(dir / "notes.txt", "not rules");
  WriteFile(dir / ".#a.toml", "editor lock file = [");
  WriteFile(dir / "sub" / "c.toml", "[site]\nname = \"nested\"\n");
  Result<std::vector<SiteRules>> sites = Load(dir.path().string());
  ASSERT_TRUE(sites.ok()) << sites.error().message;
  ASSERT_EQ(sites->size(), 2u);
  EXPECT_EQ((*sites)[0].name, "a");
  EXPECT_EQ((*sites)[0].file, (dir / "a.toml").string());
  EXPECT_EQ((*sites)[1].name, "bee");
}

TEST(LoadTest, OneBrokenFileFailsTheWholeFolderNamingIt) {
  TempDir dir;
  WriteFile(dir / "a.toml", "[site]\nname = \"a\"\n");
  WriteFile(dir / "b.toml", "[site]\nname = \"b\"\ndelay = \"slow\"\n");
  WriteFile(dir / "c.toml", "[site]\nname = \"c\"\n");
  Result<std::vector<SiteRules>> sites = Load(dir.path().string());
  ASSERT_FALSE(sites.ok());
  EXPECT_EQ(sites.error().code, Code::kInvalidInput);
  EXPECT_EQ(sites.error().message, (dir / "b.toml").string() + ":3: site.delay: expected a number, got a string");
}

TEST(LoadTest, DuplicateSiteNamesNameBothFiles) {
  TempDir dir;
  WriteFile(dir / "a.toml", "[site]\n\nname = \"portal\"\n");
  WriteFile(dir / "b.toml", "[site]\nname = \"portal\"\n");
  Result<std::vector<SiteRules>> sites = Load(dir.path().string());
  ASSERT_FALSE(sites.ok());
  EXPECT_EQ(sites.error().message, (dir / "b.toml").string() + ":2: site.name: 'portal' is also the name of " +
                                       (dir / "a.toml").string() + ":3 (site names must be unique)");
  // A name taken from a file name clashes too.
  WriteFile(dir / "a.toml", "[site]\n");
  WriteFile(dir / "b.toml", "[site]\nname = \"a\"\n");
  sites = Load(dir.path().string());
  ASSERT_FALSE(sites.ok());
  EXPECT_EQ(sites.error().message, (dir / "b.toml").string() + ":2: site.name: 'a' is also the name of " +
                                       (dir / "a.toml").string() + " (site names must be unique)");
}

TEST(LoadTest, MissingPathsAndEmptyFoldersAreNotFound) {
  TempDir dir;
  Result<std::vector<SiteRules>> sites = Load((dir / "nope").string());
  ASSERT_FALSE(sites.ok());
  EXPECT_EQ(sites.error().code, Code::kNotFound);
  EXPECT_EQ(sites.error().message, (dir / "nope").string() + ": no such file or directory");
  sites = Load(dir.path().string());
  ASSERT_FALSE(sites.ok());
  EXPECT_EQ(sites.error().code, Code::kNotFound);
  EXPECT_EQ(sites.error().message, dir.path().string() + ": no *.toml rules files in this folder");
}

TEST(LoadTest, OneFileLoadsWhateverItsName) {
  TempDir dir;
  WriteFile(dir / "portal.rules", "[site]\nname = \"p\"\n");
  Result<std::vector<SiteRules>> sites = Load((dir / "portal.rules").string());
  ASSERT_TRUE(sites.ok()) << sites.error().message;
  ASSERT_EQ(sites->size(), 1u);
  EXPECT_EQ(sites->front().name, "p");
  Result<SiteRules> folder = LoadFile(dir.path().string());
  ASSERT_FALSE(folder.ok());
  EXPECT_EQ(folder.error().code, Code::kIo);
}

TEST(LoadTest, FileSizeCapAtLimitMinusOneLimitAndPlusOne) {
  TempDir dir;
  auto comment_file = [](int64_t bytes) {
    std::string text = "[site]\n";
    while (static_cast<int64_t>(text.size()) < bytes) {
      std::string line = "# padding to the cap\n";
      int64_t left = bytes - static_cast<int64_t>(text.size());
      if (left < static_cast<int64_t>(line.size())) line = std::string(static_cast<size_t>(left - 1), '#') + "\n";
      text += line;
    }
    return text;
  };
  for (int64_t delta : {-1, 0, 1}) {
    int64_t size = kMaxRulesFileBytes + delta;
    std::string path = (dir / ("cap" + std::to_string(delta + 1) + ".toml")).string();
    std::string text = comment_file(size);
    ASSERT_EQ(static_cast<int64_t>(text.size()), size);
    WriteFile(path, text);
    Result<SiteRules> loaded = LoadFile(path);
    if (delta <= 0) {
      EXPECT_TRUE(loaded.ok()) << delta << ": " << loaded.error().message;
    } else {
      ASSERT_FALSE(loaded.ok());
      EXPECT_EQ(loaded.error().code, Code::kTooLarge);
    }
  }
}

}  // namespace
}  // namespace gleaner::rules
