package io.personaengine.facts;

import java.lang.reflect.Constructor;
import java.lang.reflect.Parameter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.MapperBuilder;
import tools.jackson.databind.type.LogicalType;

/**
 * The numbers the shipped rules are written against (PERSONAS.md section 2 and the segment
 * defaults of section 4). Read from {@code rules/thresholds.yaml}; rules see it as a fact
 * ({@code $t : Thresholds()}), so no rule hard-codes a number. Getters rather than record
 * accessors because the MVEL dialect of DRL resolves {@code $t.recentPurchaseDays} through them.
 */
public final class Thresholds {

	/** Each threshold's type by its name. */
	private static final Map<String, Class<?>> TYPES = types();

	private final int recentEngagementDays;

	private final int frequentEngagementCount;

	private final int recentPurchaseDays;

	private final int lapsedPurchaseMaxDays;

	private final int passingThroughMinDays;

	private final int frequentPurchaseCount;

	private final BigDecimal highValueAov;

	private final boolean countAppleMppOpens;

	private final int abandonedCartDays;

	private final int dormantDays;

	private final int winbackSampleMin;

	private final double winbackShareOneHitWonder;

	private final double winbackShareJustPassingThrough;

	private final double winbackShareFalseStart;

	private final BigDecimal topSpenderMinTotal;

	private final int couponMinOrders;

	private final double couponMinShare;

	private final int curiousProspectVisitDays;

	private final int indecisiveMinCartActions;

	private final int trendFollowerMinOrders;

	private final double mppOpenerMinShare;

	@JsonCreator
	public Thresholds(@JsonProperty(value = "recentEngagementDays", required = true) int recentEngagementDays,
			@JsonProperty(value = "frequentEngagementCount", required = true) int frequentEngagementCount,
			@JsonProperty(value = "recentPurchaseDays", required = true) int recentPurchaseDays,
			@JsonProperty(value = "lapsedPurchaseMaxDays", required = true) int lapsedPurchaseMaxDays,
			@JsonProperty(value = "passingThroughMinDays", required = true) int passingThroughMinDays,
			@JsonProperty(value = "frequentPurchaseCount", required = true) int frequentPurchaseCount,
			@JsonProperty(value = "highValueAov", required = true) BigDecimal highValueAov,
			@JsonProperty(value = "countAppleMppOpens", required = true) boolean countAppleMppOpens,
			@JsonProperty(value = "abandonedCartDays", required = true) int abandonedCartDays,
			@JsonProperty(value = "dormantDays", required = true) int dormantDays,
			@JsonProperty(value = "winbackSampleMin", required = true) int winbackSampleMin,
			@JsonProperty(value = "winbackShareOneHitWonder", required = true) double winbackShareOneHitWonder,
			@JsonProperty(value = "winbackShareJustPassingThrough", required = true) double winbackShareJustPassingThrough,
			@JsonProperty(value = "winbackShareFalseStart", required = true) double winbackShareFalseStart,
			@JsonProperty(value = "topSpenderMinTotal", required = true) BigDecimal topSpenderMinTotal,
			@JsonProperty(value = "couponMinOrders", required = true) int couponMinOrders,
			@JsonProperty(value = "couponMinShare", required = true) double couponMinShare,
			@JsonProperty(value = "curiousProspectVisitDays", required = true) int curiousProspectVisitDays,
			@JsonProperty(value = "indecisiveMinCartActions", required = true) int indecisiveMinCartActions,
			@JsonProperty(value = "trendFollowerMinOrders", required = true) int trendFollowerMinOrders,
			@JsonProperty(value = "mppOpenerMinShare", required = true) double mppOpenerMinShare) {
		this.recentEngagementDays = recentEngagementDays;
		this.frequentEngagementCount = frequentEngagementCount;
		this.recentPurchaseDays = recentPurchaseDays;
		this.lapsedPurchaseMaxDays = lapsedPurchaseMaxDays;
		this.passingThroughMinDays = passingThroughMinDays;
		this.frequentPurchaseCount = frequentPurchaseCount;
		this.highValueAov = highValueAov;
		this.countAppleMppOpens = countAppleMppOpens;
		this.abandonedCartDays = abandonedCartDays;
		this.dormantDays = dormantDays;
		this.winbackSampleMin = winbackSampleMin;
		this.winbackShareOneHitWonder = winbackShareOneHitWonder;
		this.winbackShareJustPassingThrough = winbackShareJustPassingThrough;
		this.winbackShareFalseStart = winbackShareFalseStart;
		this.topSpenderMinTotal = topSpenderMinTotal;
		this.couponMinOrders = couponMinOrders;
		this.couponMinShare = couponMinShare;
		this.curiousProspectVisitDays = curiousProspectVisitDays;
		this.indecisiveMinCartActions = indecisiveMinCartActions;
		this.trendFollowerMinOrders = trendFollowerMinOrders;
		this.mppOpenerMinShare = mppOpenerMinShare;
	}

