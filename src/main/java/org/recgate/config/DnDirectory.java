package org.recgate.config;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

/**
 * The DN file in force. Readers always see one whole, valid file; a reload swaps it in one step and
 * then tells those who apply it to what is running (the sessions a reload revokes, docs/security.md).
 */
public final class DnDirectory {

    private final AtomicReference<DnFile> current;
    private final List<BiConsumer<DnFile, DnFile>> replaced = new CopyOnWriteArrayList<>();

    public DnDirectory(DnFile initial) {
        this.current = new AtomicReference<>(initial);
    }

    public DnFile current() {
        return current.get();
    }

    /** Swaps the file in, then calls each {@link #onReplace} listener with the previous and the new file. */
    public void replace(DnFile next) {
        DnFile previous = current.getAndSet(next);
        replaced.forEach(listener -> listener.accept(previous, next));
    }

    /** {@code listener} is called after each {@link #replace}, on the reloading thread. */
    public void onReplace(BiConsumer<DnFile, DnFile> listener) {
        replaced.add(listener);
    }

    public Optional<ApplicationConfig> application(String name) {
        return current().application(name);
    }

    public Optional<DnConfig> dn(String dn) {
        return current().dn(dn);
    }
}
