package org.recgate.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Reloads the DN file when it is edited (checked every {@code recgate.dn-file.check-ms}) or when
 * the process gets SIGHUP. A file that does not load is reported with its line and the previous
 * one stays in force: a typo never takes the applications or DNs away from a running gateway.
 */
public final class DnFileReloader extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(DnFileReloader.class);
    private static final Signal HANGUP = new Signal("HUP");

    private final CamelContext context;
    private final Path file;
    private final DnDirectory directory;
    private final long checkMs;
    private final Consumer<DnFile> check;
    private final Consumer<Boolean> outcomes;
    private ScheduledExecutorService checker;
    private SignalHandler previousHangupHandler;
    private SignalHandler hangupHandler;
    private volatile boolean listensForHangup;
    private FileStamp loaded;

    /**
     * {@code check} may refuse a file that loads (a {@link DnFileException}, e.g. {@link CredentialPolicy#check});
     * {@code outcomes} is told of each reload: true applied, false rejected.
     */
    public DnFileReloader(CamelContext context, Path file, DnDirectory directory, long checkMs, Consumer<DnFile> check,
                          Consumer<Boolean> outcomes) {
        this.context = context;
        this.file = file;
        this.directory = directory;
        this.checkMs = checkMs;
        this.check = check;
        this.outcomes = outcomes;
    }

    /** What tells an edit: the time stamp and the size (an editor's rename-over changes the first). */
    private record FileStamp(long modifiedMillis, long size) {
    }

    @Override
    protected void doStart() {
        loaded = stamp();
        hangupHandler = signal -> reload("SIGHUP");
        SignalHandler previous = Signal.handle(HANGUP, hangupHandler);
        // A process started with SIGHUP ignored (nohup, some service runners) keeps it ignored:
        // the JVM then installs no handler for it and reports the old disposition.
        listensForHangup = previous != SignalHandler.SIG_IGN;
        previousHangupHandler = listensForHangup ? previous : null;
        if (!listensForHangup) {
            LOG.warn("DN file {}: SIGHUP does not reload it: this process was started with SIGHUP ignored (nohup?);"
                    + " start it without nohup (docs/operations.md, \"Reloading the DN file\")", file.toAbsolutePath());
        }
        if (checkMs > 0) {
            checker = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "dn-file-check");
            checker.scheduleWithFixedDelay(this::reloadIfEdited, checkMs, checkMs, TimeUnit.MILLISECONDS);
        }
        LOG.info("DN file {}: reloaded when edited{}{}", file.toAbsolutePath(),
                checkMs > 0 ? " (checked every " + checkMs + " ms)" : " (not checked: recgate.dn-file.check-ms=0)",
                listensForHangup ? " and on SIGHUP" : "");
    }

    @Override
    protected void doStop() {
        if (checker != null) {
            context.getExecutorServiceManager().shutdown(checker);
            checker = null;
        }
        if (previousHangupHandler != null) {
            // the handler before ours comes back only if SIGHUP is still ours: a reloader started
            // after this one (another gateway in the JVM) keeps it, whatever the order of the stops
            SignalHandler current = Signal.handle(HANGUP, previousHangupHandler);
            if (current != hangupHandler) {
                Signal.handle(HANGUP, current);
            }
            previousHangupHandler = null;
        }
    }

    /** Whether SIGHUP reaches this reloader (false when the process was started with SIGHUP ignored). */
    public boolean listensForHangup() {
        return listensForHangup;
    }

    private void reloadIfEdited() {
        FileStamp now = stamp();
        if (now != null && !now.equals(loaded)) {
            reload("edited");
        }
    }

    /** Loads the file and swaps it in whole, or keeps the one in force; synchronized: SIGHUP and the checker may meet. */
    synchronized void reload(String why) {
        FileStamp stamp = stamp();
        try {
            DnFile next = DnFile.load(file);
            check.accept(next);
            directory.replace(next);
            LOG.info("DN file reloaded ({}): {} applications, {} DNs", why, next.applications().size(), next.dns().size());
            outcomes.accept(true);
        } catch (DnFileException e) {
            LOG.error("DN file not reloaded ({}): {}; the previous DN file stays in force", why, e.getMessage());
            outcomes.accept(false);
        } catch (RuntimeException e) {
            LOG.error("DN file not reloaded ({}): {}; the previous DN file stays in force", why, e.toString(), e);
            outcomes.accept(false);
        } finally {
            // a rejected edit is not tried again until the file changes once more
            loaded = Objects.requireNonNullElse(stamp, loaded);
        }
    }

    private FileStamp stamp() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new FileStamp(attributes.lastModifiedTime().toMillis(), attributes.size());
        } catch (NoSuchFileException e) {
            return null; // being replaced; the next check sees the new one
        } catch (IOException e) {
            LOG.warn("DN file {}: cannot read its attributes ({})", file, e.getMessage());
            return null;
        }
    }
}
