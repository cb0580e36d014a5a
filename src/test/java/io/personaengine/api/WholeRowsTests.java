package io.personaengine.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WholeRowsTests {

	final ByteArrayOutputStream sent = new ByteArrayOutputStream();

	final WholeRows rows = new WholeRows(this.sent);

	@Test
	void rowBegunAndNotEndedIsNeverSentEvenInPart() throws IOException {
		this.rows.write("c-1,A\n");
		this.rows.endRow();
		this.rows.write("c-2,");
		this.rows.flush();
		assertThat(sent()).isEqualTo("c-1,A\n");
	}

	@Test
	void rowsAreHeldUntil64KbHaveEndedThenSentWhole() throws IOException {
		String row = "c-1,PERSONA,SEGMENT;OTHER,action\n";
		int held = 0;
		while (this.sent.size() == 0) {
			this.rows.write(row.substring(0, 10));
			assertThat(this.sent.size()).as("nothing sent in the middle of a row").isZero();
			this.rows.write(row.substring(10));
			this.rows.endRow();
			held++;
		}
		assertThat(held * row.length()).isGreaterThanOrEqualTo(1 << 16);
		assertThat(sent()).isEqualTo(row.repeat(held));
	}

	@Test
	void textBeyondLatinIsSentAsUtf8() throws IOException {
		this.rows.write("c-1,고객,Åsa\n");
		this.rows.endRow();
		this.rows.flush();
		assertThat(sent()).isEqualTo("c-1,고객,Åsa\n");
	}

	private String sent() {
		return this.sent.toString(StandardCharsets.UTF_8);
	}

}
