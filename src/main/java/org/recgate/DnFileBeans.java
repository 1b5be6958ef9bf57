package org.recgate;

import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.function.Consumer;
import org.apache.camel.CamelContext;
import org.recgate.config.CredentialPolicy;
import org.recgate.config.DnDirectory;
import org.recgate.config.DnFile;
import org.recgate.config.DnFileException;
import org.recgate.config.DnFileReloader;
import org.recgate.recording.RecorderPolicy;
import org.recgate.support.Meters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The DN file: loaded, checked against the listener's security and the SIP side, reloaded when edited. */
final class DnFileBeans {

    private static final Logger LOG = LoggerFactory.getLogger(DnFileBeans.class);
    private static final String BUNDLED_DN_FILE = "dns.yaml";

    private DnFileBeans() {
    }

    /** Binds {@code dnDirectory}; a file that fails its checks stops the start. */
    static DnDirectory bind(CamelContext context, GatewaySettings settings, SecuritySettings security, Meters meters) {
        // secrets the listener's address does not allow stop the start (docs/security.md, "Credentials")
        CredentialPolicy credentials = security.credentialPolicy();
        String sipTransport = RecordingBeans.sipTransport(context, settings);
        // and so do DN recorders the SIP stack would not send to as written (docs/security.md, "Destinations")
        Consumer<DnFile> checks = file -> {
            credentials.check(file);
            RecorderPolicy.checkDnFile(file, sipTransport);
        };
        DnFile dnFile = load(settings);
        checks.accept(dnFile);
        DnDirectory directory = new DnDirectory(dnFile);
        reloadWhenEdited(context, settings, directory, checks, meters);
        context.getRegistry().bind("dnDirectory", directory);
        return directory;
    }

    /** The DN file in use (not the bundled one) is reloaded on edit and on SIGHUP (docs/operations.md). */
    private static void reloadWhenEdited(CamelContext context, GatewaySettings settings, DnDirectory directory,
                                         Consumer<DnFile> checks, Meters meters) {
        if (!Files.exists(settings.dnFilePath())) {
            return; // the bundled demo file: nothing to watch
        }
        String help = "DN file reloads, by outcome (rejected: the previous file stays in force)";
        Counter applied = meters.counter("recgate.dn.file.reloads", help, "outcome", "applied");
        Counter rejected = meters.counter("recgate.dn.file.reloads", help, "outcome", "rejected");
        try {
            context.addService(new DnFileReloader(context, settings.dnFilePath(), directory, settings.dnFileCheckMs(),
                    checks, ok -> (ok ? applied : rejected).increment()), true, true);
        } catch (Exception e) {
            throw new IllegalStateException("cannot watch the DN file", e);
        }
    }

    private static DnFile load(GatewaySettings settings) {
        if (Files.exists(settings.dnFilePath())) {
            LOG.info("DN file: {}", settings.dnFilePath().toAbsolutePath());
            return DnFile.load(settings.dnFilePath());
        }
        if (!GatewaySettings.DEFAULT_DN_FILE.equals(settings.dnFile())) {
            throw new DnFileException(settings.dnFile() + ": the DN file set in recgate.dn-file does not exist", null);
        }
        LOG.info("No DN file at {}: using the bundled demo DN file (set recgate.dn-file for your own)", settings.dnFile());
        try (InputStream in = DnFileBeans.class.getClassLoader().getResourceAsStream(BUNDLED_DN_FILE)) {
            return DnFile.parse(in, "classpath:" + BUNDLED_DN_FILE);
        } catch (IOException e) {
            throw new DnFileException("cannot read the bundled " + BUNDLED_DN_FILE, e);
        }
    }
}
