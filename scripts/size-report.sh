#!/usr/bin/env bash
# Prints the gzipped size (gzip -9) of every file in the built page and the total.
set -euo pipefail
dist=${1:-dist}
total=0
while IFS= read -r -d '' f; do
  size=$(gzip -9 -c "$f" | wc -c)
  total=$((total + size))
  printf '  %8d  %s\n' "$size" "${f#"$dist"/}"
done < <(find "$dist" -type f -print0 | sort -z)
printf 'page_gzip_bytes: %d bytes (%d KiB)\n' "$total" $(((total + 1023) / 1024))
