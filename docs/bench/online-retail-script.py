#!/usr/bin/env python3
"""The straightforward script the batch command is compared with (docs/performance.md).

What an analyst would write without the service: one pass over an Online Retail (UCI) export
with Python's csv module, an order per invoice, then the purchase personas of PERSONAS.md
section 3 (first match wins) and the purchase segments of section 4, with the default
thresholds. No engagement, consent or country handling: the export has none of the first two,
and the personas do not depend on the third. It reads the export as the shared data set writes
it (InvoiceDate like 2010-12-01 08:26:00, with datetime.fromisoformat, the fastest reader the
standard library has for it) and stops at the first row it cannot read; the service also reads
other date forms and skips and reports bad rows.

    python3 docs/bench/online-retail-script.py FILE.csv[.gz] 2011-12-10T00:00:00Z > personas.csv

Prints customer_id,persona,segments (segments joined with |), sorted by customer id.
"""
import csv
import gzip
import sys
from datetime import datetime, timezone
from decimal import Decimal

RECENT, LAPSED_MAX, PASSING_MIN, FREQUENT = 120, 390, 180, 3
AOV, TOP_SPENDER, DORMANT = Decimal("100.00"), Decimal("500"), 180


def main(path, as_of_text):
    as_of = utc(datetime.fromisoformat(as_of_text.replace("Z", "+00:00")))
    invoices = {}  # (customer, invoice) -> [earliest placed_at, total]
    customers = set()
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            customer = row["CustomerID"].strip()
            if not customer:
                continue
            customer = customer[:-2] if customer.endswith(".0") else customer
            customers.add(customer)
            invoice = row["InvoiceNo"].strip()
            quantity, price = Decimal(row["Quantity"]), Decimal(row["UnitPrice"])
            if invoice.startswith("C") or quantity <= 0 or price <= 0:
                continue
            placed = utc(datetime.fromisoformat(row["InvoiceDate"]))
            order = invoices.setdefault((customer, invoice), [placed, Decimal(0)])
            order[0] = min(order[0], placed)
            order[1] += quantity * price

    orders = {}  # customer -> [count, total, latest placed_at]
    for (customer, _), (placed, total) in invoices.items():
        if placed > as_of:
            continue
        summary = orders.setdefault(customer, [0, Decimal(0), placed])
        summary[0] += 1
        summary[1] += total
        summary[2] = max(summary[2], placed)

    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["customer_id", "persona", "segments"])
    for customer in sorted(customers):
        count, total, latest = orders.get(customer, (0, Decimal(0), None))
        days = (as_of - latest).days if count else None
        out.writerow([customer, persona(count, total, days), "|".join(segments(count, total, days))])


def utc(moment):
    """Dates without a zone are UTC, as the service reads them."""
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def persona(count, total, days):
    if count == 0 or days > LAPSED_MAX:
        return "DEAD_WEIGHT"  # gone, and the export has no engagement
    frequent, high = count >= FREQUENT, total >= AOV * count
    if days <= RECENT:
        return ["POTENTIAL_BRAND_ENTHUSIAST", "POTENTIAL_HIGH_ROLLER",
                "BRAND_ENTHUSIAST", "HIGH_ROLLER"][2 * frequent + high]
    if frequent:
        return "LAPSED_HIGH_ROLLER" if high else "LAPSED_ENTHUSIAST"
    if high:
        return "ONE_HIT_WONDER"
    return "JUST_PASSING_THROUGH" if days >= PASSING_MIN else "UNCLASSIFIED"


def segments(count, total, days):
    found = []
    if total >= TOP_SPENDER:
        found.append("TOP_SPENDER")
    if count >= FREQUENT and days <= RECENT:
        found.append("LOYAL")
    if count == 1:
        found.append("ONE_TIME_BUYER")
    if count > 0 and days >= DORMANT:
        found.append("DORMANT")
    if count == 0:
        found.append("PROSPECT")
    return sorted(found)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
