package io.personaengine.scenarios;

/**
 * A scenario file of one scenario with three keys misspelt: in the customer at line 5, in expect
 * at lines 7 and 8, each at column 7. One scenario that fails, however many of its keys do, for
 * the tests of a reload (RulesLifecycleTests) and of its answer over HTTP (RulesAdministrationTests).
 */
public final class ThreeTypos {

	public static final String SCENARIO_FILE = """
			scenarios:
			  - name: Three typos
			    asOf: 2026-11-01T00:00:00Z
			    customer:
			      summry: { orderCount: 3 }
			    expect:
			      persnoa: HIGH_ROLLER
			      segmnets: [LOYAL]
			""";

	private ThreeTypos() {
	}

}
