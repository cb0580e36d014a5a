package io.personaengine.streaming;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The W3C trace context of a customer record, which its decision carries so that the customer's
 * trace goes on through the decision. Only these headers, not all of the record's as its dead
 * letter has them: a dead letter is the record itself, parked to be published again, but a
 * decision is a new message, which the record's other headers would misdescribe (a type header of
 * its producer, such as Spring's {@code __TypeId__}, naming the customer's class; the dead-letter
 * headers of a dead letter published again, making the decision look like one) and which every
 * header makes larger, against the producer's limit on a record.
 */
final class TraceContext {

	/** Trace Context's {@code traceparent} and {@code tracestate}, and W3C Baggage's {@code baggage}. */
	static final List<String> HEADERS = List.of("traceparent", "tracestate", "baggage");

	private TraceContext() {
	}

	/** The trace context headers of {@code record}, in its order; none if it has none. */
	static Headers of(ConsumerRecord<?, ?> record) {
		RecordHeaders context = new RecordHeaders();
		for (Header header : record.headers()) {
			if (HEADERS.contains(header.key())) {
				context.add(header);
			}
		}
		return context;
	}

}
