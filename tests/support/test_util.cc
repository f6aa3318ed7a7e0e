#include "support/test_util.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

#ifndef GLEANER_SOURCE_DIR_FALLBACK
#define GLEANER_SOURCE_DIR_FALLBACK "."
#endif

namespace gleaner::testing {

std::filesystem::path SourceDir() {
  if (const char* dir = std::getenv("GLEANER_SOURCE_DIR")) return dir;
  return GLEANER_SOURCE_DIR_FALLBACK;
}

std::filesystem::path BinaryDir() {
  if (const char* dir = std::getenv("GLEANER_BINARY_DIR")) return dir;
  return std::filesystem::current_path();
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "cannot read " << path;
    return "";
  }
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void WriteFile(const std::filesystem::path& path, std::string_view bytes) {
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) ADD_FAILURE() << "cannot write " << path;
}

TempDir::TempDir() {
  std::random_device rd;
  for (int attempt = 0; attempt < 100; ++attempt) {
    auto candidate = std::filesystem::temp_directory_path() /
                     ("gleaner-test-" + std::to_string(getpid()) + "-" + std::to_string(rd()));
    if (std::filesystem::create_directory(candidate)) {
      path_ = candidate;
      return;
    }
  }
  ADD_FAILURE() << "cannot create a temp dir";
}

TempDir::~TempDir() {
  std::error_code ignored;
  if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
}

std::string Gzip(std::string_view bytes) {
  z_stream zs{};
  // 15 + 16: a gzip header rather than zlib's.
  deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, bytes.size()) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  zs.avail_in = static_cast<uInt>(bytes.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

// Runs deflate on `in` with `flush` until zlib has nothing more to say.
namespace {

std::string Deflate(z_stream* zs, std::string_view in, int flush) {
  std::string out;
  char buf[16 * 1024];
  zs->next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs->avail_in = static_cast<uInt>(in.size());
  do {
    zs->next_out = reinterpret_cast<Bytef*>(buf);
    zs->avail_out = sizeof buf;
    EXPECT_NE(deflate(zs, flush), Z_STREAM_ERROR);
    out.append(buf, sizeof buf - zs->avail_out);
  } while (zs->avail_out == 0);
  return out;
}

void AppendLe32(std::string* out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

}  // namespace

// The gzip of `mib` MiB of zeros (~1 KB per MiB), made by zlib without ever
// holding the zeros: one 1 MiB block is deflated with Z_FULL_FLUSH, which
// empties the window, so every later block deflates to the same bytes.
// Those bytes are repeated and the trailer's CRC-32 is crc32_combine'd.
std::string ZeroGzipBomb(size_t mib) {
  constexpr size_t kMiB = size_t{1} << 20;
  const std::string block(kMiB, '\0');
  z_stream zs{};
  EXPECT_EQ(deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY), Z_OK);
  std::string bomb = Deflate(&zs, block, Z_FULL_FLUSH);  // gzip header + block 1
  const std::string repeat = Deflate(&zs, block, Z_FULL_FLUSH);
  EXPECT_EQ(Deflate(&zs, block, Z_FULL_FLUSH), repeat);  // the premise of the trick
  std::string tail = Deflate(&zs, {}, Z_FINISH);         // last block + trailer for 3 MiB
  deflateEnd(&zs);
  tail.resize(tail.size() - 8);
  const uLong block_crc = crc32(0, reinterpret_cast<const Bytef*>(block.data()), kMiB);
  uLong crc = block_crc;
  for (size_t i = 1; i < mib; ++i) {
    bomb += repeat;
    crc = crc32_combine(crc, block_crc, static_cast<z_off_t>(kMiB));
  }
  bomb += tail;
  AppendLe32(&bomb, static_cast<uint32_t>(crc));
  AppendLe32(&bomb, static_cast<uint32_t>(mib * kMiB));  // ISIZE is the size mod 2^32
  return bomb;
}

}  // namespace gleaner::testing
