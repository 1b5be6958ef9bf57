package org.recgate.config;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** The DN file in force. Readers always see one whole, valid file; a reload swaps it in one step. */
public final class DnDirectory {

    private final AtomicReference<DnFile> current;

    public DnDirectory(DnFile initial) {
        this.current = new AtomicReference<>(initial);
    }

    public DnFile current() {
        return current.get();
    }

    public void replace(DnFile next) {
        current.set(next);
    }

    public Optional<ApplicationConfig> application(String name) {
        return current().application(name);
    }

    public Optional<DnConfig> dn(String dn) {
        return current().dn(dn);
    }
}
