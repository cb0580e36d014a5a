package io.personaengine.api;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The filter alone; {@code HardeningTests} sends gzip and br bodies through the running server. */
class ContentEncodingCheckTests {

	@Test
	void codingInASecondHeaderOrLaterInTheListIsRefused() throws Exception {
		MockHttpServletRequest twoHeaders = post("{}");
		twoHeaders.addHeader("Content-Encoding", "identity");
		twoHeaders.addHeader("Content-Encoding", "gzip");
		assertThat(filter(twoHeaders).getStatus()).isEqualTo(415);
		MockHttpServletRequest list = post("{}");
		list.addHeader("Content-Encoding", "identity, br");
		MockHttpServletResponse refused = filter(list);
		assertThat(refused.getStatus()).isEqualTo(415);
		assertThat(refused.getContentAsString()).contains("'br' is not supported");
	}

	@Test
	void identityIsServed() throws Exception {
		MockHttpServletRequest identity = post("{}");
		identity.addHeader("Content-Encoding", "Identity");
		assertThat(filter(identity).getStatus()).isEqualTo(200);
	}

	@Test
	void requestWithoutABodyIsServedWhateverItsContentEncoding() throws Exception {
		MockHttpServletRequest get = new MockHttpServletRequest("GET", "/api/v1/rules");
		get.addHeader("Content-Encoding", "gzip");
		assertThat(filter(get).getStatus()).isEqualTo(200);
		MockHttpServletRequest emptyPost = post("");
		emptyPost.addHeader("Content-Encoding", "gzip");
		assertThat(filter(emptyPost).getStatus()).isEqualTo(200);
		MockHttpServletRequest chunked = new MockHttpServletRequest("POST", "/api/v1/decisions");
		chunked.addHeader("Transfer-Encoding", "chunked");
		chunked.addHeader("Content-Encoding", "gzip");
		assertThat(filter(chunked).getStatus()).as("a chunked body has no length").isEqualTo(415);
	}

	private static MockHttpServletRequest post(String body) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/decisions");
		request.setContentType("application/json");
		request.setContent(body.getBytes(StandardCharsets.UTF_8));
		return request;
	}

	private static MockHttpServletResponse filter(MockHttpServletRequest request) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		new ContentEncodingCheck().doFilter(request, response, new MockFilterChain());
		return response;
	}

}
