#!/usr/bin/env bash
# Builds products in release the way imapwatch ships, and prints the folder they are in (on stdout; the build's
# own output goes to stderr). Every release build of the project goes through here, so the package, the demo and
# the benchmarks measure one binary.
#
#   bash scripts/build-release.sh [PRODUCT...]        (default: imapwatch)
#   install -m 755 "$(bash scripts/build-release.sh)/imapwatch" /usr/local/bin/
#
# The flags, and what each saved on the stripped imapwatch (amd64, measured 2026-12-07; 29.7 MB without them):
#   --static-swift-stdlib     the Swift runtime linked in: no dozen Swift shared libraries to install or load;
#   -function-sections, -ffunction-sections -fdata-sections
#                             each function and datum in a section of its own, so the linker's --gc-sections
#                             drops what nothing calls in the dependencies, not only whole files (0.7 MB);
#   -use-ld=lld, --no-export-dynamic, -z pack-relative-relocs
#                             no dynamic symbol table (the static runtime's link asks for -export-dynamic; nothing
#                             links against a program), relative relocations packed as DT_RELR (glibc 2.36 or
#                             later reads them) (4.2 MB, and less for the loader to do at every start). So the
#                             binary does not start on an older glibc (Debian 11, Ubuntu 22.04, RHEL 9): the loader
#                             says "version `GLIBC_ABI_DT_RELR' not found"; the .deb depends on libc6 (>= 2.36).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

products=("$@")
((${#products[@]})) || products=(imapwatch)
# A scratch folder of its own: a plain `swift build -c release` in .build may have compiled some modules
# without these flags, and a change of compiler flags does not always rebuild what was built.
flags=(
    -c release --static-swift-stdlib --scratch-path .build-release
    -Xswiftc -Xfrontend -Xswiftc -function-sections -Xcc -ffunction-sections -Xcc -fdata-sections
    -Xswiftc -use-ld=lld -Xlinker --no-export-dynamic -Xlinker -z -Xlinker pack-relative-relocs
)
for product in "${products[@]}"; do
    swift build "${flags[@]}" --product "$product" >&2
done
swift build "${flags[@]}" --show-bin-path
