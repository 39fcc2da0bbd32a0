package org.newsroom.core.email;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;

/**
 * A normalised, deliverable-looking email address: the one address rule of every function (signups,
 * payment webhooks, gift redemption, the member import).
 *
 * <p>The rule is the one browsers apply to {@code <input type=email>} (the WHATWG "valid email
 * address": no quoted local parts, no comments, no display names, no lists), plus a dot in the
 * domain, dots in the local part only between characters, and at most 254 characters. An
 * internationalised domain is converted to punycode, as a browser does before validating; the
 * result is trimmed and lower-cased so one mailbox has one record. Its pseudonymous id (keys,
 * limits, links) comes from {@link AddressKeys}.
 */
public final class EmailAddress {

    /** The longest address SMTP can carry (RFC 5321 path limit minus the angle brackets). */
    public static final int MAX_LENGTH = 254;

    /** The longest local part (RFC 5321). */
    private static final int MAX_LOCAL = 64;

    /** The longest domain label (RFC 1035). */
    private static final int MAX_LABEL = 63;

    /** The punctuation WHATWG allows in a local part besides letters, digits and dots. */
    private static final String LOCAL_PUNCTUATION = "!#$%&'*+/=?^_`{|}~-";

    private static final String GMAIL = "gmail.com";
    private static final String GOOGLEMAIL = "googlemail.com";

    private final String value;

    private EmailAddress(String value) {
        this.value = value;
    }

    /** The normalised address as it is stored and mailed to. */
    public String value() {
        return value;
    }

    /**
     * An address known to be normalised already (read back from storage); rejects anything else.
     */
    public static EmailAddress ofNormalised(String value) {
        EmailAddress parsed =
                parse(value)
                        .orElseThrow(() -> new IllegalArgumentException("Not an email address"));
        if (!parsed.value.equals(value)) {
            throw new IllegalArgumentException("Not a normalised email address");
        }
        return parsed;
    }

    /** The normalised address, or empty when the input is not one acceptable address. */
    public static Optional<EmailAddress> parse(String input) {
        if (input == null) {
            return Optional.empty();
        }
        String trimmed = input.strip();
        if (trimmed.isEmpty() || trimmed.length() > 1024) {
            return Optional.empty();
        }
        int at = trimmed.lastIndexOf('@');
        if (at <= 0 || at == trimmed.length() - 1 || trimmed.indexOf('@') != at) {
            return Optional.empty();
        }
        String local = trimmed.substring(0, at).toLowerCase(Locale.ROOT);
        String domain = trimmed.substring(at + 1);
        if (!isLocalPart(local) || !dotsSeparateAtoms(local)) {
            return Optional.empty();
        }
        String ascii;
        if (isAscii(domain)) {
            // What IDN.toASCII would return (it changes no ASCII label, and the label check
            // below refuses every label it would refuse), without its cost on every webhook and
            // signup: almost every domain is ASCII.
            ascii = domain.toLowerCase(Locale.ROOT);
        } else {
            try {
                ascii = IDN.toASCII(domain, 0).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        if (ascii.indexOf('.') < 0) {
            return Optional.empty();
        }
        for (int start = 0, end; start <= ascii.length(); start = end + 1) {
            end = ascii.indexOf('.', start);
            if (end < 0) {
                end = ascii.length();
            }
            if (!isLabel(ascii, start, end)) {
                return Optional.empty();
            }
        }
        String normalised = local + "@" + ascii;
        if (normalised.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        return Optional.of(new EmailAddress(normalised));
    }

    /**
     * The inbox behind the address, for limits that must count one reader once however the address
     * is written: the {@code +tag} is removed, and for Gmail ({@code gmail.com}, {@code
     * googlemail.com}, which ignores dots) the dots too, with googlemail.com as gmail.com. Never
     * mailed to: mail goes to {@link #value()}, as the reader typed it.
     */
    public String mailbox() {
        int at = value.lastIndexOf('@');
        String local = value.substring(0, at);
        String domain = value.substring(at + 1);
        // A local part that starts with "+" has no tag to remove: it is the whole name.
        int plus = local.indexOf('+');
        if (plus > 0) {
            local = local.substring(0, plus);
        }
        if (GMAIL.equals(domain) || GOOGLEMAIL.equals(domain)) {
            local = local.replace(".", "");
            domain = GMAIL;
        }
        return local + "@" + domain;
    }

    /**
     * RFC 5322's dot-atom: dots only between characters, never first, last or two in a row. (The
     * WHATWG pattern alone accepts {@code .a@} and {@code a..b@}, which mail servers refuse.)
     */
    private static boolean dotsSeparateAtoms(String local) {
        return !local.startsWith(".") && !local.endsWith(".") && !local.contains("..");
    }

    public String domain() {
        return value.substring(value.lastIndexOf('@') + 1);
    }

    /** Whether the address's domain is {@code blocked} or one of its subdomains. */
    public boolean isInDomain(String blocked) {
        String b = blocked.toLowerCase(Locale.ROOT).strip();
        if (b.startsWith("@")) {
            b = b.substring(1);
        }
        String d = domain();
        return !b.isEmpty() && (d.equals(b) || d.endsWith("." + b));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EmailAddress e && e.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        // Never print the address by accident (logs, exception messages).
        return "EmailAddress[redacted]";
    }

    /**
     * 1 to 64 of a-z, 0-9, dots and the WHATWG punctuation (checked by hand: a regular expression
     * match was a visible share of a warm webhook).
     */
    static boolean isLocalPart(String local) {
        int length = local.length();
        if (length < 1 || length > MAX_LOCAL) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = local.charAt(i);
            if (!isLowerAlphanumeric(c) && c != '.' && LOCAL_PUNCTUATION.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether text[start, end) is a domain label: 1 to 63 of a-z, 0-9 and hyphens, neither first
     * nor last a hyphen.
     */
    static boolean isLabel(String text, int start, int end) {
        int length = end - start;
        if (length < 1
                || length > MAX_LABEL
                || !isLowerAlphanumeric(text.charAt(start))
                || !isLowerAlphanumeric(text.charAt(end - 1))) {
            return false;
        }
        for (int i = start + 1; i < end - 1; i++) {
            char c = text.charAt(i);
            if (!isLowerAlphanumeric(c) && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isLowerAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
