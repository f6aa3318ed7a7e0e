// Focus: the <meta> prescan (WHATWG's algorithm, read past 1024 bytes) and
// the BOM sniff.
#include <gtest/gtest.h>

#include <string>

#include "charset_internal.h"
#include "gleaner/charset.h"

namespace gleaner::charset {
namespace {

using namespace std::string_view_literals;

struct PrescanCase {
  const char* id;
  const char* html;
  const char* label;  // what PrescanMeta returns
};

const PrescanCase kPrescanCases[] = {
    {"pre-1.1", "<meta charset=\"gbk\">", "gbk"},
    {"pre-1.2", "<meta charset=gb2312>", "gb2312"},
    {"pre-1.3", "<meta charset='Big5'>", "big5"},
    {"pre-1.4", "<META CHARSET=\"UTF-8\">", "utf-8"},
    {"pre-1.5", "<meta charset=\" gbk \">", "gbk"},
    {"pre-1.6", "<meta/charset=gbk>", "gbk"},
    {"pre-1.7", "<meta charset = \"gbk\" >", "gbk"},
    {"pre-1.8", "<meta\ncharset=gbk />", "gbk"},
    {"pre-1.9", "<meta charset=gbk/>", ""},  // an unquoted value takes the '/'
    {"pre-1.10", "<meta charset=\"gbk\"/>", "gbk"},
    {"pre-2.1", "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">",
     "gb2312"},
    {"pre-2.2", "<meta content=\"text/html; charset=GBK\" http-equiv=\"content-type\">", "gbk"},
    {"pre-2.3", "<meta http-equiv=content-type content='text/html;charset=\"big5\"'>", "big5"},
    {"pre-2.4", "<meta http-equiv=\"Content-Type\" content=\"text/html; charset = utf-8 ; x=y\">",
     "utf-8"},
    {"pre-2.5", "<meta http-equiv=\"Content-Type\" content=\"text/html; charset\">", ""},
    {"pre-2.6", "<meta http-equiv=\"Content-Type\" content=\"text/html; charset='gbk\">", ""},
    // content= without http-equiv=content-type does not count (need pragma).
    {"pre-3.1", "<meta content=\"text/html; charset=gbk\">", ""},
    {"pre-3.2", "<meta name=\"description\" content=\"charset=gbk\"><meta charset=utf-8>",
     "utf-8"},
    {"pre-3.3", "<meta http-equiv=\"refresh\" content=\"0; charset=gbk\">", ""},
    // Only the first of repeated attributes counts.
    {"pre-3.4", "<meta charset=gbk charset=big5>", "gbk"},
    {"pre-3.5", "<meta http-equiv=x http-equiv=content-type content=\"charset=gbk\">", ""},
    // A charset attribute wins over an earlier content= in the same tag.
    {"pre-3.6",
     "<meta http-equiv=content-type content=\"text/html; charset=gbk\" charset=big5>", "big5"},
    // Unknown labels are skipped and the scan goes on.
    {"pre-4.1", "<meta charset=\"klingon\"><meta charset=\"gbk\">", "gbk"},
    {"pre-4.2", "<meta charset=\"\"><meta charset=\"euc-kr\">", "euc-kr"},
    {"pre-4.3", "<meta charset=\"utf-16\">", "utf-16"},  // fixed up by Decode()
    // Comments, other markup and attribute values hide look-alikes.
    {"pre-5.1", "<!-- <meta charset=\"big5\"> --><meta charset=\"gbk\">", "gbk"},
    {"pre-5.2", "<!--><meta charset=\"gbk\">", "gbk"},
    {"pre-5.3", "<!---><meta charset=\"big5\">--><meta charset=\"gbk\">", "big5"},  // "<!--->" ends
    {"pre-5.4", "<!-- unterminated <meta charset=\"gbk\">", ""},
    {"pre-5.5", "<div title='<meta charset=big5>'><meta charset=gbk>", "gbk"},
    {"pre-5.6", "<!DOCTYPE html><?xml version=\"1.0\"?></x><meta charset=gbk>", "gbk"},
    {"pre-5.7", "<metadata charset=big5><meta charset=gbk>", "gbk"},
    {"pre-5.8", "<p>a < b <meta charset=gbk>", "gbk"},
    {"pre-5.9", "<script>var s = \"<meta charset=big5>\";</script>", "big5"},  // as WHATWG
    // Truncated input yields nothing rather than a guess.
    {"pre-6.1", "<meta charset=\"gbk", ""},
    {"pre-6.2", "<meta charset=gbk", ""},
    {"pre-6.3", "<meta", ""},
    {"pre-6.4", "", ""},
    {"pre-6.5", "<", ""},
    {"pre-6.6", "<meta http-equiv=\"content-type\" content=\"charset=gbk\"", ""},
    {"pre-6.7", "<meta charset=\"gbk\" ", ""},
};

TEST(PrescanTest, Table) {
  for (const PrescanCase& c : kPrescanCases) {
    EXPECT_EQ(PrescanMeta(c.html), c.label) << c.id << ": " << c.html;
  }
}

// Chinese portals put long scripts and styles in <head> before the meta;
// WHATWG's 1024 bytes would miss it.
TEST(PrescanTest, FindsMetaAfterLongHead) {
  std::string head = "<html><head><script>";
  head += std::string(20000, 'x');
  head += "</script><meta charset=\"gbk\">";
  EXPECT_EQ(PrescanMeta(head), "gbk");
  EXPECT_EQ(PrescanMeta(head, 1024), "");
}

// The tag must end inside the limit: limit-1, limit, limit+1.
TEST(PrescanTest, LimitIsBytesExamined) {
  const std::string tag = "<meta charset=gbk>";
  const size_t limit = 100;
  // The '>' is the last byte inside the limit: found.
  std::string at_limit = std::string(limit - tag.size(), ' ') + tag;
  EXPECT_EQ(PrescanMeta(at_limit, limit), "gbk");
  EXPECT_EQ(PrescanMeta(" " + at_limit, limit), "");      // '>' at limit+1
  EXPECT_EQ(PrescanMeta(at_limit.substr(1), limit), "gbk");  // '>' at limit-1
  // The default limit is kPrescanLimit.
  EXPECT_EQ(PrescanMeta(std::string(kPrescanLimit - tag.size(), ' ') + tag), "gbk");
  EXPECT_EQ(PrescanMeta(std::string(kPrescanLimit - tag.size() + 1, ' ') + tag), "");
}

TEST(PrescanTest, BinaryGarbageDoesNotCrash) {
  std::string bytes;
  uint32_t x = 12345;
  for (int i = 0; i < 200000; ++i) {
    x = x * 1103515245u + 12345u;
    const char alphabet[] = "<>!-/?='\" \tmetaMETAcharset=content;http-equiv\xff\x80";
    bytes += alphabet[(x >> 16) % (sizeof(alphabet) - 1)];
  }
  const std::string label = PrescanMeta(bytes);
  EXPECT_TRUE(label.empty() || !CanonicalName(label).empty());
}

TEST(BomTest, Sniff) {
  using internal::Enc;
  EXPECT_EQ(internal::SniffBom("\xEF\xBB\xBFhi")->enc, Enc::kUtf8);
  EXPECT_EQ(internal::SniffBom("\xEF\xBB\xBFhi")->length, 3u);
  EXPECT_EQ(internal::SniffBom("\xFF\xFEh\0"sv)->enc, Enc::kUtf16Le);
  EXPECT_EQ(internal::SniffBom("\xFE\xFF\0h"sv)->enc, Enc::kUtf16Be);
  EXPECT_EQ(internal::SniffBom("\xFE\xFF")->length, 2u);
  EXPECT_FALSE(internal::SniffBom("\xEF\xBB").has_value());
  EXPECT_FALSE(internal::SniffBom("").has_value());
  EXPECT_FALSE(internal::SniffBom("<html>").has_value());
}

}  // namespace
}  // namespace gleaner::charset
