package org.newsroom.core.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;

class AwsClientsTest {

    @Test
    void ses_shouldMakeOneAttemptPerCall_soTheSdkNeverSendsAnEmailTwice() {
        ClientOverrideConfiguration ses = AwsClients.sesOverrides();
        assertEquals(1, ses.retryStrategy().orElseThrow().maxAttempts());
        assertTrue(ses.apiCallAttemptTimeout().isEmpty(), "no attempt is cut off and redone");
        assertEquals(AwsClients.API_CALL_TIMEOUT, ses.apiCallTimeout().orElseThrow());
    }
}
