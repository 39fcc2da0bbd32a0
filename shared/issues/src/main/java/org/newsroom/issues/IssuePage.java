package org.newsroom.issues;

import java.util.List;
import java.util.Optional;

/** One page of a newsletter's issues, newest first, and the opaque cursor of the next page. */
public record IssuePage(List<Issue> issues, Optional<String> next) {}
