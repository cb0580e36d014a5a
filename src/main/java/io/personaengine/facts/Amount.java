package io.personaengine.facts;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigDecimal;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * An amount of money: at most 15 digits before the point and 6 after, what
 * {@code @Digits(integer = 15, fraction = 6)} says. Hibernate Validator's {@code @Digits} counts the
 * digits before the point in an int, which 1E+2147483647 overflows to below zero, so it passed, and
 * adding it up then threw: a 500 over REST, a customer retried and dead-lettered as a failure of
 * the service over Kafka.
 */
@Documented
@Constraint(validatedBy = Amount.Check.class)
@Target({ ElementType.METHOD, ElementType.FIELD, ElementType.ANNOTATION_TYPE, ElementType.CONSTRUCTOR,
		ElementType.PARAMETER, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface Amount {

	/** Worded as {@code @Digits} words it, which clients have seen. */
	String message() default "numeric value out of bounds (<15 digits>.<6 digits> expected)";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	final class Check implements ConstraintValidator<Amount, BigDecimal> {

		@Override
		public boolean isValid(BigDecimal value, ConstraintValidatorContext context) {
			return value == null || fits(value);
		}

		/** Counted in a long: precision less scale is past an int for 1E+2147483647. */
		public static boolean fits(BigDecimal value) {
			return (long) value.precision() - value.scale() <= 15 && value.scale() <= 6;
		}

	}

}
