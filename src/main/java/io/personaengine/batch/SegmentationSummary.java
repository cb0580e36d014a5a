package io.personaengine.batch;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * How a customer base splits: customers, share, revenue and average order value per persona and
 * per segment, the AOV the rules used, what each import read and skipped, and the win-back test
 * groups.
 */
public record SegmentationSummary(String ruleSetVersion, Instant asOf, BigDecimal storeAov, String storeAovSource,
		long customers, List<ImportReport> imports, List<Row> personas, List<Row> segments, List<Sample> samples) {

	/** One persona or segment: its customers and their money. AOV is revenue over their orders. */
	public record Row(String id, long customers, double share, BigDecimal revenue, long orders, BigDecimal averageOrderValue) {
	}

	/** A win-back test group: of {@code members}, {@code size} drawn with {@code seed}. */
	public record Sample(String persona, int members, double share, int minimum, int size, String seed,
			List<String> customerIds) {
	}

}
