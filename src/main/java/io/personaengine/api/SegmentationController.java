package io.personaengine.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import io.personaengine.batch.DecisionCsv;
import io.personaengine.batch.ImportFormatException;
import io.personaengine.batch.ImportReport;
import io.personaengine.batch.Progress;
import io.personaengine.batch.Segmentation;
import io.personaengine.batch.SegmentationSummary;
import io.personaengine.decisions.Deadline;
import io.personaengine.decisions.DecisionTimeoutException;
import io.personaengine.decisions.Decision;
import io.personaengine.decisions.DecisionProperties;
import io.personaengine.decisions.RuleFailedException;
import io.personaengine.decisions.RulesDidNotSettleException;
import io.personaengine.facts.CustomerValidator;
import io.personaengine.facts.InvalidInputException;
import io.personaengine.facts.IsoInstants;
import io.personaengine.facts.Violation;
import io.personaengine.metrics.DecisionMetrics;
import io.personaengine.rules.LiveRules;
import io.personaengine.rules.RuleFailure;
import io.personaengine.rules.RuleSet;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.coyote.CloseNowException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.util.DisconnectedClientHelper;
import tools.jackson.databind.json.JsonMapper;

@Tag(name = "Segmentation", description = "Decide every customer of a store export at once")
@SecurityRequirement(name = "apiKey")
@RestController
@RequestMapping("/api/v1/segmentations")
class SegmentationController {

	static final String CSV = "text/csv";

	static final String NDJSON = "application/x-ndjson";

	/** The header of a streamed answer that counts the rows of the files skipped. */
	static final String ROWS_SKIPPED = "Rows-Skipped";

	private static final Logger log = LoggerFactory.getLogger(SegmentationController.class);

	private static final List<MediaType> ANSWERS = List.of(MediaType.APPLICATION_JSON, MediaType.parseMediaType(CSV),
			MediaType.parseMediaType(NDJSON));

	private final LiveRules rules;

	private final JsonMapper json;

	private final Clock clock;

	private final DecisionMetrics metrics;

	private final DecisionProperties properties;

	SegmentationController(LiveRules rules, JsonMapper json, Clock clock, DecisionMetrics metrics, DecisionProperties properties) {
		this.rules = rules;
		this.json = json;
		this.clock = clock;
		this.metrics = metrics;
		this.properties = properties;
		metrics.serves(Segmentation.SOURCE);
	}

