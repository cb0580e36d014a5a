package io.personaengine.batch;

import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The export's own AOV ({@code --aov auto}), which the rules' reasons show as it is. */
class CustomerBookTests {

	private static final Instant AS_OF = Instant.parse("2026-01-01T00:00:00Z");

	private final CustomerBook book = new CustomerBook();

	@Test
	void averageThatEndsIsWrittenAsItEnds() {
		order("c-1", "o-1", "200.00");
		order("c-2", "o-2", "256.00");
		assertThat(this.book.averageOrderValue(AS_OF)).hasToString("228.00");
	}

	@Test
	void averageThatEndsInFewerDigitsThanCentsIsWrittenWithCents() {
		order("c-1", "o-1", "100");
		order("c-1", "o-2", "300");
		assertThat(this.book.averageOrderValue(AS_OF)).hasToString("200.00");
	}

	@Test
	void averageThatDoesNotEndIsRoundedDownSoThatACustomerAtItIsAtOrAboveIt() {
		order("c-1", "o-1", "100.00");
		order("c-2", "o-2", "50.00");
		order("c-2", "o-3", "50.00");
		// 200.00 / 3 = 66.666...: 6 + 2 decimals (one digit of orders), rounded down, so that
		// c-1's 100.00 in 1 order and an average of exactly 200.00 / 3 are at or above it.
		assertThat(this.book.averageOrderValue(AS_OF)).hasToString("66.66666666");
	}

	@Test
	void averageOfAnExportWithoutOrdersIsZero() {
		this.book.customer("c-1");
		assertThat(this.book.averageOrderValue(AS_OF)).isZero();
	}

	private void order(String customer, String id, String total) {
		CustomerBook.Draft order = new CustomerBook.Draft();
		order.placedAt = AS_OF.minusSeconds(86_400);
		order.total = new BigDecimal(total);
		order.counted = true;
		this.book.customer(customer).orders.put(id, order);
	}

}
