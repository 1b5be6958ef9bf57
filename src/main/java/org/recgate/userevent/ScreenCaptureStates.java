package org.recgate.userevent;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The last screen-capture state each DN's vendor indicated (enabled, disabled, paused). */
public final class ScreenCaptureStates {

    private final ConcurrentMap<String, ScreenCapture> states = new ConcurrentHashMap<>();

    public void indicated(String dn, ScreenCapture state) {
        if (state.kind() != ScreenCapture.Kind.INDICATION) {
            throw new IllegalArgumentException(state + " is a request, not a state");
        }
        states.put(dn, state);
    }

    public Optional<ScreenCapture> stateOf(String dn) {
        return Optional.ofNullable(states.get(dn));
    }
}
