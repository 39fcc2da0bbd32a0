package org.newsroom.memberships.gifts;

import org.newsroom.memberships.Email;
import org.newsroom.memberships.MailSender;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

import java.util.Optional;

/** Sends through SES v2 from one verified sender address, optionally tagged with a configuration set. */
public final class SesMailSender implements MailSender {

    private final SesV2Client ses;
    private final String from;
    private final Optional<String> configurationSet;

    public SesMailSender(SesV2Client ses, String from, Optional<String> configurationSet) {
        this.ses = ses;
        this.from = from;
        this.configurationSet = configurationSet;
    }

    @Override
    public void send(Email email) {
        SendEmailRequest.Builder request = SendEmailRequest.builder()
                .fromEmailAddress(from)
                .destination(d -> d.toAddresses(email.to()))
                .content(c -> c.simple(m -> m
                        .subject(s -> s.data(email.subject()).charset("UTF-8"))
                        .body(b -> b.html(h -> h.data(email.html()).charset("UTF-8"))
                                .text(t -> t.data(email.text()).charset("UTF-8")))));
        configurationSet.ifPresent(request::configurationSetName);
        try {
            ses.sendEmail(request.build());
        } catch (SdkException e) {
            throw new MailException("SES did not accept a gift email", e);
        }
    }
}
