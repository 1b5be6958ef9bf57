package org.recgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recgate.tlib.model.Attr;
import org.recgate.tlib.model.MessageName;

/**
 * The DNs this session holds, with their modes, as the gateway confirmed them (EventRegistered,
 * EventUnregistered; docs/protocol.md): what the CLI registers again on the server it reconnects to.
 */
final class HeldRegistrations {

    private final Map<String, String> modes = new LinkedHashMap<>();

    /** Called with every event the gateway sends. */
    synchronized void received(JsonNode event) {
        String dn = event.path(Attr.THIS_DN).asText(null);
        if (dn == null) {
            return;
        }
        switch (event.path(Attr.MESSAGE).asText()) {
            case MessageName.EVENT_REGISTERED -> modes.put(dn, event.path(Attr.REGISTER_MODE).asText(""));
            case MessageName.EVENT_UNREGISTERED -> modes.remove(dn);
            default -> {
                // not about registrations
            }
        }
    }

    /** {@code DN[:MODE]} for each DN held, in the order registered (the form of {@code --register}). */
    synchronized List<String> asOptions() {
        List<String> options = new ArrayList<>();
        modes.forEach((dn, mode) -> options.add(mode.isEmpty() ? dn : dn + ":" + mode));
        return options;
    }
}
