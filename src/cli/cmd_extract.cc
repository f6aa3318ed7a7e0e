// `gleaner extract`: pages (URLs, files, folders, stdin) -> Article JSON.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <unordered_set>

#include "commands.h"
#include "gleaner/article.h"
#include "gleaner/fetch.h"
#include "gleaner/log.h"
#include "gleaner/pipeline.h"
#include "gleaner/rules.h"
#include "gleaner/store.h"
#include "gleaner/url.h"

namespace gleaner::cli {
namespace {

namespace fs = std::filesystem;

// A saved file larger than this is refused rather than read into memory.
constexpr uintmax_t kMaxFileBytes = 64u << 20;

struct ExtractFlags {
  std::vector<std::string> inputs;
  std::string url;
  std::string encoding;
  std::string format = "json";
  std::string fields;
  bool pretty = false;
  bool explain = false;
  std::string db;  // --db: keep the articles in this store instead of printing them
  std::string rules_path;  // --rules: a rules file or folder
  std::vector<rules::SiteRules> sites;  // loaded from rules_path
  bool follow_pages = false;
  double timeout_s = 30;
  int64_t max_bytes = 10 << 20;
};

// One page to extract: where it comes from and what the user called it.
struct Job {
  enum Kind { kUrl, kFile, kStdin } kind;
  std::string input;  // as the user named it (or the path found in a folder)
};

bool HasPageExtension(const fs::path& path) {
  std::string name = path.filename().string();
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  if (name.size() > 3 && name.ends_with(".gz")) name.resize(name.size() - 3);
  return name.ends_with(".html") || name.ends_with(".htm") || name.ends_with(".shtml");
}

// One input: a URL, stdin, a file, or a folder's page files (sorted, so
// output order is stable).
Result<std::vector<Job>> PlanInput(const std::string& input) {
  if (input == "-") return std::vector<Job>{{Job::kStdin, input}};
  if (url::IsHttp(input)) return std::vector<Job>{{Job::kUrl, input}};
  std::error_code ec;
  fs::file_status status = fs::status(input, ec);
  if (ec || !fs::exists(status)) {
    if (input.find("://") != std::string::npos) {
      return MakeError(Code::kUnsupported, input + ": only http and https URLs are fetched");
    }
    return MakeError(Code::kNotFound, input + ": no such file or directory");
  }
  if (!fs::is_directory(status)) return std::vector<Job>{{Job::kFile, input}};
  std::vector<std::string> found;
  for (fs::recursive_directory_iterator it(input, fs::directory_options::skip_permission_denied, ec), end;
       !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec) && HasPageExtension(it->path())) found.push_back(it->path().string());
  }
  if (ec) return MakeError(Code::kIo, input + ": " + ec.message());
  if (found.empty()) {
    return MakeError(Code::kNotFound, input + ": no .html, .htm or .shtml pages (or .gz of them) in this folder");
  }
  std::sort(found.begin(), found.end());
  std::vector<Job> jobs;
  for (std::string& path : found) jobs.push_back({Job::kFile, std::move(path)});
  return jobs;
}

// Every input's jobs, in the order given. An input that cannot be used is
// reported in `errors` and the others still run.
std::vector<Job> PlanJobs(const std::vector<std::string>& inputs, std::vector<Error>* errors) {
  std::vector<Job> jobs;
  for (const std::string& input : inputs) {
    Result<std::vector<Job>> planned = PlanInput(input);
    if (!planned.ok()) {
      errors->push_back(planned.take_error());
      continue;
    }
    jobs.insert(jobs.end(), planned->begin(), planned->end());
  }
  return jobs;
}

Result<std::string> ReadFileBytes(const std::string& path) {
  std::error_code ec;
  uintmax_t size = fs::file_size(path, ec);
  if (ec) return MakeError(Code::kIo, path + ": " + ec.message());
  if (size > kMaxFileBytes) {
    return MakeError(Code::kTooLarge, path + ": file is " + std::to_string(size) +
                                          " bytes, larger than the " +
                                          std::to_string(kMaxFileBytes) + "-byte limit");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(Code::kIo, path + ": cannot open for reading");
  std::string bytes(size, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  bytes.resize(static_cast<size_t>(in.gcount()));
  return bytes;
}

Result<std::string> ReadStdin(int64_t max_bytes) {
  std::string bytes;
  char buf[64 * 1024];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, stdin)) > 0) {
    bytes.append(buf, n);
    if (static_cast<int64_t>(bytes.size()) > max_bytes) {
      return MakeError(Code::kTooLarge, "stdin: more than " + std::to_string(max_bytes) + " bytes");
    }
  }
  if (std::ferror(stdin)) return MakeError(Code::kIo, "stdin: read error");
  return bytes;
}

