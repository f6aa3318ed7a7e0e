// links: the links an article page offers besides its text - lists of
// related articles, and the further pages of an article split over several.
// Inside src/extract only.
#ifndef GLEANER_SRC_EXTRACT_LINKS_H_
#define GLEANER_SRC_EXTRACT_LINKS_H_

#include <string>
#include <string_view>
#include <vector>

#include "gleaner/article.h"
#include "gleaner/html.h"
#include "page_stats.h"

namespace gleaner::extract::internal {

// Article lists under a heading such as 相关文章 / 相关阅读 / Related. Lists
// that are about this article (相关…, 延伸阅读, Related) win; only when the page
// has none are the site's general lists (最新文章, 推荐阅读, 热点推荐, 猜你喜欢,
// More from…) taken. Links are absolute, deduplicated, never the page itself.
std::vector<Link> FindRelated(const html::Document& doc, const PageStats& stats,
                              std::string_view page_url);

// True when the block at `id` opens with a list heading (相关文章, 最新文章,
// Related...): such a block is a reading list, never article text.
bool OpensWithListHeading(const html::Document& doc, const PageStats& stats, html::NodeId id);

// True when a whole paragraph is a list heading (往期推荐, 相关阅读, Related):
// left in a body whose list links were dropped, it is not article text.
bool IsListHeading(std::string_view text);

// The <a> elements selected by a site rule, as links (for `related`).
std::vector<Link> LinksUnder(const html::Document& doc, const std::vector<html::NodeId>& roots,
                             std::string_view page_url);

// Every <a href> of the page (hidden ones too: crawling is not reading),
// resolved against `page_url`, http(s) only, fragment dropped, once each.
std::vector<std::string> AllLinks(const html::Document& doc, std::string_view page_url);

// The pages after this one of a split article, in page order: from the
// pager (上一页 1 2 3 下一页, Next), rel=next, and URL shapes (_2.html,
// -2.html, ?page=2). `rel_next` is <link rel=next> from the head, or "".
std::vector<std::string> FindNextPages(const html::Document& doc, const PageStats& stats,
                                       std::string_view page_url, std::string_view rel_next);

}  // namespace gleaner::extract::internal

#endif  // GLEANER_SRC_EXTRACT_LINKS_H_
