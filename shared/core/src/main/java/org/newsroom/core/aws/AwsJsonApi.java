package org.newsroom.core.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.newsroom.core.json.JsonFieldReader;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.endpoint.AwsClientEndpointProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * One AWS JSON API (Secrets Manager, SES v2) called without its SDK service client: the request
 * signed with the SDK's own SigV4 signer and credentials chain, sent through the shared
 * URL-connection client, to the endpoint the SDK's own rules give ({@code
 * AWS_ENDPOINT_URL_<SERVICE>}, {@code AWS_ENDPOINT_URL}, the profile's endpoint settings, else the
 * region's public endpoint).
 *
 * <p>Why not the service clients: loading {@code DefaultSesV2Client} verifies every one of its
 * operations and so loads every SES model class (277 classes, about 110 ms of a cold start here),
 * and the Secrets Manager client 122 classes, for one operation each. The DynamoDB client every
 * function builds already loads the signer, the credentials chain, the region and endpoint
 * providers and the HTTP client, so these calls cost only this class and a JSON body. What the
 * service clients did besides is done by the callers: retries ({@code SecretsManagerSource}, and
 * {@code SesMailSender} for throttling only) and mapping error codes to outcomes. Without an
 * endpoint setting the public endpoint comes from the SDK's partition metadata (FIPS and dual-stack
 * settings included), not from the services' endpoint rules.
 *
 * <p>Thread-safe; one per service per container.
 */
public final class AwsJsonApi {

    /** How the SDK names a service for signing, for its public endpoint and for its settings. */
    public record Service(
            String signingName,
            String endpointPrefix,
            String environmentSuffix,
            String systemPropertySuffix,
            String profileProperty) {}

    /** Secrets Manager: JSON 1.1, one path, the operation in {@code X-Amz-Target}. */
    public static final Service SECRETS_MANAGER =
            new Service(
                    "secretsmanager",
                    "secretsmanager",
                    "SECRETS_MANAGER",
                    "SecretsManager",
                    "secrets_manager");

    /** SES v2: REST with JSON bodies, signed as {@code ses}, served from {@code email.<region>}. */
    public static final Service SES_V2 = new Service("ses", "email", "SESV2", "SesV2", "sesv2");

    /**
     * What the service answered: its HTTP status, the error's code for a non-2xx answer ({@code
     * ThrottlingException}; an empty string when the answer names none) and the body.
     */
    public record Reply(int status, String errorCode, byte[] body) {
        public boolean ok() {
            return successful(status);
        }

        /**
         * An error answer as the SDK's service exception, which the logs read the code from: its
         * message is the code alone (a service's message can quote request data, an address).
         */
        public AwsServiceException exception() {
            String code = errorCode.isEmpty() ? "HTTP " + status : errorCode;
            return AwsServiceException.builder()
                    .statusCode(status)
                    .message(code)
                    .awsErrorDetails(
                            AwsErrorDetails.builder()
                                    .errorCode(errorCode.isEmpty() ? null : errorCode)
                                    .errorMessage(code)
                                    .build())
                    .build();
        }
    }

    private record Target(Region region, URI endpoint) {}

    private final Service service;
    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final Supplier<Target> target;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    /**
     * A service reached where the SDK's settings say, its region and endpoint resolved on the first
     * call (as a client's build would), signed with {@code credentials}.
     */
    public AwsJsonApi(Service service, SdkHttpClient http, AwsCredentialsProvider credentials) {
        this(service, http, credentials, Lazy.of(() -> resolve(service)));
    }

    /** A service at a given endpoint and region (tests). */
    public AwsJsonApi(
            Service service,
            SdkHttpClient http,
            AwsCredentialsProvider credentials,
            Region region,
            URI endpoint) {
        this(service, http, credentials, fixed(new Target(region, endpoint)));
    }

    private AwsJsonApi(
            Service service,
            SdkHttpClient http,
            AwsCredentialsProvider credentials,
            Supplier<Target> target) {
        this.service = Objects.requireNonNull(service, "service");
        this.http = Objects.requireNonNull(http, "http");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.target = target;
    }

    private static Supplier<Target> fixed(Target target) {
        return () -> target;
    }

    /** The endpoint a call goes to. */
    public URI endpoint() {
        return target.get().endpoint();
    }

    /**
     * POSTs {@code body} to {@code path} under the endpoint, signed, and returns what came back, or
     * gives up once {@code timeout} has passed: the connection is closed then, wherever the call
     * was (connecting, sending, waiting, reading).
     *
     * @throws IOException when no whole answer came: the connection failed, or a read or the whole
     *     call timed out ({@link CallTimeoutException}). The request may or may not have reached
     *     the service; a {@link java.net.ConnectException} or {@link java.net.UnknownHostException}
     *     in the causes means it never left.
     */
    public Reply post(String path, Map<String, String> headers, byte[] body, Duration timeout)
            throws IOException {
        SignedRequest signed = sign(path, headers, body);
        ExecutableHttpRequest call =
                http.prepareRequest(
                        HttpExecuteRequest.builder()
                                .request(signed.request())
                                .contentStreamProvider(signed.payload().orElse(null))
                                .build());
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> deadline =
                Deadlines.TIMER.schedule(
                        () -> {
                            expired.set(true);
                            call.abort();
                        },
                        timeout.toNanos(),
                        TimeUnit.NANOSECONDS);
        try {
            return reply(call.call());
        } catch (IOException | RuntimeException e) {
            if (expired.get()) {
                throw new CallTimeoutException(timeout, e);
            }
            throw e;
        } finally {
            deadline.cancel(false);
        }
    }

