// Focus: CleanTitle removes site names and channels portals add to <title>,
// and never cuts a headline whose separator belongs to it.
#include <string>

#include <gtest/gtest.h>

#include "extract_internal.h"

namespace gleaner::extract::internal {
namespace {

struct Row {
  const char* id;
  const char* title;
  const char* site_name;
  const char* want;
};

const Row kRows[] = {
    {"sina-suffix", "国务院召开常务会议部署稳就业工作_新浪网", "", "国务院召开常务会议部署稳就业工作"},
    {"qq-channel-and-site", "国务院召开常务会议部署稳就业工作_新闻_腾讯网", "",
     "国务院召开常务会议部署稳就业工作"},
    {"cctv-dash", "国务院召开常务会议部署稳就业工作 - 央视网", "", "国务院召开常务会议部署稳就业工作"},
    {"thepaper-fullwidth-bar", "国务院召开常务会议部署稳就业工作｜澎湃新闻", "",
     "国务院召开常务会议部署稳就业工作"},
    {"double-dash", "2025年一季度外贸数据发布--中企商务网", "", "2025年一季度外贸数据发布"},
    {"bare-hyphen-cjk", "国务院召开常务会议部署稳就业工作-中国新闻网", "",
     "国务院召开常务会议部署稳就业工作"},
    {"gun-bar", "国务院召开常务会议部署稳就业工作丨人民日报", "", "国务院召开常务会议部署稳就业工作"},
    {"reuters-bar", "Fed holds rates steady as inflation cools | Reuters", "",
     "Fed holds rates steady as inflation cools"},
    {"nyt-dash", "Fed Holds Rates Steady - The New York Times", "", "Fed Holds Rates Steady"},
    {"bbc-em-dash", "Fed holds rates steady as inflation cools — BBC News", "",
     "Fed holds rates steady as inflation cools"},
    {"section-and-site", "Fed holds rates steady as inflation cools | Business | Reuters", "",
     "Fed holds rates steady as inflation cools"},
    {"site-name-match", "Fed holds rates steady as inflation cools - Acme", "Acme",
     "Fed holds rates steady as inflation cools"},
    {"site-prefix-match", "Acme: Fed holds rates steady as inflation cools", "Acme",
     "Fed holds rates steady as inflation cools"},
    {"section-before-site-hyphens", "东盟瞄准一揽子增量政策-商务服务-中企商务网", "", "东盟瞄准一揽子增量政策"},
    {"traditional-site", "港府啟動半導體供應鏈--港澳新聞網", "", "港府啟動半導體供應鏈"},
    {"site-prefix-underscore", "新浪网_国务院召开常务会议部署稳就业工作", "",
     "国务院召开常务会议部署稳就业工作"},
    {"spaces-collapsed", "  国务院召开常务会议\u3000部署稳就业工作 _ 新浪网 ", "",
     "国务院召开常务会议 部署稳就业工作"},
    // Kept whole.
    {"keep-space-in-headline", "英美防长会谈聚焦对乌安全承诺与三边同盟 或影响俄乌局势走向", "",
     "英美防长会谈聚焦对乌安全承诺与三边同盟 或影响俄乌局势走向"},
    {"keep-colon", "Brexit: what happens next", "", "Brexit: what happens next"},
    {"keep-dash-in-headline", "Biden — the man who would be president again", "",
     "Biden — the man who would be president again"},
    {"keep-hyphen-words", "Covid-19 cases rise in Shanghai", "", "Covid-19 cases rise in Shanghai"},
    {"keep-cjk-dash-not-site", "改革开放——四十年的变迁与展望", "", "改革开放——四十年的变迁与展望"},
    {"keep-short-title-whole", "新闻_新浪网", "", "新闻_新浪网"},
    {"keep-long-tail", "Pros | Cons of remote work for small teams", "",
     "Pros | Cons of remote work for small teams"},
    {"keep-plain", "国务院召开常务会议", "", "国务院召开常务会议"},
    {"empty", "", "", ""},
};

TEST(CleanTitleTest, Table) {
  for (const Row& row : kRows) {
    EXPECT_EQ(CleanTitle(row.title, row.site_name), row.want) << row.id << ": " << row.title;
  }
}

TEST(CleanTitleTest, MalformedInputDoesNotCrash) {
  EXPECT_EQ(CleanTitle("___"), "___");
  EXPECT_EQ(CleanTitle(" | | "), "| |");
  (void)CleanTitle(std::string("\xE6\x96_\xFF", 4), "\xE6");
}

}  // namespace
}  // namespace gleaner::extract::internal
