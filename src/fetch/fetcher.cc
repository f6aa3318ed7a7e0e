// fetcher: many transfers at once on libcurl's multi interface.
//
// The multi handle owns the connection cache (keep-alive reuse, HTTP/2
// multiplexing) and the DNS cache every transfer shares. Each transfer is
// an internal::Transfer, set up exactly as FetchOne's, added to the multi;
// when it finishes it is removed and goes back to a small pool, so a long
// crawl does not allocate an easy handle per page.
//
// Invariants:
//  1. Every easy handle in the multi is a key of active_; no other is.
//  2. A Transfer in idle_ is in no multi and runs nothing.
//  3. in_flight() == active_.size() + ready_.size().
#include <algorithm>
#include <atomic>
#include <cassert>
#include <chrono>
#include <climits>
#include <ctime>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "fetch_internal.h"
#include "gleaner/fetch.h"

namespace gleaner::fetch {
namespace {

using Clock = std::chrono::steady_clock;
using internal::Transfer;

struct CurlMultiFree {
  void operator()(CURLM* multi) const noexcept { curl_multi_cleanup(multi); }
};
using CurlMulti = std::unique_ptr<CURLM, CurlMultiFree>;

// Idle easy handles kept for reuse. Enough for the default connection caps;
// more would only hold memory after a burst.
constexpr size_t kMaxIdleTransfers = 16;

Error Prefixed(const std::string& url, Code code, const std::string& why) {
  return MakeError(code, "fetching " + url + ": " + why);
}

}  // namespace

struct Fetcher::Impl {
  struct Active {
    std::unique_ptr<Transfer> transfer;
    uint64_t tag = 0;
    std::string url;  // as sent: base for a relative Location
  };

  explicit Impl(const Options& opts);
  ~Impl();

  void Start(Request request, uint64_t tag);
  void Harvest(std::vector<Completion>& done);
  void FailAll(std::vector<Completion>& done, const std::string& why);
  Result<Response> Complete(Active& active, CURLcode rc);
  std::unique_ptr<Transfer> TakeIdle();
  void Recycle(std::unique_ptr<Transfer> transfer);

