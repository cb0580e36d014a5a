package io.personaengine.rules;

/**
 * Where a rule file's parentheses are nested deepest, outside texts and comments as
 * {@link UnclosedTexts} reads them: Drools' parser reads each level by calling itself, so a
 * condition or an expression nested some hundreds of levels deep overflows its stack.
 */
final class DeepNesting implements UnclosedTexts.Code {

	/** Fewer levels than this are no reason for an overflow: the shipped rules nest a few. */
	static final int SUSPECT = 100;

	/**
	 * The deepest nesting, and the line and column (from 1, in characters as an editor counts
	 * them) of the parenthesis that reaches it.
	 */
	record Deepest(int depth, int line, int column) {
	}

	private int depth;

	private Deepest deepest = new Deepest(0, 0, 0);

	private DeepNesting() {
	}

	static Deepest in(String drl) {
		DeepNesting nesting = new DeepNesting();
		UnclosedTexts.in(drl, nesting);
		Deepest deepest = nesting.deepest;
		if (deepest.depth() == 0) {
			return deepest;
		}
		String line = drl.lines().skip(deepest.line() - 1).findFirst().orElse("");
		return new Deepest(deepest.depth(), deepest.line(), RuleSources.inCharacters(line, deepest.column()));
	}

	@Override
	public void at(char c, int line, int column) {
		if (c == '(') {
			this.depth++;
			if (this.depth > this.deepest.depth()) {
				this.deepest = new Deepest(this.depth, line, column);
			}
		}
		else if (c == ')') {
			this.depth = Math.max(this.depth - 1, 0);
		}
	}

}
