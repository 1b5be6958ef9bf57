package org.recgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.recgate.tlib.model.Attr;

/**
 * The benchmark's T-Library clients, all real TCP connections to the gateway: the switch feed,
 * the desktops (each registered Share on DNs of its own), and a vendor registered Monitor on every
 * desktop DN (it receives the relayed user events). Call {@code n} is connection ID {@code n} in
 * hex on DN {@code n} modulo the DNs, with the trunk 9000 as its other party.
 */
final class LoadClients implements AutoCloseable {

    static final String TRUNK = "9000";
    static final Duration REPLY_TIMEOUT = Duration.ofSeconds(15);

    record Desktop(PipelinedClient client, List<String> dns) {
    }

    private final PipelinedClient feed;
    private final List<Desktop> desktops;
    private final PipelinedClient vendor;
    private final List<PipelinedClient> all = new ArrayList<>();
    private final ScheduledExecutorService sweeper;
    private final AtomicReference<Phase> current = new AtomicReference<>(new Phase("setup"));
    private final LongAdder indicationEvents = new LongAdder();
    private volatile Consumer<JsonNode> userEvents = event -> { };

    private LoadClients(int port, int desktopCount, int dnsPerDesktop) throws IOException {
        feed = connect("switch", port, BenchGateway.SWITCH);
        vendor = connect("vendor", port, BenchGateway.VENDOR);
        desktops = new ArrayList<>();
        for (int d = 0; d < desktopCount; d++) {
            PipelinedClient client = connect("desktop-" + d, port, BenchGateway.DESKTOP);
            List<String> dns = new ArrayList<>();
            for (int i = 0; i < dnsPerDesktop; i++) {
                String dn = Integer.toString(10_000 + d * dnsPerDesktop + i);
                client.register(dn, "Share");
                vendor.register(dn, "Monitor");
                dns.add(dn);
            }
            desktops.add(new Desktop(client, dns));
        }
        sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, PipelinedClient.THREAD_PREFIX + "timeouts");
            thread.setDaemon(true);
            return thread;
        });
        sweeper.scheduleWithFixedDelay(() -> all.forEach(client -> client.expire(REPLY_TIMEOUT)), 250, 250, TimeUnit.MILLISECONDS);
    }

    static LoadClients connect(int port, int desktops, int dnsPerDesktop) throws IOException {
        return new LoadClients(port, desktops, dnsPerDesktop);
    }

    private PipelinedClient connect(String name, int port, String application) throws IOException {
        PipelinedClient client = PipelinedClient.connect(name, port, this::unsolicited);
        all.add(client);
        client.registerClient(application);
        return client;
    }

    /** Events that answer no request: indications to desktops, user events to the vendor, errors. */
    private void unsolicited(JsonNode event) {
        switch (event.path(Attr.MESSAGE).asText()) {
            case "EventAttachedDataChanged" -> indicationEvents.increment();
            case "EventUserEvent" -> userEvents.accept(event);
            case "EventError" -> current.get().errors.count("unsolicited EventError " + event.path(Attr.ERROR_CODE).asText());
            default -> {
                // other unsolicited events are not the benchmark's business
            }
        }
    }

    /** The phase that unsolicited errors are counted in from now on. */
    void enter(Phase phase) {
        current.set(phase);
    }

    /** Who gets every EventUserEvent the vendor receives. */
    void onUserEvent(Consumer<JsonNode> listener) {
        this.userEvents = listener;
    }

    PipelinedClient feed() {
        return feed;
    }

    Desktop desktop(long n) {
        return desktops.get((int) (n % desktops.size()));
    }

    /** The agent DN of call {@code n}: its desktop's DNs in turn. */
    String dn(long n) {
        Desktop desktop = desktop(n);
        return desktop.dns().get((int) ((n / desktops.size()) % desktop.dns().size()));
    }

    static String connectionId(long n) {
        return String.format("%016x", n);
    }

    long indicationEvents() {
        return indicationEvents.sum();
    }

    int dnCount() {
        return desktops.stream().mapToInt(desktop -> desktop.dns().size()).sum();
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        for (PipelinedClient client : all) {
            try {
                client.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
