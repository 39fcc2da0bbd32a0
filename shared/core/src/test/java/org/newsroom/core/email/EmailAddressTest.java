package org.newsroom.core.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

    @Test
    void parse_shouldTrimAndLowerCase_forDeduplication() {
        assertEquals(
                "reader@example.org",
                EmailAddress.parse("  Reader@Example.ORG \t").orElseThrow().value());
    }

    @Test
    void parse_shouldConvertInternationalDomainToPunycode() {
        assertEquals(
                "leser@xn--mnchen-3ya.de",
                EmailAddress.parse("leser@münchen.de").orElseThrow().value());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Reader <reader@example.org>", // display name
                "a@example.org, b@example.org", // list
                "a@example.org;b@example.org", // list
                "reader@example.org\r\nBcc: x@example.org", // header injection
                "reader@localhost", // no dot in the domain
                "\"quoted\"@example.org", // quoted local part (browsers refuse it)
                "reader@@example.org",
                "reader@exa_mple.org",
                "reader@-example.org",
                "reader@example..org",
                "reader",
                "@example.org",
                "reader@",
                "rea der@example.org",
                "",
                "léser@example.org" // non-ASCII local part (type=email refuses it)
            })
    void parse_shouldReject_whatABrowserEmailFieldRejects(String input) {
        assertTrue(EmailAddress.parse(input).isEmpty(), input);
    }

    @Test
    void parse_shouldReject_addressesLongerThan254Characters() {
        String domain =
                "a".repeat(60)
                        + "."
                        + "b".repeat(60)
                        + "."
                        + "c".repeat(60)
                        + "."
                        + "d".repeat(60)
                        + ".org";
        String local = "r".repeat(254 - domain.length());
        assertTrue(EmailAddress.parse(local + "@" + domain).isEmpty());
        assertTrue(EmailAddress.parse(local.substring(1) + "@" + domain).isPresent());
    }

    @Test
    void parse_shouldAcceptTheSpecialCharactersBrowsersAccept() {
        assertTrue(
                EmailAddress.parse("first.last+news!#$%&'*/=?^_`{|}~-@sub.example.co.uk")
                        .isPresent());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {".a@example.org", "a.@example.org", "a..b@example.org", ".@example.org"})
    void parse_shouldReject_localPartsWithALeadingTrailingOrDoubledDot(String input) {
        assertTrue(EmailAddress.parse(input).isEmpty(), input);
    }

    @Test
    void parse_shouldAcceptDotsBetweenCharacters() {
        assertEquals(
                "first.middle.last@example.org",
                EmailAddress.parse("first.middle.last@example.org").orElseThrow().value());
    }

    @ParameterizedTest
    @CsvSource({
        "Victim@Example.org, victim@example.org",
        "victim+1@example.org, victim@example.org",
        "victim+news+more@example.org, victim@example.org",
        "v.i.c.t.i.m@example.org, v.i.c.t.i.m@example.org",
        "V.i.c.t.i.m+2@gmail.com, victim@gmail.com",
        "victim@googlemail.com, victim@gmail.com",
        "vic.tim+x@GoogleMail.com, victim@gmail.com",
        "+tag@example.org, +tag@example.org"
    })
    void mailbox_shouldRemoveTheTag_andGmailDots(String input, String mailbox) {
        assertEquals(mailbox, EmailAddress.parse(input).orElseThrow().mailbox());
    }

    @Test
    void mailbox_shouldLeaveTheAddressThatIsMailedAsTyped() {
        EmailAddress address = EmailAddress.parse("v.i.c.t.i.m+2@gmail.com").orElseThrow();
        assertEquals("v.i.c.t.i.m+2@gmail.com", address.value());
    }

    @Test
    void mailbox_shouldKeepDotsOutsideGmail_whereTheyMayNameAnotherInbox() {
        assertNotEquals(
                EmailAddress.parse("a.b@example.org").orElseThrow().mailbox(),
                EmailAddress.parse("ab@example.org").orElseThrow().mailbox());
    }

    @Test
    void isInDomain_shouldMatchTheDomainAndItsSubdomainsOnly() {
        EmailAddress address = EmailAddress.parse("x@mail.spam.example").orElseThrow();
        assertTrue(address.isInDomain("spam.example"));
        assertTrue(address.isInDomain("@mail.spam.example"));
        assertFalse(address.isInDomain("am.example"));
        assertFalse(address.isInDomain(""));
    }

    @Test
    void toString_shouldNeverRevealTheAddress() {
        assertFalse(
                EmailAddress.parse("secret@example.org")
                        .orElseThrow()
                        .toString()
                        .contains("secret"));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {
                "a@Example.COM",
                "a@ex-ample.co.uk",
                "a@example.com.",
                "a@.example.com",
                "a@example..com",
                "a@-example.com",
                "a@example-.com",
                "a@ex_ample.com",
                "a@example",
                "a@123.456",
                "a@xn--bcher-kva.example",
                "a@xn--.example"
            })
    void asciiDomains_shouldBeJudgedAsThroughIdn(String address) {
        // The parse skips IDN.toASCII for ASCII domains; the verdict and spelling must be what
        // going through it gives.
        String domain = address.substring(address.indexOf('@') + 1);
        String throughIdn;
        boolean valid;
        try {
            throughIdn = java.net.IDN.toASCII(domain, 0).toLowerCase(java.util.Locale.ROOT);
            String[] labels = throughIdn.split("\\.", -1);
            valid =
                    labels.length >= 2
                            && java.util.Arrays.stream(labels)
                                    .allMatch(
                                            l -> l.matches("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"));
        } catch (IllegalArgumentException e) {
            throughIdn = null;
            valid = false;
        }
        assertEquals(
                valid ? java.util.Optional.of("a@" + throughIdn) : java.util.Optional.empty(),
                EmailAddress.parse(address).map(EmailAddress::value));
    }

    @org.junit.jupiter.api.Test
    void asciiLabelOfSixtyFourCharacters_shouldBeRefusedAsIdnRefusesIt() {
        String label = "a".repeat(64);
        assertThrows(IllegalArgumentException.class, () -> java.net.IDN.toASCII(label + ".com", 0));
        assertEquals(java.util.Optional.empty(), EmailAddress.parse("a@" + label + ".com"));
        assertEquals(
                "a@" + "a".repeat(63) + ".com",
                EmailAddress.parse("a@" + "a".repeat(63) + ".com").orElseThrow().value());
    }

    /** The rule as it was written before the hand-made checks, kept to compare them with. */
    private static final Pattern LOCAL_RULE = Pattern.compile("[a-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}");

    private static final Pattern LABEL_RULE =
            Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    /** Letters, digits, every punctuation mark, upper case, space, non-ASCII. */
    private static final String ALPHABET = "az09.-_!#$%&'*+/=?^`{|}~\"(),:;<>@[]\\ AZ\u00e9\u0130";

    private static String randomText(Random random, int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }

    @Test
    void isLocalPart_shouldAgreeWithTheRegularExpression_onRandomText() {
        Random random = new Random(11);
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            String local = i % 2 == 0 ? randomText(random, 70) : "a".repeat(random.nextInt(70));
            boolean expected = LOCAL_RULE.matcher(local).matches();
            assertEquals(expected, EmailAddress.isLocalPart(local), local);
            accepted += expected ? 1 : 0;
        }
        assertTrue(accepted > 100, "the sample holds valid local parts too");
    }

    @Test
    void isLabel_shouldAgreeWithTheRegularExpression_onRandomText() {
        Random random = new Random(12);
        String small = "az09-.";
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder label = new StringBuilder();
            int length = i % 3 == 0 ? random.nextInt(70) : random.nextInt(8);
            String alphabet = i % 5 == 0 ? ALPHABET : small;
            for (int c = 0; c < length; c++) {
                label.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = "x." + label + ".y";
            boolean expected = LABEL_RULE.matcher(label).matches();
            assertEquals(
                    expected, EmailAddress.isLabel(text, 2, 2 + label.length()), label.toString());
            accepted += expected ? 1 : 0;
        }
        assertTrue(accepted > 100, "the sample holds valid labels too");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a@b", "a@.b.c", "a@b.c.", "a@b..c", "a@-b.c", "a@b-.c", "a@b.c-", "a@b_c.d",
                "a@b.c d",
            })
    void parse_shouldRefuseDomainsWithAMalformedOrMissingLabel(String input) {
        assertTrue(EmailAddress.parse(input).isEmpty(), input);
    }
}
