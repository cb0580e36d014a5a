package io.personaengine.batch;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The deterministic win-back test group of PERSONAS.md section 5: of a segment of n customers,
 * {@code min(n, max(ceil(share * n), minimum))}, taken in the order of SHA-256("seed:customerId")
 * read as an unsigned big-endian number. The same seed and members always give the same group.
 */
public final class WinbackSample {

	private WinbackSample() {
	}

	public static int size(int members, double share, int minimum) {
		int byShare = BigDecimal.valueOf(share).multiply(BigDecimal.valueOf(members)).setScale(0, RoundingMode.CEILING).intValueExact();
		return Math.min(members, Math.max(byShare, minimum));
	}

	/** The group, in draw order. */
	public static List<String> select(List<String> members, double share, int minimum, String seed) {
		record Keyed(String id, byte[] key) {
		}
		return members.stream()
			.map((id) -> new Keyed(id, sha256(seed + ":" + id)))
			.sorted(Comparator.comparing(Keyed::key, Arrays::compareUnsigned).thenComparing(Keyed::id))
			.limit(size(members.size(), share, minimum))
			.map(Keyed::id)
			.toList();
	}

	static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JRE", ex);
		}
	}

}
