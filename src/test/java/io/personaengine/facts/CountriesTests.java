package io.personaengine.facts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CountriesTests {

	@Test
	void isoCodesAreReadInAnyCase() {
		assertThat(Countries.iso("se")).isEqualTo("SE");
		assertThat(Countries.iso(" GB ")).isEqualTo("GB");
	}

	@Test
	void theEuCodesForTheUnitedKingdomAndGreeceAreTheirIsoCodes() {
		assertThat(Countries.iso("UK")).isEqualTo("GB");
		assertThat(Countries.iso("EL")).isEqualTo("GR");
		assertThat(Countries.iso("el")).isEqualTo("GR");
	}

	@Test
	void englishAndUciNamesAreTheirIsoCodes() {
		assertThat(Countries.iso("Sweden")).isEqualTo("SE");
		assertThat(Countries.iso("EIRE")).isEqualTo("IE");
		assertThat(Countries.iso("RSA")).isEqualTo("ZA");
	}

	@Test
	void namesOfNoOneCountryAreNone() {
		assertThat(Countries.iso("Unspecified")).isNull();
		assertThat(Countries.iso("European Community")).isNull();
		assertThat(Countries.iso("Channel Islands")).isNull();
		assertThat(Countries.iso("  ")).isNull();
	}

}