// Content types that may still be HTML and are decided by the bytes.
bool MaySniffAsHtml(std::string_view content_type) {
  return content_type.starts_with("text/plain") ||
         content_type.starts_with("application/octet-stream") ||
         content_type.starts_with("text/x-server-parsed-html");
}

// At most `max_bytes` of `s`, cut at a UTF-8 character boundary.
std::string Clip(const std::string& s, size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut) + "…";
}

// Prints an explanation as plain lines on stderr (stdout stays JSON).
void PrintExplanation(std::string_view input, const extract::Explanation& explanation) {
  std::string out = "explain " + std::string(input) + "\n";
  for (const extract::Explanation::Choice& c : explanation.choices) {
    out += "  " + c.field + " = " + Clip(c.value, 120) + "\n      from " + c.signal;
    if (!c.runner_up.empty()) out += "; runner-up: " + Clip(c.runner_up, 120);
    out += "\n";
  }
  out += "  body candidates (best first):\n";
  for (const extract::Explanation::Candidate& c : explanation.body_candidates) {
    char line[96];
    std::snprintf(line, sizeof line, "    %8.1f  %6u chars  links %3.0f%%  ", c.score, c.chars, 100 * c.link_density);
    out += line + Clip(c.element, 100) + "\n";
  }
  out += "  body read from:\n";
  for (const std::string& element : explanation.body_containers) out += "    " + Clip(element, 120) + "\n";
  std::fwrite(out.data(), 1, out.size(), stderr);
}

// Runs the pipeline on one page; errors are prefixed with `what` (the URL
// or file) so the message names the input.
Result<Article> ProcessExplained(pipeline::Page& page, const ExtractFlags& flags,
                                 pipeline::PageProcessor& processor, const std::string& what) {
  extract::Explanation explanation;
  if (flags.explain) page.explain = &explanation;
  Result<Article> article = processor.Process(page);
  if (!article.ok()) return MakeError(article.error().code, what + ": " + article.error().message);
  if (flags.explain) PrintExplanation(what, explanation);
  return article;
}

// The site rules for a page (its [extract] selectors and encoding), if any.
void ApplySiteRules(const ExtractFlags& flags, std::string_view page_url, pipeline::Page* page) {
  const rules::SiteRules* site = RulesForUrl(flags.sites, page_url);
  if (!site) return;
  page->rules = &site->extract;
  if (page->encoding_override.empty()) page->encoding_override = site->encoding;
}

Result<Article> ExtractUrl(const Job& job, const ExtractFlags& flags, pipeline::PageProcessor& processor) {
  fetch::Options options;
  options.total_timeout_ms = static_cast<int64_t>(flags.timeout_s * 1000);
  options.max_body_bytes = flags.max_bytes;
  fetch::Request request;
  request.url = job.input;
  Result<fetch::Response> response = fetch::FetchOne(request, options);
  if (!response.ok()) return response.take_error();
  if (response->status < 200 || response->status >= 300) {
    return MakeError(Code::kHttp, response->url + ": HTTP " + std::to_string(response->status));
  }
  std::string type = response->content_type;
  std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return std::tolower(c); });
  if (!fetch::IsHtmlContentType(type) && !MaySniffAsHtml(type)) {
    return MakeError(Code::kNotHtml, response->url + ": not an HTML page (content type " +
                                         response->content_type + ")");
  }
  pipeline::Page page;
  page.bytes = response->body;
  page.input = job.input;
  page.url = response->url;
  page.http_charset = fetch::CharsetOf(response->content_type);
  page.encoding_override = flags.encoding;
  ApplySiteRules(flags, page.url, &page);
  return ProcessExplained(page, flags, processor, response->url);
}

Result<Article> ExtractLocal(const Job& job, const ExtractFlags& flags, pipeline::PageProcessor& processor) {
  Result<std::string> bytes = job.kind == Job::kStdin ? ReadStdin(flags.max_bytes) : ReadFileBytes(job.input);
  if (!bytes.ok()) return bytes.take_error();
  if (bytes->empty()) return MakeError(Code::kInvalidInput, job.input + ": the file is empty");
  pipeline::Page page;
  page.bytes = *bytes;
  page.input = job.input;
  page.url = flags.url;
  page.encoding_override = flags.encoding;
  ApplySiteRules(flags, page.url, &page);
  return ProcessExplained(page, flags, processor, job.input);
}