  // Declared first, so destroyed last: ~Impl removes every easy handle from
  // it, then active_ and idle_ free the handles, then the multi goes.
  CurlMulti multi_;
  const Options options_;
  std::unordered_map<CURL*, Active> active_;
  std::vector<std::unique_ptr<Transfer>> idle_;
  std::vector<Completion> ready_;  // failed in Submit, returned by the next Poll
  std::atomic<bool> woken_{false};  // set by Wakeup, cleared by Poll
};

Fetcher::Impl::Impl(const Options& opts) : multi_(curl_multi_init()), options_(opts) {
  if (multi_ == nullptr) return;
  CURLM* m = multi_.get();
  curl_multi_setopt(m, CURLMOPT_MAX_HOST_CONNECTIONS, options_.max_host_connections);
  curl_multi_setopt(m, CURLMOPT_MAX_TOTAL_CONNECTIONS, options_.max_total_connections);
  // Several requests to one HTTP/2 host share one connection: kinder to
  // the host than parallel connections, and within max_host_connections.
  if (internal::CurlHasHttp2()) {
    curl_multi_setopt(m, CURLMOPT_PIPELINING, static_cast<long>(CURLPIPE_MULTIPLEX));
  }
}

Fetcher::Impl::~Impl() {
  // libcurl-multi: remove an easy handle from its multi before cleaning it
  // up; removal aborts its transfer and closes its connection.
  for (auto& [easy, active] : active_) curl_multi_remove_handle(multi_.get(), easy);
  active_.clear();
  idle_.clear();
}

std::unique_ptr<Transfer> Fetcher::Impl::TakeIdle() {
  if (idle_.empty()) return std::make_unique<Transfer>();
  std::unique_ptr<Transfer> transfer = std::move(idle_.back());
  idle_.pop_back();
  return transfer;
}

void Fetcher::Impl::Recycle(std::unique_ptr<Transfer> transfer) {
  if (idle_.size() < kMaxIdleTransfers) idle_.push_back(std::move(transfer));
}

void Fetcher::Impl::Start(Request request, uint64_t tag) {
  auto url = internal::RequestUrl(request.url);
  if (!url.ok()) {
    ready_.push_back({tag, url.take_error()});
    return;
  }
  if (multi_ == nullptr) {
    ready_.push_back({tag, Prefixed(*url, Code::kInternal, "curl_multi_init failed")});
    return;
  }
  std::unique_ptr<Transfer> transfer = TakeIdle();
  Status init = transfer->Init(request, options_);
  if (!init.ok()) {
    ready_.push_back({tag, Prefixed(*url, Code::kInternal, init.error().message)});
    Recycle(std::move(transfer));
    return;
  }
  // Over TLS, wait for a connection being set up to the same host in case
  // ALPN gives HTTP/2 and it can multiplex, instead of opening another one
  // at once. Plain http never becomes h2 here, so waiting would only
  // serialise the first requests.
  if (url->rfind("https:", 0) == 0) curl_easy_setopt(transfer->easy(), CURLOPT_PIPEWAIT, 1L);
  transfer->Prepare(*url, options_.total_timeout_ms);
  CURLMcode mc = curl_multi_add_handle(multi_.get(), transfer->easy());
  if (mc != CURLM_OK) {
    ready_.push_back({tag, Prefixed(*url, Code::kInternal,
                                    std::string("curl_multi_add_handle: ") +
                                        curl_multi_strerror(mc))});
    Recycle(std::move(transfer));
    return;
  }
  CURL* easy = transfer->easy();
  active_.emplace(easy, Active{std::move(transfer), tag, std::move(url.value())});
}

Result<Response> Fetcher::Impl::Complete(Active& active, CURLcode rc) {
  auto hop = active.transfer->Finish(rc);
  if (!hop.ok()) return hop.take_error();
  Response response =
      internal::MakeResponse(std::move(hop.value()), active.url, std::time(nullptr));
  if (response.location.empty()) return response;
  // The caller checks each hop against scope and robots: give it the
  // absolute target, or say why a redirect points nowhere fetchable.
  auto target = internal::ResolveLocation(active.url, active.url, response.location);
  if (target.ok()) {
    response.location = std::move(target.value());
  } else if (internal::IsFollowedRedirect(response.status)) {
    return target.take_error();
  } else {
    response.location.clear();  // a 300 or 305's odd Location: nothing to follow
  }
  return response;
}

void Fetcher::Impl::Harvest(std::vector<Completion>& done) {
  int queued = 0;
  CURLMsg* msg = nullptr;
  while ((msg = curl_multi_info_read(multi_.get(), &queued)) != nullptr) {
    if (msg->msg != CURLMSG_DONE) continue;
    // msg is invalid once its handle leaves the multi: copy first.
    CURL* easy = msg->easy_handle;
    CURLcode rc = msg->data.result;
    auto it = active_.find(easy);
    assert(it != active_.end());  // invariant 1
    if (it == active_.end()) continue;
    curl_multi_remove_handle(multi_.get(), easy);
    Active active = std::move(it->second);
    active_.erase(it);
    done.push_back({active.tag, Complete(active, rc)});
    Recycle(std::move(active.transfer));
  }
}

void Fetcher::Impl::FailAll(std::vector<Completion>& done, const std::string& why) {
  for (auto& [easy, active] : active_) {
    curl_multi_remove_handle(multi_.get(), easy);
    done.push_back({active.tag, Prefixed(active.url, Code::kInternal, why)});
  }
  active_.clear();
}

Fetcher::Fetcher(const Options& options) : impl_(std::make_unique<Impl>(options)) {}

Fetcher::~Fetcher() = default;

void Fetcher::Submit(Request request, uint64_t tag) { impl_->Start(std::move(request), tag); }

std::vector<Completion> Fetcher::Poll(std::chrono::milliseconds timeout) {
  Impl& s = *impl_;
  std::vector<Completion> done = std::move(s.ready_);
  s.ready_.clear();
  if (s.multi_ == nullptr) return done;
  const Clock::time_point deadline = Clock::now() + timeout;
  while (true) {
    int running = 0;
    CURLMcode mc = curl_multi_perform(s.multi_.get(), &running);
    if (mc != CURLM_OK) {
      // Out of memory or a curl bug: the transfers cannot make progress.
      s.FailAll(done, std::string("curl_multi_perform: ") + curl_multi_strerror(mc));
    }
    s.Harvest(done);
    if (!done.empty() || s.woken_.exchange(false)) return done;
    auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return done;
    // Returns on socket activity, curl's own timers, the deadline, or Wakeup.
    int wait_ms = static_cast<int>(std::min<int64_t>(left, INT_MAX));
    curl_multi_poll(s.multi_.get(), nullptr, 0, wait_ms, nullptr);
  }
}

void Fetcher::Wakeup() {
  impl_->woken_.store(true);
  if (impl_->multi_ != nullptr) curl_multi_wakeup(impl_->multi_.get());
}

size_t Fetcher::in_flight() const { return impl_->active_.size() + impl_->ready_.size(); }

}  // namespace gleaner::fetch
