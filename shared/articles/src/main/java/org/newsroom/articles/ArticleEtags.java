package org.newsroom.articles;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.newsroom.core.crypto.Digests;

/**
 * Entity tags of articles, {@code "r<revision>"} or {@code "r<revision>-<digest>"}: the revision is
 * what editors' {@code If-Match} is checked against; the digest of the exact public JSON lets a
 * public page's tag change whenever its bytes do (a related story refreshed, a scheduled one come
 * out), as {@code If-None-Match} caching needs. An editor may send back either form: the tag of the
 * public page they read or the one a {@code PUT} answered with.
 */
public final class ArticleEtags {

    private static final Pattern TAG = Pattern.compile("\"r(\\d{1,18})(?:-[A-Za-z0-9_-]{1,64})?\"");
    private static final int DIGEST_CHARS = 22;

    private ArticleEtags() {}

    /** The tag of a revision, as a write answers with. */
    public static String of(long revision) {
        return "\"r" + revision + "\"";
    }

    /** The tag of one representation of a revision, as a public read answers with. */
    public static String of(long revision, String representation) {
        return "\"r"
                + revision
                + "-"
                + Digests.sha256Base64Url(representation).substring(0, DIGEST_CHARS)
                + "\"";
    }

    /**
     * The precondition an {@code If-Match} header asks for: none means create-only, {@code *} any
     * existing revision, otherwise one of the listed revisions. Weak tags ({@code W/"..."}) and
     * tags that are not ours never match: If-Match uses the strong comparison.
     */
    public static Precondition precondition(Optional<String> ifMatch) {
        if (ifMatch.isEmpty() || ifMatch.get().isBlank()) {
            return Precondition.CREATE_ONLY;
        }
        String value = ifMatch.get().trim();
        if (value.equals("*")) {
            return Precondition.ANY_REVISION;
        }
        Set<Long> revisions = new HashSet<>();
        for (String candidate : value.split(",")) {
            Matcher matcher = TAG.matcher(candidate.trim());
            if (matcher.matches()) {
                revisions.add(Long.parseLong(matcher.group(1)));
            }
        }
        return new Precondition.OneOf(revisions);
    }
}
