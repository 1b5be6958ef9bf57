package org.recgate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.recgate.gateway.api.ApiHttpHandlers;

/**
 * api/openapi.json is the contract of rest-api.camel.yaml: the same paths and methods as the REST DSL
 * declares (and the event stream, which ApiHttpHandlers serves beside it), valid against the OpenAPI
 * Initiative's schema of OpenAPI 3.0 (src/test/resources/openapi), and with what that schema cannot
 * check: unique operation ids, every path template a path parameter, references and security schemes that resolve.
 */
class OpenApiDocumentTest {

    private static final Path DOCUMENT = Path.of("src/main/resources/api/openapi.json");
    private static final Path ROUTES = Path.of("src/main/resources/routes/rest-api.camel.yaml");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final Pattern TEMPLATE = Pattern.compile("\\{(\\w+)}");

    private final JsonNode document = read(new ObjectMapper(), DOCUMENT);

    @Test
    void thePathsAndMethodsAreThoseOfTheRestDsl() {
        Set<String> declared = new TreeSet<>();
        for (JsonNode element : read(new ObjectMapper(new YAMLFactory()), ROUTES)) {
            JsonNode rest = element.path("rest");
            if (rest.isMissingNode()) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> verbs = rest.fields(); verbs.hasNext(); ) {
                Map.Entry<String, JsonNode> verb = verbs.next();
                if (METHODS.contains(verb.getKey())) {
                    verb.getValue().forEach(route -> declared.add(verb.getKey() + " " + rest.path("path").asText()
                            + route.path("path").asText()));
                }
            }
        }
        Set<String> documented = new TreeSet<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (METHODS.contains(method)) {
                documented.add(method + " " + path.getKey());
            }
        }));
        assertFalse(declared.isEmpty(), "rest-api.camel.yaml declares no REST paths");
        // the one path the REST DSL cannot serve: the event stream, on the same server (ApiHttpHandlers)
        assertFalse(declared.contains("get " + ApiHttpHandlers.EVENTS_PATH), "the event stream is not a REST DSL route");
        declared.add("get " + ApiHttpHandlers.EVENTS_PATH);
        assertEquals(declared, documented);
    }

    @Test
    void itIsValidAgainstTheOpenApi30Schema() throws java.io.IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("openapi/oas-3.0-schema.json")) {
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
            Set<ValidationMessage> errors = schema.validate(document);
            assertTrue(errors.isEmpty(), () -> "api/openapi.json is not valid OpenAPI 3.0: " + errors);
            // the schema must be able to fail: a document without its required info is refused
            assertFalse(schema.validate(((ObjectNode) document.deepCopy()).without("info")).isEmpty());
        }
    }

    @Test
    void itIsAStructurallyValidOpenApi30Document() {
        assertTrue(document.path("openapi").asText().matches("3\\.0\\.\\d+"), "openapi must be 3.0.x");
        assertFalse(document.path("info").path("title").asText().isEmpty(), "info.title is required");
        assertFalse(document.path("info").path("version").asText().isEmpty(), "info.version is required");
        Set<String> operationIds = new HashSet<>();
        document.path("paths").fields().forEachRemaining(path -> {
            assertTrue(path.getKey().startsWith("/"), path.getKey() + " must start with /");
            path.getValue().fields().forEachRemaining(entry -> {
                String where = entry.getKey() + " " + path.getKey();
                assertTrue(METHODS.contains(entry.getKey()), where + ": not an HTTP method");
                JsonNode operation = entry.getValue();
                assertTrue(operationIds.add(operation.path("operationId").asText()), where + ": operationId missing or not unique");
                assertTrue(operation.path("responses").size() > 0, where + ": responses are required");
                operation.path("responses").fields().forEachRemaining(response -> {
                    assertTrue(response.getKey().matches("[1-5]\\d\\d|default"), where + ": response " + response.getKey());
                    assertTrue(response.getValue().hasNonNull("description"), where + " " + response.getKey() + ": description is required");
                });
                Set<String> pathParameters = new HashSet<>();
                operation.path("parameters").forEach(parameter -> {
                    assertTrue(Set.of("path", "query", "header", "cookie").contains(parameter.path("in").asText()), where + ": parameter in");
                    assertTrue(parameter.hasNonNull("name") && parameter.has("schema"), where + ": parameter name and schema");
                    if ("path".equals(parameter.path("in").asText())) {
                        assertTrue(parameter.path("required").asBoolean(), where + ": path parameters are required: true");
                        pathParameters.add(parameter.path("name").asText());
                    }
                });
                Set<String> templated = new HashSet<>();
                Matcher template = TEMPLATE.matcher(path.getKey());
                while (template.find()) {
                    templated.add(template.group(1));
                }
                assertEquals(templated, pathParameters, where + ": every {name} of the path is a path parameter");
                operation.path("security").forEach(requirement -> requirement.fieldNames().forEachRemaining(scheme ->
                        assertTrue(document.path("components").path("securitySchemes").has(scheme), where + ": unknown scheme " + scheme)));
            });
        });
        assertReferencesResolve(document);
    }

    private void assertReferencesResolve(JsonNode node) {
        if (node.has("$ref")) {
            String ref = node.path("$ref").asText();
            assertTrue(ref.startsWith("#/"), ref + ": only local references");
            assertFalse(document.at(ref.substring(1)).isMissingNode(), ref + " does not resolve");
        }
        node.forEach(this::assertReferencesResolve);
    }

    private static JsonNode read(ObjectMapper mapper, Path file) {
        try {
            return mapper.readTree(file.toFile());
        } catch (java.io.IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }
}
