package org.newsroom.newsletters.signup;

import java.util.Optional;

/** Checks a Cloudflare Turnstile response token (only when the operator configured a secret). */
public interface TurnstileVerifier {

    /** For deployments without a Turnstile secret: no challenge, every signup passes. */
    TurnstileVerifier DISABLED = (token, remoteIp) -> true;

    /**
     * True when the token is valid for this site; false when it is missing, invalid or
     * unverifiable.
     */
    boolean verify(String token, Optional<String> remoteIp);
}
