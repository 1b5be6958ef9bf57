package org.recgate.kafka;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/** The project's JSON Schemas of the Kafka records (src/main/resources/schemas), for tests. */
public final class RecordSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordSchemas() {
    }

    /** Parses the record and fails unless it validates against {@code schemas/<name>.schema.json}. */
    public static JsonNode assertValid(String name, String record) throws IOException {
        JsonNode node = JSON.readTree(record);
        Set<ValidationMessage> errors = schema(name).validate(node);
        assertTrue(errors.isEmpty(), () -> name + ": " + errors + " in " + record);
        return node;
    }

    private static JsonSchema schema(String name) throws IOException {
        try (InputStream in = RecordSchemas.class.getClassLoader().getResourceAsStream("schemas/" + name + ".schema.json")) {
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        }
    }
}
