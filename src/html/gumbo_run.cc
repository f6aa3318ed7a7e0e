// Runs Gumbo with every allocation in one arena and a memory budget.
//
// Why an arena: Gumbo 0.10.1 frees its tree recursively (destroy_node), so
// 100 000 nested elements overflow an 8 MB stack; the arena frees the whole
// tree at once and gumbo_destroy_output is never called. Parsing itself
// does not recurse (measured: 100 000 nested <span>s parse on a 256 KB
// stack), so no big-stack thread is needed.
//
// Why a budget: misnested formatting elements make the tree builder clone
// them at every block ("<b id=1>...<b id=1000></div>" then "<p>x</p>"
// repeated: 18 KB of input took 387 MB and 0.6 s). Past the budget the
// allocator longjmps out of gumbo_parse_with_options; the caller retries
// with a gentler pre-scan. The jump crosses only Gumbo's C frames and this
// file's trivially destructible ones; the arena still owns every block.
#include <gumbo.h>

#include <csetjmp>
#include <cstdlib>
#include <memory>
#include <vector>

#include "html_internal.h"

namespace gleaner::html::internal {

class GumboArena {
 public:
  void Reset(size_t budget_bytes) {
    blocks_.clear();
    next_ = nullptr;
    left_ = 0;
    allocated_ = 0;
    budget_ = budget_bytes;
    next_block_ = kFirstBlock;
  }

  void* Allocate(size_t size) {
    size = (size + 15) & ~size_t{15};  // malloc's alignment
    if (size > left_) NewBlock(size);
    void* p = next_;
    next_ += size;
    left_ -= size;
    return p;
  }

  size_t allocated() const { return allocated_; }
  std::jmp_buf& jump() { return jump_; }

 private:
  static constexpr size_t kFirstBlock = 64 << 10;
  static constexpr size_t kMaxBlock = 4 << 20;

  struct Free {
    void operator()(char* p) const noexcept { std::free(p); }
  };

  void NewBlock(size_t size) {
    size_t block = size > next_block_ ? size : next_block_;
    if (allocated_ + block > budget_) std::longjmp(jump_, 1);
    char* p = static_cast<char*>(std::malloc(block));
    if (p == nullptr) std::longjmp(jump_, 1);  // treat like the budget
    blocks_.emplace_back(p);
    allocated_ += block;
    next_ = p;
    left_ = block;
    if (next_block_ < kMaxBlock) next_block_ *= 2;
  }

  std::vector<std::unique_ptr<char, Free>> blocks_;
  char* next_ = nullptr;
  size_t left_ = 0;
  size_t allocated_ = 0;
  size_t budget_ = 0;
  size_t next_block_ = kFirstBlock;
  std::jmp_buf jump_;
};

namespace {

void* ArenaAllocate(void* userdata, size_t size) {
  return static_cast<GumboArena*>(userdata)->Allocate(size);
}

void ArenaFree(void*, void*) {}  // the arena frees everything at once

// Kept apart from GumboParser::Parse so that nothing with a destructor
// lives in the frame setjmp returns to twice.
const GumboOutput* ParseOrJump(GumboArena* arena, const GumboOptions* options,
                               std::string_view html) {
  if (setjmp(arena->jump()) != 0) return nullptr;
  return gumbo_parse_with_options(options, html.data(), html.size());
}

}  // namespace

GumboParser::GumboParser() : arena_(std::make_unique<GumboArena>()) {}
GumboParser::~GumboParser() = default;

GumboRun GumboParser::Parse(std::string_view html, size_t budget_bytes) {
  arena_->Reset(budget_bytes);
  GumboOptions options = kGumboDefaultOptions;
  options.allocator = ArenaAllocate;
  options.deallocator = ArenaFree;
  options.userdata = arena_.get();
  options.max_errors = 0;  // we never read parse errors; don't record them
  GumboRun run;
  run.output = ParseOrJump(arena_.get(), &options, html);
  run.allocated_bytes = arena_->allocated();
  return run;
}

size_t GumboBudget(size_t html_bytes) {
  // Measured: real pages use ~20 arena bytes per byte Gumbo sees, the
  // densest tag soup (300 000 "<td>x") 78; the blow-up above ~21 000.
  return (size_t{64} << 20) + 128 * html_bytes;
}

}  // namespace gleaner::html::internal
