package org.recgate;

import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * The gateway: Camel main with the route files, {@link RecGateConfiguration}'s beans, and the
 * settings as Camel main resolves them (application.properties, overridden by environment
 * variables and {@code -D} system properties); {@link StartupServices} does what must happen before
 * the context is configured. {@link RecGateMain} runs it; tests start and stop it.
 */
public final class RecGate {

    private final Main main;
    private final StartupServices startup;

    private RecGate(Main main, StartupServices startup) {
        this.main = main;
        this.startup = startup;
    }

    /** A gateway whose settings are the documented ones, with {@code overrides} on top (tests). */
    public static RecGate create(Map<String, String> overrides) {
        Main main = new Main();
        main.configure().addConfiguration(new RecGateConfiguration());
        overrides.forEach(main::addOverrideProperty);
        StartupServices startup = new StartupServices();
        main.addMainListener(startup);
        return new RecGate(main, startup);
    }

    /** Runs until the JVM is asked to stop (SIGTERM, Ctrl-C), then shuts down gracefully. */
    public void run(String[] args) throws Exception {
        try {
            main.run(args);
        } finally {
            startup.release();
        }
    }

    public void start() throws Exception {
        try {
            main.start();
            startup.afterStart(main); // what main.run() tells its listeners once started
        } catch (Exception | Error e) {
            startup.release();
            throw e;
        }
    }

    public void stop() throws Exception {
        try {
            main.stop();
        } finally {
            startup.release();
        }
    }

    public CamelContext context() {
        return main.getCamelContext();
    }
}
