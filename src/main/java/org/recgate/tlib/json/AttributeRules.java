package org.recgate.tlib.json;

import static org.recgate.tlib.model.Attr.*;

import java.util.Map;

/** Which known attribute has which wire type. Attributes not listed are ignored (docs/protocol.md). */
final class AttributeRules {

    private static final Map<String, AttributeType> TYPES = Map.ofEntries(
            Map.entry(REFERENCE_ID, AttributeType.REFERENCE_ID),
            Map.entry(EVENT_SEQUENCE_NUMBER, AttributeType.INTEGER),
            Map.entry(TIME_IN_SECS, AttributeType.INTEGER),
            Map.entry(TIME_IN_USECS, AttributeType.INTEGER),
            Map.entry(APPLICATION_NAME, AttributeType.STRING),
            Map.entry(APPLICATION_PASSWORD, AttributeType.STRING),
            Map.entry(PROTOCOL_VERSION, AttributeType.INTEGER),
            Map.entry(SERVER_NAME, AttributeType.STRING),
            Map.entry(SERVER_VERSION, AttributeType.STRING),
            Map.entry(CLIENT_ID, AttributeType.INTEGER),
            Map.entry(THIS_DN, AttributeType.DN),
            Map.entry(OTHER_DN, AttributeType.DN),
            Map.entry(THIRD_PARTY_DN, AttributeType.DN),
            Map.entry(REGISTER_MODE, AttributeType.STRING),
            Map.entry(CONNECTION_ID, AttributeType.CONNECTION_ID),
            Map.entry(PREVIOUS_CONN_ID, AttributeType.CONNECTION_ID),
            Map.entry(CALL_UUID, AttributeType.STRING),
            Map.entry(CALL_TYPE, AttributeType.STRING),
            Map.entry(ANI, AttributeType.STRING),
            Map.entry(DNIS, AttributeType.STRING),
            Map.entry(PRIVATE_MSG_ID, AttributeType.STRING_OR_INTEGER),
            Map.entry(USER_DATA, AttributeType.KV_LIST),
            Map.entry(EXTENSIONS, AttributeType.KV_LIST),
            Map.entry(REASONS, AttributeType.KV_LIST),
            Map.entry(EVENT, AttributeType.EVENT),
            Map.entry(ERROR_CODE, AttributeType.INTEGER),
            Map.entry(ERROR_MESSAGE, AttributeType.STRING));

    private AttributeRules() {
    }

    static AttributeType typeOf(String attribute) {
        return TYPES.get(attribute);
    }
}
