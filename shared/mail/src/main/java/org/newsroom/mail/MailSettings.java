package org.newsroom.mail;

import org.newsroom.core.config.Config;

/**
 * The settings every function that sends email shares, read once from its configuration: {@code
 * SENDER_ADDRESS} (a verified SES identity), {@code PUBLISHER_NAME} (the newsroom's name as readers
 * know it: the From display name and the name in every email) and {@code CONFIGURATION_SET}
 * (publishes bounces and complaints, so it is required).
 */
public record MailSettings(String senderAddress, String publisherName, String configurationSet) {

    public static MailSettings from(Config config) {
        return new MailSettings(
                config.require("SENDER_ADDRESS"),
                config.require("PUBLISHER_NAME"),
                config.require("CONFIGURATION_SET"));
    }

    /** The From header: {@code "Publisher" <sender>}. */
    public String from() {
        return MimeMessage.mailbox(publisherName, senderAddress);
    }
}