// Fetches and joins the further pages of a split article. A page that
// fails is reported and the pages before it are kept.
void FollowPages(const ExtractFlags& flags, pipeline::PageProcessor& processor, Article* article) {
  std::vector<Article> rest;
  std::vector<std::string> queue = article->next_pages;
  std::unordered_set<std::string> seen = {article->url};
  for (size_t i = 0; i < queue.size() && rest.size() + 1 < pipeline::kMaxStitchedPages; ++i) {
    if (!seen.insert(queue[i]).second || !url::IsHttp(queue[i])) continue;
    Result<Article> page = ExtractUrl({Job::kUrl, queue[i]}, flags, processor);
    if (!page.ok()) {
      PrintError("following pages", page.error());
      break;
    }
    for (const std::string& next : page->next_pages) {
      if (!seen.count(next)) queue.push_back(next);
    }
    rest.push_back(std::move(*page));
  }
  pipeline::StitchPages(article, rest);
}

std::vector<std::string> SplitFields(const std::string& csv) {
  std::vector<std::string> fields;
  size_t start = 0;
  while (start <= csv.size() && !csv.empty()) {
    size_t comma = csv.find(',', start);
    if (comma == std::string::npos) comma = csv.size();
    if (comma > start) fields.push_back(csv.substr(start, comma - start));
    start = comma + 1;
  }
  return fields;
}

// Writes articles as one object, a JSON array, or JSON Lines, flushing each
// so a long folder run shows progress through a pipe.
class ArticleWriter {
 public:
  ArticleWriter(const ExtractFlags& flags, size_t job_count)
      : jsonl_(flags.format == "jsonl"), single_(job_count == 1 && !jsonl_) {
    options_.fields = SplitFields(flags.fields);
    options_.pretty = !jsonl_ && (flags.pretty || (single_ && isatty(STDOUT_FILENO)));
  }
  void Write(const Article& article) {
    std::string json = ArticleToJson(article, options_);
    if (!jsonl_ && !single_) {
      std::fputs(count_ == 0 ? "[\n" : ",\n", stdout);
    }
    std::fwrite(json.data(), 1, json.size(), stdout);
    if (jsonl_ || single_) std::fputc('\n', stdout);
    std::fflush(stdout);
    ++count_;
  }
  void Finish() {
    if (jsonl_ || single_) return;
    std::fputs(count_ == 0 ? "[]\n" : "\n]\n", stdout);
  }

 private:
  JsonOptions options_;
  bool jsonl_;
  bool single_;
  size_t count_ = 0;
};

// Keeps extracted articles in a store (extract --db) and counts what
// happened to each; per-page lines go to the log, stdout stays empty.
class StoreSink {
 public:
  static Result<std::unique_ptr<StoreSink>> Open(const std::string& path) {
    Result<std::unique_ptr<store::Store>> store = store::Store::Open(path);
    if (!store.ok()) return store.take_error();
    return std::unique_ptr<StoreSink>(new StoreSink(std::move(*store)));
  }
  Status Put(const Article& article) {
    Result<store::PutOutcome> outcome = store_->Put(article);
    if (!outcome.ok()) return outcome.take_error();
    ++counts_[static_cast<int>(outcome->kind)];
    log::Info("extract", "stored", {{"input", article.input},
                                    {"outcome", std::string(store::PutKindName(outcome->kind))},
                                    {"id", std::to_string(outcome->id)}});
    return Status::Ok();
  }
  Status Finish(size_t failed) {
    GLEANER_TRY(store_->Commit());
    log::Info("extract", "done", {{"new", std::to_string(counts_[0])},
                                  {"unchanged", std::to_string(counts_[1])},
                                  {"new_versions", std::to_string(counts_[2])},
                                  {"duplicates", std::to_string(counts_[3])},
                                  {"failed", std::to_string(failed)},
                                  {"db", store_->path()}});
    return Status::Ok();
  }

 private:
  explicit StoreSink(std::unique_ptr<store::Store> store) : store_(std::move(store)) {}
  std::unique_ptr<store::Store> store_;
  int64_t counts_[4] = {0, 0, 0, 0};  // indexed by store::PutKind
};

