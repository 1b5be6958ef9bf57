package org.recgate.config;

import java.nio.file.Path;
import java.util.TreeSet;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * A process of its own for {@link DnFileReloaderTest}: watches the DN file given as its argument with
 * file checks off, says on stdout whether SIGHUP reaches it, then one line per reload with the DNs in force.
 * Signal dispositions are per process and inherited, so only a process started for the test has a known one.
 */
public final class HangupProbe {

    /** What starts each of the probe's own lines (its log shares stdout). */
    static final String PREFIX = "probe: ";

    private HangupProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        DnDirectory directory = new DnDirectory(DnFile.load(file));
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.start();
        DnFileReloader reloader = new DnFileReloader(camel, file, directory, 0, next -> { },
                applied -> System.out.println(PREFIX + "reloaded " + applied + " " + new TreeSet<>(directory.current().dns().keySet())));
        reloader.start();
        System.out.println(PREFIX + "listening " + reloader.listensForHangup());
        System.in.read(); // until the test closes our stdin
        reloader.stop();
        camel.stop();
    }
}
