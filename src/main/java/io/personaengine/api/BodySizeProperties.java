package io.personaengine.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The largest JSON body a request may send. Checked at start-up: a size of 0 or less would refuse
 * every request with a body, which the operator would first hear of from the callers.
 */
@ConfigurationProperties("persona.api")
record BodySizeProperties(@DefaultValue("10MB") DataSize maxBodySize) {

	BodySizeProperties {
		if (maxBodySize.toBytes() <= 0) {
			throw new IllegalArgumentException("persona.api.max-body-size is " + maxBodySize
					+ "; it must be more than 0 (10MB by default), or every request with a body would be refused");
		}
	}

}
