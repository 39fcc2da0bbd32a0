package org.newsroom.newsletters.signup;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.newsroom.core.http.FormData;
import org.newsroom.core.http.HttpRequest;
import org.newsroom.core.http.HttpResponse;

/**
 * Where a plain HTML form goes after a signup, and what is kept of the page it was on.
 *
 * <ul>
 *   <li>Accepted: the thank-you page, whatever the address's state.
 *   <li>Refused: back to the form's page with {@code ?signup_error=<code>#signup}, when the {@code
 *       Referer} is on the signup page's origin or an allowed origin; otherwise to the configured
 *       signup page, so the endpoint never redirects to another site.
 *   <li>Consent evidence: the page ({@code Referer}, else {@code Origin}) without its query string,
 *       which may carry personal data.
 *   <li>Foreign origin: a form post whose {@code Origin} is present and is neither the signup
 *       page's origin nor an allowed one (another site posting our form, or {@code null} from a
 *       sandboxed frame); no {@code Origin} at all is not foreign (some privacy tools strip it).
 * </ul>
 */
final class SignupRedirects {

    private final URI thankYouUrl;
    private final URI signupPageUrl;
    private final List<String> allowedOrigins;

    SignupRedirects(URI thankYouUrl, URI signupPageUrl, List<String> allowedOrigins) {
        this.thankYouUrl = thankYouUrl;
        this.signupPageUrl = signupPageUrl;
        this.allowedOrigins = List.copyOf(allowedOrigins);
    }

    /** The redirects the settings configure. */
    static SignupRedirects from(NewsletterSignupSettings settings) {
        return new SignupRedirects(
                settings.thankYouUrl(), settings.signupPageUrl(), settings.allowedOrigins());
    }

    /** 303 to the thank-you page. */
    HttpResponse accepted() {
        return HttpResponse.seeOther(thankYouUrl.toString())
                .withHeader("cache-control", "no-store");
    }

    /** 303 back to the form's page, carrying the error code for the form to show. */
    HttpResponse refused(HttpRequest request, String formCode) {
        return HttpResponse.seeOther(formPage(request) + "?signup_error=" + formCode + "#signup")
                .withHeader("cache-control", "no-store");
    }

    /**
     * The page the form was on (scheme, authority, path) when it is one of ours; otherwise the
     * signup page.
     */
    String formPage(HttpRequest request) {
        URI page =
                request.header("referer")
                        .flatMap(SignupRedirects::uri)
                        .filter(this::isAllowedOrigin)
                        .orElse(signupPageUrl);
        String path =
                page.getRawPath() == null || page.getRawPath().isEmpty() ? "/" : page.getRawPath();
        return page.getScheme() + "://" + page.getRawAuthority() + path;
    }

    /**
     * The page the signup came from, without its query string; empty when the request does not say.
     */
    String consentPage(HttpRequest request) {
        return request.header("referer")
                .or(() -> request.header("origin"))
                .flatMap(SignupRedirects::uri)
                .filter(u -> u.getScheme() != null && u.getRawAuthority() != null)
                .map(
                        u ->
                                u.getScheme()
                                        + "://"
                                        + u.getRawAuthority()
                                        + (u.getRawPath() == null ? "" : u.getRawPath()))
                .orElse("");
    }

    /** Whether the request is a form post from an {@code Origin} that may not post the form. */
    boolean isForeignFormPost(HttpRequest request) {
        if (!request.mediaType().equals(FormData.URLENCODED)) {
            return false;
        }
        return request.header("origin")
                .map(origin -> uri(origin).filter(this::isAllowedOrigin).isEmpty())
                .orElse(false);
    }

    private boolean isAllowedOrigin(URI uri) {
        if (uri.getScheme() == null || uri.getRawAuthority() == null) {
            return false;
        }
        String origin = origin(uri);
        return origin.equals(origin(signupPageUrl))
                || allowedOrigins.stream().anyMatch(o -> o.equalsIgnoreCase(origin));
    }

    private static String origin(URI uri) {
        return (uri.getScheme() + "://" + uri.getRawAuthority()).toLowerCase(Locale.ROOT);
    }

    private static Optional<URI> uri(String text) {
        try {
            return Optional.of(new URI(text.trim()));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
