package io.personaengine.facts;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerIdsTests {

	@Test
	void lineBreaksAndTerminalEscapesAreWrittenOutInOneLine() {
		assertThat(CustomerIds.inMessage("c\n1")).isEqualTo("c\\n1");
		assertThat(CustomerIds.inMessage("c\r\n2\t")).isEqualTo("c\\r\\n2\\t");
		assertThat(CustomerIds.inMessage("\u001b[31mc-3")).isEqualTo("\\u001B[31mc-3");
		assertThat(CustomerIds.inMessage("c\u0085\u20284")).isEqualTo("c\\u0085\\u20284");
	}

	@Test
	void bidirectionalControlsAreWrittenOutSoTheyCannotReorderTheLine() {
		assertThat(CustomerIds.inMessage("c\u202e1-\u20665\u2069")).isEqualTo("c\\u202E1-\\u20665\\u2069");
		assertThat(CustomerIds.inMessage("\u202a\u202b\u202c\u202d\u2067\u2068")).doesNotContainPattern("[\u202a-\u202e\u2066-\u2069]");
	}

	@Test
	void backslashIsDoubledSoThatAnIdWithOneWrittenOutStaysDistinct() {
		assertThat(CustomerIds.inMessage("c\\n1")).isEqualTo("c\\\\n1");
	}

	/** Both were taken as they came: " 42" and "42" were two customers, and a NUL was part of an id. */
	@Test
	void idWithWhitespaceAtAnEndOrAControlCharacterIsRefusedSayingWhereAndAnyOtherTextIsAnId() {
		assertThat(CustomerIds.refusal(" 42")).isEqualTo("must not start or end with whitespace: ' 42' would be another customer than '42'");
		assertThat(CustomerIds.refusal("42 \u00a0"))
			.isEqualTo("must not start or end with whitespace; character 4 is U+00A0: '42 \u00a0' would be another customer than '42'");
		assertThat(CustomerIds.refusal("\u3000c-1")).startsWith("must not start or end with whitespace");
		assertThat(CustomerIds.refusal("4\u00002")).isEqualTo("must not contain control characters; character 2 is U+0000");
		assertThat(CustomerIds.refusal("c-1\n")).isEqualTo("must not contain control characters; character 4 is U+000A");
		assertThat(CustomerIds.refusal("\tc-1")).isEqualTo("must not contain control characters; character 1 is U+0009");
		assertThat(CustomerIds.refusal("c\u00851")).isEqualTo("must not contain control characters; character 2 is U+0085");
		assertThat(CustomerIds.refusal("\u202ec-1")).isEqualTo("must not contain control characters; character 1 is U+202E");
		assertThat(CustomerIds.refusal("c\u007f")).isEqualTo("must not contain control characters; character 2 is U+007F");
		assertThat(List.of("42", "4 2", "c-1001", "Zoë \"Z\" O'Brien", "c\\n1", "顧客-7", "c\u00a01", "x"))
			.allSatisfy((id) -> assertThat(CustomerIds.refusal(id)).as(id).isNull());
	}

	/** Invisible, and another customer than the id that shows: the bidirectional marks anywhere, a BOM or a zero-width space at an end. */
	@Test
	void bidirectionalMarksAndWhatShowsAsNothingAtAnEndAreRefused() {
		assertThat(CustomerIds.refusal("c\u200f1")).isEqualTo("must not contain control characters; character 2 is U+200F");
		assertThat(CustomerIds.refusal("c\u200e1")).endsWith("U+200E");
		assertThat(CustomerIds.refusal("\u061cc1")).endsWith("U+061C");
		assertThat(List.of("\ufeff42", "42\u200b", "42\u2060"))
			.allSatisfy((id) -> assertThat(CustomerIds.refusal(id)).as(id).startsWith("must not start or end with whitespace"));
		// The joiners inside an id: an emoji's, a Persian word's.
		assertThat(List.of("\ud83d\udc69\u200d\ud83d\udcbb-7", "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"))
			.allSatisfy((id) -> assertThat(CustomerIds.refusal(id)).as(id).isNull());
	}

	/** The quoted ids read alike where an end shows as nothing: "'\ufeff17851' would be another customer than '17851'". */
	@Test
	void whitespaceThatIsNoSpaceIsNamedByItsCode() {
		assertThat(CustomerIds.refusal("\ufeff17851")).startsWith("must not start or end with whitespace; character 1 is U+FEFF: ");
		assertThat(CustomerIds.refusal("  17851\u200b")).startsWith("must not start or end with whitespace; character 8 is U+200B: ");
		assertThat(CustomerIds.refusal("\u00a0")).startsWith("must not start or end with whitespace; character 1 is U+00A0: ");
		assertThat(CustomerIds.stripped("\u00a0 c-1\ufeff\u200b")).isEqualTo("c-1");
	}

	@Test
	void anyOtherIdIsKeptAsItIs() {
		assertThat(CustomerIds.inMessage("c-1001")).isEqualTo("c-1001");
		assertThat(CustomerIds.inMessage("Zoë \"Z\" O'Brien")).isEqualTo("Zoë \"Z\" O'Brien");
		assertThat(CustomerIds.inMessage(null)).isNull();
	}

}
