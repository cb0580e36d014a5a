package io.personaengine.batch;

import java.io.PrintWriter;
import java.util.List;


/** The segmentation summary as tables for a terminal. */
final class SummaryTable {

	private SummaryTable() {
	}

	static void print(SegmentationSummary summary, PrintWriter out) {
		out.printf("Rules %s, as of %s, %,d customers%n", summary.ruleSetVersion(), summary.asOf(), summary.customers());
		out.printf("Store AOV: %s (%s)%n", summary.storeAov().toPlainString(), summary.storeAovSource());
		out.println();
		out.println("Inputs:");
		for (ImportReport report : summary.imports()) {
			out.printf("  %s (%s): %,d rows read, %,d skipped%n", report.getFile(), report.getFormat(), report.getRowsRead(),
					report.getRowsSkipped());
			report.getSkippedByReason().forEach((reason, count) -> out.printf("      skipped, %s: %,d%n", reason, count));
			report.getFirstSkipped().forEach((example) -> out.printf("        %s%n", example));
			report.getReadButNotCounted().forEach((reason, count) -> out.printf("      read, not an order: %s: %,d%n", reason, count));
			report.getNotes().forEach((note, count) -> out.printf("      note: %s: %,d rows%n", note, count));
			if (report.getIgnoredAfterAsOf() > 0) {
				out.printf("      ignored, %s dated after asOf: %,d%n", report.ignoredAfterAsOfWhat(), report.getIgnoredAfterAsOf());
			}
			if (report.getIgnoredWithoutTrackingConsent() > 0) {
				out.printf("      ignored, on-site events without the tracking consent the customer's country requires: %,d%n",
						report.getIgnoredWithoutTrackingConsent());
			}
		}
		out.println();
		table("Persona", summary.personas(), out);
		out.println();
		table("Segment", summary.segments(), out);
	}

	private static void table(String title, List<SegmentationSummary.Row> rows, PrintWriter out) {
		out.printf("%-28s %10s %7s %15s %10s%n", title, "customers", "share", "revenue", "AOV");
		for (SegmentationSummary.Row row : rows) {
			out.printf("%-28s %,10d %6.1f%% %,15.2f %10s%n", row.id(), row.customers(), row.share() * 100, row.revenue(),
					(row.averageOrderValue() != null) ? String.format("%,.2f", row.averageOrderValue()) : "-");
		}
	}


}