int RunExtract(ExtractFlags& flags) {
  if (flags.format != "json" && flags.format != "jsonl") {
    PrintError("extract", "--format must be json or jsonl, not '" + flags.format + "'");
    return kExitUsage;
  }
  if (!flags.rules_path.empty()) {
    Result<std::vector<rules::SiteRules>> sites = rules::Load(flags.rules_path, RulesLoadOptions());
    if (!sites.ok()) {
      PrintError("loading rules", sites.error());
      return kExitRules;
    }
    flags.sites = std::move(*sites);
  }
  std::vector<Error> errors;
  std::vector<Job> jobs = PlanJobs(flags.inputs, &errors);
  for (const Error& error : errors) PrintError("extract", error);
  if (!flags.url.empty() && (jobs.size() != 1 || jobs.front().kind == Job::kUrl)) {
    PrintError("extract", "--url names the address of one saved page or stdin; give exactly one");
    return kExitUsage;
  }
  pipeline::Limits limits;
  limits.max_decoded_bytes = static_cast<size_t>(std::max<int64_t>(flags.max_bytes, 1 << 20) * 4);
  pipeline::PageProcessor processor(limits);
  std::unique_ptr<StoreSink> sink;
  if (!flags.db.empty()) {
    Result<std::unique_ptr<StoreSink>> opened = StoreSink::Open(flags.db);
    if (!opened.ok()) {
      PrintError("opening the store", opened.error());
      return kExitStore;
    }
    sink = std::move(*opened);
  }
  ArticleWriter writer(flags, jobs.size() + errors.size());
  size_t failures = errors.size();
  for (const Job& job : jobs) {
    Result<Article> article = job.kind == Job::kUrl ? ExtractUrl(job, flags, processor)
                                                    : ExtractLocal(job, flags, processor);
    if (!article.ok()) {
      PrintError("extract", article.error());
      ++failures;
      continue;
    }
    if (flags.follow_pages && !article->next_pages.empty()) FollowPages(flags, processor, &*article);
    if (!sink) {
      writer.Write(*article);
      continue;
    }
    if (Status stored = sink->Put(*article); !stored.ok()) {
      PrintError("storing " + job.input, stored.error());
      return kExitStore;  // committed rows stay; the rest would fail the same way
    }
  }
  if (sink) {
    if (Status done = sink->Finish(failures); !done.ok()) {
      PrintError("storing", done.error());
      return kExitStore;
    }
  } else {
    writer.Finish();
  }
  return failures == 0 ? kExitOk : kExitFailed;
}

}  // namespace

Command AddExtractCommand(CLI::App& app) {
  auto flags = std::make_shared<ExtractFlags>();
  CLI::App* sub = app.add_subcommand(
      "extract", "Extract articles from URLs, saved pages, folders of pages, or stdin (-)");
  sub->add_option("inputs", flags->inputs, "http(s) URLs, files (.html/.htm/.shtml, .gz), folders, or - for stdin")
      ->type_name("INPUT")
      ->required();
  sub->add_option("--url", flags->url,
                  "The address of one saved page or stdin (resolves links, dates in URLs); default: none")
      ->type_name("URL")
      ->group("Input");
  sub->add_option("--encoding", flags->encoding,
                  "Decode pages with this charset, whatever they declare (e.g. gbk); default: detect")
      ->type_name("LABEL")
      ->group("Input");
  sub->add_option("--rules", flags->rules_path,
                  "A rules file or folder (selectors/): the matching site's selectors and encoding apply;"
                  " default: none")
      ->type_name("PATH")
      ->group("Input");
  sub->add_option("--format", flags->format, "json (one object, or an array for several pages) or jsonl")
      ->capture_default_str()
      ->type_name("json|jsonl")
      ->group("Output");
  sub->add_option("--fields", flags->fields,
                  "Only these JSON fields, comma-separated (e.g. title,published,body); default: all")
      ->type_name("LIST")
      ->group("Output");
  sub->add_flag("--pretty", flags->pretty, "Indent the JSON (default: on for one page on a terminal)")
      ->group("Output");
  sub->add_flag("--explain", flags->explain,
                "On stderr, say for each field which signal produced it and the runner-up")
      ->group("Output");
  sub->add_option("--db", flags->db,
                  "Keep the articles in this SQLite store (deduplicated) instead of printing them;"
                  " default: print")
      ->type_name("PATH")
      ->group("Output");
  sub->add_flag("--follow-pages", flags->follow_pages,
                "Fetch the further pages of a split article (at most 20) and join them into one")
      ->group("Fetching");
  sub->add_option("--timeout", flags->timeout_s, "Seconds allowed for each fetch")
      ->capture_default_str()
      ->type_name("SECONDS")
      ->group("Fetching");
  sub->add_option("--max-bytes", flags->max_bytes, "Largest page body accepted, in bytes (after decompression)")
      ->capture_default_str()
      ->type_name("N")
      ->group("Fetching");
  sub->footer("Example: gleaner extract https://news.example.cn/a/123.html");
  return {sub, [flags] { return RunExtract(*flags); }};
}

}  // namespace gleaner::cli
