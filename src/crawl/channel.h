// channel: a closable multi-producer, multi-consumer queue between the
// crawl's threads. Unbounded by itself: what bounds memory is the fetch
// thread, which starts no fetch while too many pages are outstanding
// (Shared::outstanding), so producers never block and cannot deadlock.
#ifndef GLEANER_SRC_CRAWL_CHANNEL_H_
#define GLEANER_SRC_CRAWL_CHANNEL_H_

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

namespace gleaner::crawl::internal {

template <class T>
class Channel {
 public:
  // Adds an item; false (item dropped) once closed.
  bool Push(T item) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (closed_) return false;
      items_.push_back(std::move(item));
    }
    cv_.notify_one();
    return true;
  }

  // Waits for an item; nullopt once closed and drained.
  std::optional<T> Pop() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return closed_ || !items_.empty(); });
    if (items_.empty()) return std::nullopt;
    T item = std::move(items_.front());
    items_.pop_front();
    return item;
  }

  // Moves up to `max` items into *out, waiting up to `wait` for the first.
  // Returns false once closed and drained.
  bool PopMany(std::vector<T>* out, size_t max, std::chrono::milliseconds wait) {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait_for(lock, wait, [&] { return closed_ || !items_.empty(); });
    while (!items_.empty() && out->size() < max) {
      out->push_back(std::move(items_.front()));
      items_.pop_front();
    }
    return !(closed_ && items_.empty() && out->empty());
  }

  // Takes everything queued now without waiting.
  std::vector<T> Drain() {
    std::lock_guard<std::mutex> lock(mu_);
    std::vector<T> out;
    out.reserve(items_.size());
    for (T& item : items_) out.push_back(std::move(item));
    items_.clear();
    return out;
  }

  // Consumers drain what is left, then Pop returns nullopt.
  void Close() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      closed_ = true;
    }
    cv_.notify_all();
  }

  size_t size() const {
    std::lock_guard<std::mutex> lock(mu_);
    return items_.size();
  }

 private:
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<T> items_;  // GUARDED_BY(mu_)
  bool closed_ = false;  // GUARDED_BY(mu_)
};

}  // namespace gleaner::crawl::internal

#endif  // GLEANER_SRC_CRAWL_CHANNEL_H_