	@Operation(summary = "Segment a store export",
			description = "Parts: orders (required), events, customers: CSV files as for the segment command, plain or "
					+ "gzipped. Accept: application/json (default) answers the summary (personas and segments with "
					+ "customers, share, revenue and AOV; imports with skipped rows; win-back groups); text/csv answers "
					+ "customer_id,persona,segments,actions per customer and application/x-ndjson one decision per line, "
					+ "both streamed as they are decided. Accept is read by quality: the type with the highest q is "
					+ "answered (at equal q, a named type before a wildcard such as text/*, then the one listed "
					+ "first); q=0 refuses a type; no Accept, or */*, answers the summary; a 406 when none of the "
					+ "three is taken.")
	// Written by the method itself, so the types are told here: without them the 200 says nothing of its body.
	@ApiResponse(responseCode = "200", description = "The summary, or the decisions as CSV or NDJSON, whose header "
			+ ROWS_SKIPPED + " counts the rows of the files skipped (the summary says which and why). A streamed answer "
			+ "that runs past persona.decisions.segmentation-timeout, or whose rules fail (a rule set that loops or a rule "
			+ "that throws), after it began ends without its last chunk and the connection is closed: the client sees it "
			+ "cut short, after the rows of every customer decided by then, each whole", content = {
			@Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = SegmentationSummary.class)),
			@Content(mediaType = CSV, schema = @Schema(type = "string")),
			@Content(mediaType = NDJSON, schema = @Schema(implementation = Decision.class)) })
	@ApiResponse(responseCode = "503", description = "The segmentation ran past persona.decisions.segmentation-timeout "
			+ "before anything of the answer was sent; try again later or with a smaller export",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(ref = "#/components/schemas/" + ProblemResponses.SCHEMA)))
	// application/problem+json too, so that a client accepting only problems reaches the checks (ProblemOnlyAccept).
	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
			produces = { MediaType.APPLICATION_JSON_VALUE, CSV, NDJSON, MediaType.APPLICATION_PROBLEM_JSON_VALUE })
	void segment(@RequestPart("orders") MultipartFile orders, @RequestPart(name = "events", required = false) MultipartFile events,
			@RequestPart(name = "customers", required = false) MultipartFile customers,
			@RequestParam(name = "ordersFormat", defaultValue = "orders") String ordersFormat,
			@RequestParam(name = "asOf", required = false) String asOf, @RequestParam(name = "aov", required = false) String aov,
			@RequestParam(name = "sampleSeed", defaultValue = "winback") String sampleSeed,
			@RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
			HttpServletResponse response) throws IOException {
		AcceptedTypes accepted = AcceptedTypes.of((accept != null) ? List.of(accept) : null);
		MediaType answer = accepted.best(ANSWERS).orElse(null);
		// No answer taken means the client takes only problems (AcceptQualityCheck has refused
		// any other before this runs): it still gets the 400 of a bad upload, and is refused once
		// the upload is decided, as ProblemOnlyAccept refuses the other endpoints' answers.
		// The upload has been received by now: the bound is on reading it and deciding.
		Deadline deadline = Deadline.in(this.properties.segmentationTimeout());
		Segmentation.OrdersFormat format = format(ordersFormat);
		Segmentation.Options options = new Segmentation.Options(asOf(asOf), aov(aov), sampleSeed, deadline,
				this.clock.instant());
		String type = (answer != null) ? answer.toString() : MediaType.APPLICATION_JSON_VALUE;
		WholeRows out = null;
		Progress progress = Progress.silent();
		Consumer<Decision> sink = (decision) -> {
		};
		if (!type.equals(MediaType.APPLICATION_JSON_VALUE)) {
			// Streamed: nothing is written before every file has been read, so an unreadable file
			// still gets a problem response instead of half a body.
			response.setContentType(type + ";charset=UTF-8");
			WholeRows rows = new WholeRows(response.getOutputStream());
			Consumer<Decision> row;
			if (type.equals(CSV)) {
				row = new DecisionCsv(rows);
				rows.endRow();
			}
			else {
				row = (decision) -> {
					try {
						rows.write(this.json.writeValueAsString(decision));
						rows.write('\n');
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
				};
			}
			sink = (decision) -> {
				rowsSkipped(response, progress);
				row.accept(decision);
				rows.endRow();
			};
			out = rows;
		}
		SegmentationSummary summary;
		RuleSet ruleSet = this.rules.current();
		try {
			summary = Segmentation.run(ruleSet, input(orders), format, input(events), input(customers), options,
					progress, sink, this.metrics);
		}
		catch (ImportFormatException ex) {
			throw new InvalidInputException(List.of(new Violation((ex.input() != null) ? ex.input() : "orders", ex.getMessage())));
		}
		catch (RuntimeException ex) {
			RuntimeException failure = RuleFailure.named(ruleSet, ex, "while segmenting");
			if (!response.isCommitted() || DisconnectedClientHelper.isClientDisconnectedException(failure)) {
				// Nothing sent yet: answered with its problem (503 for a timeout, 500 for a failure of
				// the rules). A caller gone away is no failure (ApiExceptionHandler).
				throw failure;
			}
			throw cutShort(type, ruleSet.version(), failure, out);
		}
		if (out != null) {
			// An export of no customers has had no decision to set it by.
			rowsSkipped(response, progress);
			out.flush();
			return;
		}
		if (answer == null) {
			throw new ProblemOnlyAccept.NotAcceptable(ANSWERS);
		}
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		this.json.writeValue(response.getOutputStream(), summary);
	}

	/**
	 * The 200 and some rows are out when the run failed: the only way left to tell the client is
	 * to end the connection without the last chunk, which Tomcat does for the exception returned,
	 * and which an HTTP client reports as a body cut short instead of taking the rows for the whole
	 * answer. The rows decided before the failure and still held in {@code out} go out first:
	 * they were decided, and were lost with the connection. Only whole ones: a row the failure
	 * interrupted, if any, is not sent. Logged here, once: Spring MVC and Tomcat hand that
	 * exception on without a word, and nothing but rows is written into the answer begun. A
	 * timeout may pass, so WARN; the rules looping or throwing is for an operator to fix, so
	 * ERROR, in one line, as the reason names the rule set and the rule ({@link RuleFailure#named});
	 * any other failure is ours, and comes with its stack trace.
	 */
	private static CloseNowException cutShort(String type, String version, RuntimeException ex, WholeRows out) {
		try {
			out.flush();
		}
		catch (IOException gone) {
			// The caller has gone as well: no one is left to send the rows to; the failure is still logged.
			log.debug("Client went away before the rows decided were sent: {}", gone.toString());
		}
		String closed = "after part of its " + type + " answer was sent; the connection is closed without ending the answer";
		if (ex instanceof DecisionTimeoutException) {
			log.warn("Segmentation timed out {}: {}", closed, ex.getMessage());
		}
		else if (ex instanceof RulesDidNotSettleException || ex instanceof RuleFailedException) {
			log.error("Segmentation failed {}: {}", closed, ex.getMessage());
		}
		else {
			log.error("Segmentation failed {} (rule set {})", closed, version, ex);
		}
		return new CloseNowException("segmentation failed after part of its answer was sent", ex);
	}

	/**
	 * The rows skipped over every file, in a header of the streamed answer, set before its first
	 * row goes out: without the summary, rows skipped were lost without a word. Every file is read
	 * before the first decision, so the count is whole.
	 */
	private static void rowsSkipped(HttpServletResponse response, Progress progress) {
		if (!response.isCommitted() && !response.containsHeader(ROWS_SKIPPED)) {
			long skipped = progress.imports().stream().mapToLong(ImportReport::getRowsSkipped).sum();
			response.setHeader(ROWS_SKIPPED, Long.toString(skipped));
		}
	}

	private static Segmentation.Input input(MultipartFile file) {
		if (file == null) {
			return null;
		}
		String name = (file.getOriginalFilename() != null) ? file.getOriginalFilename() : file.getName();
		return new Segmentation.Input(name, file.getSize(), file::getInputStream);
	}

	private static Segmentation.OrdersFormat format(String format) {
		return switch (format.toLowerCase(Locale.ROOT)) {
			case "orders" -> Segmentation.OrdersFormat.ORDERS;
			case "uci" -> Segmentation.OrdersFormat.UCI;
			default -> throw new InvalidInputException(List.of(new Violation("ordersFormat", "must be orders or uci, not '" + format + "'")));
		};
	}

	private Instant asOf(String asOf) {
		if (asOf == null || asOf.isBlank()) {
			return this.clock.instant();
		}
		Instant instant;
		try {
			instant = IsoInstants.parse(asOf.strip());
		}
		catch (DateTimeParseException ex) {
			String outside = IsoInstants.outsideTheDay(asOf.strip());
			throw new InvalidInputException(List.of(new Violation("asOf", "expected an ISO-8601 instant such as 2011-12-10T00:00:00Z"
					+ ((outside != null) ? " (" + outside + ")" : ""))));
		}
		if (!CustomerValidator.isAsOf(instant, this.clock.instant())) {
			throw new InvalidInputException(List.of(new Violation("asOf", CustomerValidator.AS_OF_RULE)));
		}
		return instant;
	}

	private static String aov(String aov) {
		if (aov == null || aov.isBlank()) {
			return null;
		}
		if (!Segmentation.isAov(aov)) {
			throw new InvalidInputException(List.of(new Violation("aov", Segmentation.AOV_RULE)));
		}
		return aov;
	}

}
