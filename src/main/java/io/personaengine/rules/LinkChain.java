package io.personaengine.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Where a path leads, a name at a time as the kernel looks it up: {@code places} are each link met
 * on the way and the file it ends at, each as a name in a folder that is no link, so that a watch
 * on that folder hears the name change; {@code missing} is the first name that is not there, or
 * null when the path leads to a file. {@code personas.drl -> /shared/personas.drl}, itself a
 * ConfigMap's {@code personas.drl -> ..data/personas.drl}, meets three links and a file.
 */
record LinkChain(List<Path> places, Path missing) {

	/** As Linux gives up (ELOOP): a chain so long is a loop. */
	private static final int MOST_LINKS = 40;

	static LinkChain of(Path path) {
		List<Path> places = new ArrayList<>();
		Deque<Path> names = new ArrayDeque<>();
		path.toAbsolutePath().forEach(names::add);
		Path at = path.toAbsolutePath().getRoot();
		int links = 0;
		while (!names.isEmpty()) {
			String name = names.pop().toString();
			if (name.equals("..")) {
				at = (at.getParent() != null) ? at.getParent() : at;
				continue;
			}
			if (name.equals(".")) {
				continue;
			}
			Path next = at.resolve(name);
			if (!Files.isSymbolicLink(next)) {
				if (!Files.exists(next, LinkOption.NOFOLLOW_LINKS)) {
					places.add(next);
					return new LinkChain(List.copyOf(places), next);
				}
				at = next;
				continue;
			}
			places.add(next);
			Path target;
			try {
				target = Files.readSymbolicLink(next);
			}
			catch (IOException ex) {
				// Replaced as it was read: whoever replaced it says so by an event of its own.
				return new LinkChain(List.copyOf(places), null);
			}
			if (++links > MOST_LINKS) {
				return new LinkChain(List.copyOf(places), null);
			}
			List<Path> leadsTo = new ArrayList<>();
			target.forEach(leadsTo::add);
			for (int i = leadsTo.size() - 1; i >= 0; i--) {
				names.push(leadsTo.get(i));
			}
			if (target.isAbsolute()) {
				at = target.getRoot();
			}
		}
		places.add(at);
		return new LinkChain(List.copyOf(places), null);
	}

}
