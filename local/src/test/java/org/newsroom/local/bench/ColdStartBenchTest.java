package org.newsroom.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ColdStartBenchTest {

    @Test
    void parse_shouldReadTheFirstRequestsSdkTimeAndCalls_fromTheProbesLastResultLine() {
        String output =
                "{\"level\":\"INFO\",\"message\":\"gift redeemed\"}\n"
                        + "init=412 handle=230 first=228 sdkMicros=153204 sdkCalls=6"
                        + " classes=3612 peakRssKiB=88016\n";

        ColdStartBench.Sample sample = ColdStartBench.parse(output, 905);

        assertEquals(new ColdStartBench.Sample(905, 228, 88016, 153_204, 6), sample);
    }

    @Test
    void parse_shouldReadTheFloorsAndTheBareRowsLines() {
        assertEquals(
                new ColdStartBench.Sample(60, 0, 36000, 0, 0),
                ColdStartBench.parse(
                        "hello init=0 handle=0 first=0 sdkMicros=0 sdkCalls=0 peakRssKiB=36000",
                        60));
        assertEquals(
                new ColdStartBench.Sample(700, 310, 80100, 41_200, 1),
                ColdStartBench.parse(
                        "sdk init=0 handle=310 first=310 sdkMicros=41200 sdkCalls=1"
                                + " peakRssKiB=80100",
                        700));
    }

    @Test
    void parse_shouldRefuseAResultWithoutTheSdkFields_ratherThanReportNoSdkTime() {
        IllegalStateException refused =
                assertThrows(
                        IllegalStateException.class,
                        () ->
                                ColdStartBench.parse(
                                        "init=412 handle=230 first=228 peakRssKiB=88016", 905));

        assertTrue(refused.getMessage().contains("sdkMicros"), refused.getMessage());
    }

    @Test
    void medianSdkMs_shouldTakeTheMedianOfTheFirstRequestsSdkTime_inMillisecondsToATenth() {
        List<ColdStartBench.Sample> samples =
                List.of(
                        new ColdStartBench.Sample(900, 300, 1, 12_340, 6),
                        new ColdStartBench.Sample(800, 250, 1, 40_000, 6),
                        new ColdStartBench.Sample(700, 200, 1, 9_990, 6),
                        new ColdStartBench.Sample(600, 150, 1, 15_000, 7));

        assertEquals(13.7, ColdStartBench.medianSdkMs(samples));
        assertEquals(6.0, ColdStartBench.medianSdkCalls(samples));
        assertEquals(12.3, ColdStartBench.medianSdkMs(samples.subList(0, 1)));
    }

    @Test
    void requireWarmJvmOptions_shouldRefuseToMeasureAWarmPath_inAJvmWithoutTheFunctionsOptions() {
        ColdStartBench.Target lacking = target(List.of("-XX:NoSuchOptionOfThisJvm=1"));

        IllegalStateException refused =
                assertThrows(
                        IllegalStateException.class,
                        () -> ColdStartBench.requireWarmJvmOptions(lacking));

        assertTrue(refused.getMessage().contains("NoSuchOptionOfThisJvm"), refused.getMessage());
        assertTrue(refused.getMessage().contains("Stats"), refused.getMessage());
        // A function without options of its own can be measured in any JVM.
        ColdStartBench.requireWarmJvmOptions(target(List.of()));
    }

    @Test
    void isolatedFunction_shouldShareOnlyTheJdkTheRuntimeInterfacesAndTheTally() {
        assertTrue(IsolatedFunction.shared("java.util.Map"));
        assertTrue(IsolatedFunction.shared("javax.net.ssl.SSLContext"));
        assertTrue(IsolatedFunction.shared("com.amazonaws.services.lambda.runtime.RequestHandler"));
        assertTrue(
                IsolatedFunction.shared(
                        "com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent"));
        assertTrue(IsolatedFunction.shared(SdkCallTally.class.getName()));
        // The function's own copies: its SDK, its code, the timer its SDK installs.
        assertFalse(
                IsolatedFunction.shared("software.amazon.awssdk.services.dynamodb.DynamoDbClient"));
        assertFalse(IsolatedFunction.shared("org.newsroom.core.aws.AwsClients"));
        assertFalse(IsolatedFunction.shared(SdkCallTimer.class.getName()));
        assertFalse(IsolatedFunction.shared(WarmPathBench.class.getName()));
    }

    private static ColdStartBench.Target target(List<String> jvmOptions) {
        return new ColdStartBench.Target(
                "MembershipStatsFunction",
                "org.newsroom.memberships.stats.MembershipStatsHandler",
                Path.of("stats.jar"),
                Path.of("events/stats.json"),
                Map.of(),
                jvmOptions,
                true);
    }
}
