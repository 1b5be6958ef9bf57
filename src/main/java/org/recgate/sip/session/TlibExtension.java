package org.recgate.sip.session;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamException;
import org.recgate.sip.RecordingSessionSpec;

/**
 * What only the gateway knows about a recording, as a foreign-namespace element of our own:
 * {@code <rg:tlib xmlns:rg="urn:recgate:tlib:1">} with the recording id, connection id, call
 * UUID, recorded DN, side, file name and params ({@code <rg:param name="...">}, sorted by name;
 * a nested KV list nests). SIPREC puts it in the metadata's {@code <session>}, MSML in the
 * {@code <dialogstart>}.
 */
public final class TlibExtension {

    public static final String PREFIX = "rg";

    private TlibExtension() {
    }

    public static void write(IndentedXml xml, RecordingSessionSpec spec, String namespace) throws XMLStreamException {
        xml.openForeign(PREFIX, "tlib", namespace);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("recordingId", spec.recordingId());
        values.put("connectionId", spec.connectionId());
        values.put("callUuid", spec.callUuid());
        values.put("recordedDn", spec.recordedDn());
        values.put("side", spec.side());
        values.put("fileName", spec.fileName());
        for (Map.Entry<String, Object> value : values.entrySet()) {
            if (value.getValue() != null) {
                xml.foreignLeaf(PREFIX, value.getKey(), namespace, value.getValue().toString());
            }
        }
        if (!spec.params().isEmpty()) {
            xml.openForeign(PREFIX, "params", namespace);
            params(xml, spec.params(), namespace);
            xml.close();
        }
        xml.close();
    }

    /** {@code <rg:param name="k">v</rg:param>} in name order; a nested KV list nests its params. */
    private static void params(IndentedXml xml, Map<?, ?> params, String namespace) throws XMLStreamException {
        List<Map.Entry<?, ?>> sorted = new ArrayList<>(params.entrySet());
        sorted.sort(Comparator.comparing(param -> param.getKey().toString()));
        for (Map.Entry<?, ?> param : sorted) {
            xml.openForeign(PREFIX, "param", namespace).attribute("name", param.getKey().toString());
            if (param.getValue() instanceof Map<?, ?> nested) {
                params(xml, nested, namespace);
                xml.close();
            } else {
                xml.text(String.valueOf(param.getValue()));
                xml.closeInline();
            }
        }
    }
}
