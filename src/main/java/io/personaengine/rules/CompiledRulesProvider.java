package io.personaengine.rules;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.drools.compiler.kie.builder.impl.AbstractKieModule;
import org.drools.compiler.kie.builder.impl.CompilationCacheProvider;
import org.drools.compiler.kie.builder.impl.InternalKieModule.CompilationCache;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.compiler.kie.builder.impl.KieMetaInfoBuilder;
import org.kie.api.builder.ReleaseId;
import org.kie.memorycompiler.resources.ResourceStore;

/**
 * Hands Drools the classes {@link CompiledRules} read for one build, found by the build's release
 * id; every other build compiles as usual. Drools finds it by the service loader (one provider a
 * JVM), so it answers for builds that were offered classes and for no others.
 */
public final class CompiledRulesProvider implements CompilationCacheProvider {

	private static final Map<ReleaseId, CompilationCache> OFFERED = new ConcurrentHashMap<>();

	static void offer(ReleaseId releaseId, CompilationCache classes) {
		OFFERED.put(releaseId, classes);
	}

	static void withdraw(ReleaseId releaseId) {
		OFFERED.remove(releaseId);
	}

	@Override
	public CompilationCache getCompilationCache(AbstractKieModule kieModule, Map<String, CompilationCache> cache,
			String kieBaseName) {
		return OFFERED.get(kieModule.getReleaseId());
	}

	@Override
	public void writeKieModuleMetaInfo(InternalKieModule kieModule, ResourceStore store) {
		// What Drools' own default provider does.
		new KieMetaInfoBuilder(kieModule).writeKieModuleMetaInfo(store);
	}

}
