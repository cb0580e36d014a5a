package io.personaengine.facts;

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

	@Test
	void anyOtherIdIsKeptAsItIs() {
		assertThat(CustomerIds.inMessage("c-1001")).isEqualTo("c-1001");
		assertThat(CustomerIds.inMessage("Zoë \"Z\" O'Brien")).isEqualTo("Zoë \"Z\" O'Brien");
		assertThat(CustomerIds.inMessage(null)).isNull();
	}

}
