package io.personaengine.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.function.Consumer;

import io.personaengine.decisions.Decision;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Decisions as {@code customer_id,persona,segments,actions}, segments and actions joined with ';'. */
public final class DecisionCsv implements Consumer<Decision> {

	private final CSVPrinter printer;

	public DecisionCsv(Writer out) throws IOException {
		this.printer = printer(out, "customer_id", "persona", "segments", "actions");
	}

	/** The CSV every file the batch writes is in: RFC 4180 quoting, {@code \n} line ends, a header. */
	static CSVPrinter printer(Writer out, String... header) throws IOException {
		return CSVFormat.DEFAULT.builder().setHeader(header).setRecordSeparator('\n').get().print(out);
	}

	@Override
	public void accept(Decision decision) {
		try {
			this.printer.printRecord(decision.customerId(), decision.persona(),
					String.join(";", decision.segments().stream().map(Decision.Match::id).toList()),
					String.join(";", decision.recommendations().stream().map(Decision.RecommendedAction::action).distinct().toList()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public void flush() throws IOException {
		this.printer.flush();
	}

}