	/**
	 * How thresholds are read wherever they are written, thresholds.yaml and a scenario's pins
	 * alike: a count written 3.9 is no 3. A value in quotes ({@code "100"}), which YAML reads as a
	 * text, is refused where it is written ({@link #inQuotes}): Jackson hands over {@code .5},
	 * {@code +100} and {@code True}, numbers and booleans YAML writes without quotes, as texts too.
	 * A number is no boolean: {@code countAppleMppOpens: 1} was taken for true, where a scenario's
	 * customer and the REST API refuse 1 for one.
	 */
	public static <B extends MapperBuilder<?, B>> B readStrictly(B builder) {
		return builder.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
			.withCoercionConfig(LogicalType.Boolean, (booleans) -> booleans.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail));
	}

	/**
	 * Why {@code text}, written in quotes as threshold {@code name}, is refused ("invalid value
	 * '"100"': expected a number, written without quotes (at highValueAov)"), as the REST API
	 * refuses a number sent as a string; null for a name that is no threshold, which is said as such.
	 */
	public static String inQuotes(String name, String text) {
		Class<?> type = TYPES.get(name);
		return (type != null) ? JsonProblems.quotedFor(text, type) + " (at " + name + ")" : null;
	}

	/** The type threshold {@code name} is read as ({@code int.class} for a count), or null for a name that is no threshold. */
	public static Class<?> type(String name) {
		return TYPES.get(name);
	}

	/** The names of the thresholds, as the constructor takes them: what thresholds.yaml holds. */
	public static List<String> names() {
		return List.copyOf(TYPES.keySet());
	}

	private static Map<String, Class<?>> types() {
		for (Constructor<?> constructor : Thresholds.class.getConstructors()) {
			if (constructor.isAnnotationPresent(JsonCreator.class)) {
				Map<String, Class<?>> types = new LinkedHashMap<>();
				for (Parameter parameter : constructor.getParameters()) {
					types.put(parameter.getAnnotation(JsonProperty.class).value(), parameter.getType());
				}
				return Collections.unmodifiableMap(types);
			}
		}
		throw new IllegalStateException("Thresholds has no @JsonCreator constructor");
	}

	/** The same thresholds with another store AOV, as a batch with {@code --aov} needs. */
	public Thresholds withHighValueAov(BigDecimal aov) {
		return new Thresholds(this.recentEngagementDays, this.frequentEngagementCount, this.recentPurchaseDays,
				this.lapsedPurchaseMaxDays, this.passingThroughMinDays, this.frequentPurchaseCount, aov,
				this.countAppleMppOpens, this.abandonedCartDays, this.dormantDays, this.winbackSampleMin,
				this.winbackShareOneHitWonder, this.winbackShareJustPassingThrough, this.winbackShareFalseStart,
				this.topSpenderMinTotal, this.couponMinOrders, this.couponMinShare, this.curiousProspectVisitDays,
				this.indecisiveMinCartActions, this.trendFollowerMinOrders, this.mppOpenerMinShare);
	}

	/** Values that parse but make no sense; each entry names the threshold and the reason. */
	public List<String> problems() {
		List<String> problems = new ArrayList<>();
		nonNegative(problems, "recentEngagementDays", this.recentEngagementDays);
		nonNegative(problems, "frequentEngagementCount", this.frequentEngagementCount);
		nonNegative(problems, "recentPurchaseDays", this.recentPurchaseDays);
		nonNegative(problems, "passingThroughMinDays", this.passingThroughMinDays);
		nonNegative(problems, "frequentPurchaseCount", this.frequentPurchaseCount);
		nonNegative(problems, "abandonedCartDays", this.abandonedCartDays);
		nonNegative(problems, "dormantDays", this.dormantDays);
		nonNegative(problems, "winbackSampleMin", this.winbackSampleMin);
		nonNegative(problems, "couponMinOrders", this.couponMinOrders);
		nonNegative(problems, "curiousProspectVisitDays", this.curiousProspectVisitDays);
		nonNegative(problems, "indecisiveMinCartActions", this.indecisiveMinCartActions);
		nonNegative(problems, "trendFollowerMinOrders", this.trendFollowerMinOrders);
		if (this.lapsedPurchaseMaxDays < this.recentPurchaseDays) {
			problems.add("lapsedPurchaseMaxDays: must be at least recentPurchaseDays (" + this.recentPurchaseDays + ")");
		}
		if (this.highValueAov == null || this.highValueAov.signum() < 0) {
			problems.add("highValueAov: must be a number of at least 0");
		}
		if (this.topSpenderMinTotal == null || this.topSpenderMinTotal.signum() < 0) {
			problems.add("topSpenderMinTotal: must be a number of at least 0");
		}
		share(problems, "winbackShareOneHitWonder", this.winbackShareOneHitWonder);
		share(problems, "winbackShareJustPassingThrough", this.winbackShareJustPassingThrough);
		share(problems, "winbackShareFalseStart", this.winbackShareFalseStart);
		share(problems, "couponMinShare", this.couponMinShare);
		share(problems, "mppOpenerMinShare", this.mppOpenerMinShare);
		return problems;
	}

	private static void nonNegative(List<String> problems, String name, int value) {
		if (value < 0) {
			problems.add(name + ": must be at least 0, was " + value);
		}
	}

	private static void share(List<String> problems, String name, double value) {
		if (!(value >= 0 && value <= 1)) {
			problems.add(name + ": must be a share between 0 and 1, was " + value);
		}
	}

	public int getRecentEngagementDays() {
		return this.recentEngagementDays;
	}

	public int getFrequentEngagementCount() {
		return this.frequentEngagementCount;
	}

	public int getRecentPurchaseDays() {
		return this.recentPurchaseDays;
	}

	public int getLapsedPurchaseMaxDays() {
		return this.lapsedPurchaseMaxDays;
	}

	public int getPassingThroughMinDays() {
		return this.passingThroughMinDays;
	}

	public int getFrequentPurchaseCount() {
		return this.frequentPurchaseCount;
	}

	public BigDecimal getHighValueAov() {
		return this.highValueAov;
	}

	public boolean isCountAppleMppOpens() {
		return this.countAppleMppOpens;
	}

	public int getAbandonedCartDays() {
		return this.abandonedCartDays;
	}

	public int getDormantDays() {
		return this.dormantDays;
	}

	public int getWinbackSampleMin() {
		return this.winbackSampleMin;
	}

	public double getWinbackShareOneHitWonder() {
		return this.winbackShareOneHitWonder;
	}

	public double getWinbackShareJustPassingThrough() {
		return this.winbackShareJustPassingThrough;
	}

	public double getWinbackShareFalseStart() {
		return this.winbackShareFalseStart;
	}

	public BigDecimal getTopSpenderMinTotal() {
		return this.topSpenderMinTotal;
	}

	public int getCouponMinOrders() {
		return this.couponMinOrders;
	}

	public double getCouponMinShare() {
		return this.couponMinShare;
	}

	public int getCuriousProspectVisitDays() {
		return this.curiousProspectVisitDays;
	}

	public int getIndecisiveMinCartActions() {
		return this.indecisiveMinCartActions;
	}

	public int getTrendFollowerMinOrders() {
		return this.trendFollowerMinOrders;
	}

	public double getMppOpenerMinShare() {
		return this.mppOpenerMinShare;
	}

}
