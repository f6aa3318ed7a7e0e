// Sites of a run and their scope: rules files, plus a generic site for each
// start URL no rules file covers. A site's scope is the registrable domains
// (url::SiteOf) of its start, sitemap and feed URLs, plus its rules `hosts`
// (each with its subdomains): "stay on the start site unless the rules
// widen it".
#include <algorithm>

#include "crawl_internal.h"
#include "gleaner/url.h"

namespace gleaner::crawl::internal {
namespace {

void AddUnique(std::vector<std::string>* list, std::string value) {
  if (!value.empty() && std::find(list->begin(), list->end(), value) == list->end()) {
    list->push_back(std::move(value));
  }
}

bool HostUnder(std::string_view host, std::string_view base) {
  if (host == base) return true;
  return host.size() > base.size() && host.ends_with(base) && host[host.size() - base.size() - 1] == '.';
}

Result<std::unique_ptr<Site>> SiteFromRules(const rules::SiteRules& rules_in, const Options& options) {
  auto compiled = rules::CompiledRules::Compile(rules_in);
  if (!compiled.ok()) return compiled.take_error();
  auto site = std::make_unique<Site>();
  const rules::SiteRules& r = (*compiled)->rules();
  site->name = r.name;
  site->rules = *compiled;
  site->start = r.start;
  for (const auto* list : {&r.start, &r.sitemaps, &r.feeds}) {
    for (const std::string& u : *list) AddUnique(&site->domains, url::SiteOf(url::HostOf(u)));
  }
  site->hosts = r.hosts;
  site->delay_s = r.delay_s > 0 ? r.delay_s : options.default_delay_s;
  site->max_depth = r.max_depth >= 0 ? r.max_depth : options.max_depth;
  site->max_pages = r.max_pages;
  site->revisit_days = r.revisit_days > 0 ? r.revisit_days : options.revisit_days;
  site->encoding = r.encoding;
  return site;
}

Result<std::unique_ptr<Site>> GenericSite(const std::string& domain, const Options& options) {
  rules::SiteRules r;
  r.name = domain;
  auto compiled = rules::CompiledRules::Compile(r);
  if (!compiled.ok()) return compiled.take_error();
  auto site = std::make_unique<Site>();
  site->name = domain;
  site->rules = *compiled;
  site->domains = {domain};
  site->delay_s = options.default_delay_s;
  site->max_depth = options.max_depth;
  site->revisit_days = options.revisit_days;
  return site;
}

}  // namespace

Result<std::unique_ptr<SiteTable>> SiteTable::Build(const Options& options) {
  auto table = std::make_unique<SiteTable>();
  for (const rules::SiteRules& r : options.sites) {
    auto site = SiteFromRules(r, options);
    if (!site.ok()) return site.take_error();
    table->sites_.push_back(std::move(site).value());
  }
  for (const std::string& start : options.start_urls) {
    auto parsed = url::ParseHttp(start);
    if (!parsed.ok()) {
      return MakeError(Code::kInvalidInput, "start URL " + start + ": " + parsed.error().message);
    }
    std::string resolved = parsed->ToString();
    Site* owner = const_cast<Site*>(table->ForHost(parsed->host));
    if (owner == nullptr) {
      auto site = GenericSite(url::SiteOf(parsed->host), options);
      if (!site.ok()) return site.take_error();
      owner = site->get();
      table->sites_.push_back(std::move(site).value());
    }
    AddUnique(&owner->start, resolved);
  }
  if (table->sites_.empty()) {
    return MakeError(Code::kInvalidInput, "nothing to crawl: give start URLs or --rules");
  }
  return table;
}

const Site* SiteTable::ForHost(std::string_view host) const {
  std::string domain = url::SiteOf(host);
  for (const auto& site : sites_) {
    for (const std::string& d : site->domains) {
      if (d == domain) return site.get();
    }
    for (const std::string& h : site->hosts) {
      if (HostUnder(host, h)) return site.get();
    }
  }
  return nullptr;
}

const Site* SiteTable::ForUrl(std::string_view u) const {
  std::string host = url::HostOf(u);
  if (host.empty()) return nullptr;
  return ForHost(host);
}

std::vector<NewUrl> SiteTable::Seeds() const {
  std::vector<NewUrl> seeds;
  auto add = [&](const std::string& u, PageKind kind) {
    NewUrl link;
    if (MakeLink(*this, u, kind, LinkFrom{}, &link) != LinkVerdict::kOk) return;
    link.seed = true;
    seeds.push_back(std::move(link));
  };
  for (const auto& site : sites_) {
    for (const std::string& u : site->start) add(u, PageKind::kList);
    for (const std::string& u : site->rules->rules().sitemaps) add(u, PageKind::kSitemap);
    for (const std::string& u : site->rules->rules().feeds) add(u, PageKind::kFeed);
  }
  return seeds;
}

}  // namespace gleaner::crawl::internal
