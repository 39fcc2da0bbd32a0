package org.newsroom.local;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * {@code make secret NAME=<logical id> VALUE=<value>}: puts a new value in one of the template's
 * secrets in the running local stack's emulator, as {@code aws secretsmanager put-secret-value}
 * does on AWS. The functions use it once their cached value expires ({@code SecretsCacheSeconds}),
 * with no restart.
 */
public final class PutSecret {

    private PutSecret() {}

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: PutSecret <secret logical id> <value>");
            System.exit(2);
        }
        String logicalId = args[0];
        URI endpoint = Main.emulatorEndpoint();
        LocalStack.pointSdkAt(endpoint);
        Path root = Path.of(System.getProperty("newsroom.root", ".")).toAbsolutePath().normalize();
        StackModel model = StackModel.load(root, Main.localParameters());
        Map<String, Object> resource =
                model.template().resourcesOfType("AWS::SecretsManager::Secret").get(logicalId);
        if (resource == null) {
            System.err.println(
                    "No secret "
                            + logicalId
                            + " in template.yaml; secrets: "
                            + model.template()
                                    .resourcesOfType("AWS::SecretsManager::Secret")
                                    .keySet());
            System.exit(2);
        }
        Object name = Template.map(resource.get("Properties")).get("Name");
        String secretId =
                name == null
                        ? logicalId
                        : model.intrinsics(model::physicalId, (id, attribute) -> id).string(name);
        try (SecretsManagerClient client =
                SecretsManagerClient.builder()
                        .httpClient(UrlConnectionHttpClient.create())
                        .build()) {
            String version =
                    client.putSecretValue(b -> b.secretId(secretId).secretString(args[1]))
                            .versionId();
            System.out.println(
                    "put a new value in " + secretId + " (version " + version + ") at " + endpoint);
        }
    }
}
