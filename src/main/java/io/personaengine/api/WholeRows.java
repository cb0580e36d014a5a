package io.personaengine.api;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * The text of a streamed answer, sent in whole rows only: a row is held until it ends, and the
 * rows ended are sent once 64 KB of them wait, or on {@link #flush}. A row that a failure
 * interrupts is never sent, not even in part, so an answer cut short ends with a whole row
 * (SegmentationController). A buffered writer sent 64 KB at a time, wherever a row stood.
 */
final class WholeRows extends Writer {

	private static final int SENT_AT = 1 << 16;

	private final OutputStream out;

	private final StringBuilder held = new StringBuilder(SENT_AT + 1024);

	/** Where the last row ended in {@code held}. */
	private int ended;

	WholeRows(OutputStream out) {
		this.out = out;
	}

	@Override
	public void write(char[] chars, int offset, int length) {
		this.held.append(chars, offset, length);
	}

	@Override
	public void write(String text, int offset, int length) {
		this.held.append(text, offset, offset + length);
	}

	@Override
	public void write(int c) {
		this.held.append((char) c);
	}

	/** What was written since the row before is a whole row, and may be sent. */
	void endRow() {
		this.ended = this.held.length();
		if (this.ended >= SENT_AT) {
			try {
				send();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	/** Sends every row ended; a row begun and not ended stays unsent. */
	@Override
	public void flush() throws IOException {
		send();
		this.out.flush();
	}

	/** Sends the rows ended, as {@link #flush}; the servlet container closes the stream itself. */
	@Override
	public void close() throws IOException {
		flush();
	}

	private void send() throws IOException {
		if (this.ended > 0) {
			this.out.write(this.held.substring(0, this.ended).getBytes(StandardCharsets.UTF_8));
			this.held.delete(0, this.ended);
			this.ended = 0;
		}
	}

}
