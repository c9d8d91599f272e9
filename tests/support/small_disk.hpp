#pragma once
// A small tmpfs of the test's own, for the full-disk faults: unmounted with
// the object; not ok() where the sandbox allows no mount (the test then says
// it was skipped).
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

namespace sf::test {

struct SmallDisk {
  std::filesystem::path dir;
  bool ok = false;
  explicit SmallDisk(const std::string& size) {
    static int n = 0;  // two in one process never share a mount point
    dir = std::filesystem::temp_directory_path() / ("sf_small_disk_" + std::to_string(::getpid()) + "_" + std::to_string(n++));
    std::filesystem::create_directories(dir);
    ok = std::system(("mount -t tmpfs -o size=" + size + " tmpfs " + dir.string() + " 2>/dev/null").c_str()) == 0;
  }
  ~SmallDisk() {
    if (ok) (void)std::system(("umount " + dir.string()).c_str());
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  SmallDisk(const SmallDisk&) = delete;
  SmallDisk& operator=(const SmallDisk&) = delete;

  // Fills the disk but `spare` bytes with a ballast file.
  void fill(std::uintmax_t spare) const {
    const auto free = std::filesystem::space(dir).available;
    if (free <= spare) return;
    std::ofstream(dir / "ballast", std::ios::binary) << std::string(free - spare, 'x');
  }
  void unfill() const { std::filesystem::remove(dir / "ballast"); }
};

}  // namespace sf::test
