#!/usr/bin/env bash
# Writes a UCI-layout export ten times the size of the Online Retail file: the file itself, then
# nine copies whose invoice numbers and customer ids are shifted, so customers grow tenfold too.
# Usage: docs/bench/make-10x.sh ../shared/data/online-retail-2010-2011.csv.gz /tmp/online-retail-10x.csv.gz
set -euo pipefail
python3 - "$1" "$2" <<'PY'
import csv, gzip, sys
src, dst = sys.argv[1], sys.argv[2]
with gzip.open(dst, "wt", newline="", compresslevel=1) as out:
    writer = csv.writer(out, lineterminator="\n")
    for copy in range(10):
        with gzip.open(src, "rt", newline="") as f:
            reader = csv.reader(f)
            header = next(reader)
            if copy == 0:
                writer.writerow(header)
            for row in reader:
                if copy:
                    cancel = row[0].startswith("C")
                    row[0] = ("C" if cancel else "") + str(copy) + row[0][1 if cancel else 0:]
                    if row[6]:
                        row[6] = f"{copy}00000{row[6]}"
                writer.writerow(row)
PY
