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
    void runRatios_shouldDivideEachRunByTheBareRowOfTheSameRun_notTheSortedMedians() {
        // A slow second run slows both rows: run by run the ratio stays 1.5.
        List<ColdStartBench.Sample> function =
                List.of(sample(900), sample(1500), sample(750), sample(1200));
        List<ColdStartBench.Sample> bare =
                List.of(sample(600), sample(1000), sample(500), sample(800));

        double[] ratios = ColdStartBench.runRatios(function, bare);

        assertEquals(4, ratios.length);
        for (double ratio : ratios) {
            assertEquals(1.5, ratio, 1e-9);
        }
        // Divided in the wrong order (fastest function run by slowest bare run) they would spread.
        double[] mixed =
                ColdStartBench.runRatios(
                        function, List.of(sample(1000), sample(500), sample(800), sample(600)));
        assertEquals(0.9, mixed[0], 1e-9);
        assertEquals(3.0, mixed[3], 1e-9);
        assertTrue(mixed[1] <= mixed[2], "sorted");
    }

    @Test
    void runRatios_shouldRefuseRowsWithDifferentNumbersOfRuns() {
        assertThrows(
                IllegalArgumentException.class,
                () -> ColdStartBench.runRatios(List.of(sample(900)), List.of()));
    }

    @Test
    void quantile_shouldInterpolateBetweenRanks_withTheMedianOfAnEvenCountTheMiddleTwosMean() {
        double[] ten = {1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9};

        assertEquals(1.45, ColdStartBench.quantile(ten, 0.5), 1e-9);
        assertEquals(1.225, ColdStartBench.quantile(ten, 0.25), 1e-9);
        assertEquals(1.675, ColdStartBench.quantile(ten, 0.75), 1e-9);
        assertEquals(1.0, ColdStartBench.quantile(ten, 0), 1e-9);
        assertEquals(1.9, ColdStartBench.quantile(ten, 1), 1e-9);
        assertEquals(2.0, ColdStartBench.quantile(new double[] {1.0, 2.0, 3.0}, 0.5), 1e-9);
        assertEquals(7.0, ColdStartBench.quantile(new double[] {7.0}, 0.25), 1e-9);
        assertThrows(
                IllegalArgumentException.class, () -> ColdStartBench.quantile(new double[0], 0.5));
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

    private static ColdStartBench.Sample sample(long wallMs) {
        return new ColdStartBench.Sample(wallMs, 0, 1, 0, 0);
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