    private static Reply reply(HttpExecuteResponse response) throws IOException {
        int status = response.httpResponse().statusCode();
        byte[] answer;
        if (response.responseBody().isPresent()) {
            try (InputStream in = response.responseBody().get()) {
                answer = in.readAllBytes();
            }
        } else {
            answer = new byte[0];
        }
        if (successful(status)) {
            return new Reply(status, "", answer);
        }
        return new Reply(status, errorCode(response.httpResponse().headers(), answer), answer);
    }

    private static boolean successful(int status) {
        return status >= 200 && status < 300;
    }

    /** A call given up after its whole time ran out; the request may have reached the service. */
    public static final class CallTimeoutException extends InterruptedIOException {
        private static final long serialVersionUID = 1L;

        CallTimeoutException(Duration timeout, Exception cause) {
            super("No whole answer within " + timeout.toMillis() + " ms");
            initCause(cause);
        }
    }

    /** One daemon thread that closes calls whose time ran out, started on the first call. */
    private static final class Deadlines {
        static final ScheduledThreadPoolExecutor TIMER = timer();

        private static ScheduledThreadPoolExecutor timer() {
            ScheduledThreadPoolExecutor timer =
                    new ScheduledThreadPoolExecutor(
                            1,
                            task -> {
                                Thread thread = new Thread(task, "aws-call-deadline");
                                thread.setDaemon(true);
                                return thread;
                            });
            timer.setRemoveOnCancelPolicy(true);
            return timer;
        }
    }

    /**
     * Signs a request without sending it: SnapStart priming calls this so the snapshot holds what a
     * call loads before the network (credentials are resolved, nothing is sent or kept).
     */
    public void prime() {
        sign("/", Map.of("Content-Type", "application/json"), new byte[] {'{', '}'});
    }

    private SignedRequest sign(String path, Map<String, String> headers, byte[] body) {
        Target to = target.get();
        URI endpoint = to.endpoint();
        String base = endpoint.getRawPath() == null ? "" : endpoint.getRawPath();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        SdkHttpRequest.Builder request =
                SdkHttpRequest.builder()
                        .method(SdkHttpMethod.POST)
                        .protocol(endpoint.getScheme())
                        .host(endpoint.getHost())
                        .port(endpoint.getPort())
                        .encodedPath(base + path)
                        .putHeader("Content-Length", Integer.toString(body.length));
        headers.forEach(request::putHeader);
        return signer.sign(
                r ->
                        r.identity(credentials.resolveCredentials())
                                .request(request.build())
                                .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                                .putProperty(
                                        AwsV4HttpSigner.SERVICE_SIGNING_NAME, service.signingName())
                                .putProperty(AwsV4HttpSigner.REGION_NAME, to.region().id()));
    }

    /**
     * The error's code: from the {@code x-amzn-ErrorType} header ("Code:http://..."), else the
     * body's {@code __type} or {@code code} ("namespace#Code"); empty when neither names one.
     */
    static String errorCode(Map<String, List<String>> headers, byte[] body) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase("x-amzn-ErrorType")
                    && !header.getValue().isEmpty()) {
                return bare(header.getValue().get(0));
            }
        }
        if (body.length == 0 || body[0] != '{') {
            return "";
        }
        try (JsonFieldReader reader = JsonFieldReader.of(body)) {
            if (!reader.startObject()) {
                return "";
            }
            for (String field = reader.nextField(); field != null; field = reader.nextField()) {
                if (field.equals("__type") || field.equalsIgnoreCase("code")) {
                    String code = reader.text();
                    return code == null ? "" : bare(code);
                }
                reader.skip();
            }
        } catch (RuntimeException notJson) {
            return "";
        }
        return "";
    }

    /** "ns#Code:uri" as "Code". */
    private static String bare(String code) {
        String name = code;
        int colon = name.indexOf(':');
        if (colon >= 0) {
            name = name.substring(0, colon);
        }
        int hash = name.lastIndexOf('#');
        if (hash >= 0) {
            name = name.substring(hash + 1);
        }
        return name.trim();
    }

    private static Target resolve(Service service) {
        Region region = DefaultAwsRegionProviderChain.builder().build().getRegion();
        URI endpoint =
                AwsClientEndpointProvider.builder()
                        .serviceEndpointOverrideEnvironmentVariable(
                                "AWS_ENDPOINT_URL_" + service.environmentSuffix())
                        .serviceEndpointOverrideSystemProperty(
                                "aws.endpointUrl" + service.systemPropertySuffix())
                        .serviceProfileProperty(service.profileProperty())
                        .serviceEndpointPrefix(service.endpointPrefix())
                        .defaultProtocol("https")
                        .region(region)
                        .build()
                        .clientEndpoint();
        return new Target(region, endpoint);
    }
}
