package org.recgate.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.recgate.tlib.model.Attr;

/**
 * The two baselines measured on the same machine in the same run: what sipp does with no gateway
 * in between (its built-in {@code uac} calling its built-in {@code uas}: INVITE, 180, 200, ACK,
 * BYE, 200 per dialog), and a T-Library round trip that touches no recorder
 * ({@code RequestQueryCall} → {@code EventPartyInfo}).
 */
final class Baselines {

    /** sipp's rate and open-call limit for the baseline: beyond ~50 calls open UDP loss makes sipp retransmit and crawl. */
    private static final List<String> UAC_PACE = List.of("-r", "30000", "-l", "50");
    private static final Pattern SUCCESSFUL = Pattern.compile("Successful call\\s*\\|\\s*\\d+\\s*\\|\\s*(\\d+)");
    private static final Pattern FAILED = Pattern.compile("Failed call\\s*\\|\\s*\\d+\\s*\\|\\s*(\\d+)");

    private Baselines() {
    }

    /** {@code dialogs} dialogs from sipp uac to sipp uas; dialogs/s over the uac's whole run. */
    static ObjectNode sipp(Path workDir, int dialogs) throws IOException, InterruptedException {
        try (SippProcess uas = SippProcess.builtInUas(workDir)) {
            List<String> arguments = new ArrayList<>(List.of("-sn", "uac", "127.0.0.1:" + uas.port(), "-m", Integer.toString(dialogs)));
            arguments.addAll(UAC_PACE);
            SippProcess.Run run = SippProcess.runToEnd("baseline-uac", workDir, arguments, Duration.ofSeconds(60 + dialogs / 500));
            long successful = lastCount(SUCCESSFUL, run.screen());
            long failed = lastCount(FAILED, run.screen()) + (run.exitCode() == -1 ? 1 : 0);
            ObjectNode section = Report.object();
            section.put("dialogs", successful);
            section.put("failed", failed);
            section.put("exitCode", run.exitCode());
            section.put("seconds", Report.round(run.seconds()));
            section.put("dialogsPerSecond", Report.round(successful / run.seconds()));
            section.put("command", "sipp -sn uac 127.0.0.1:PORT -m " + dialogs + " " + String.join(" ", UAC_PACE)
                    + " -t u1 -buff_size 4194304 (against sipp -sn uas)");
            return section;
        }
    }

    private static long lastCount(Pattern pattern, String screen) {
        long count = 0;
        for (Matcher matcher = pattern.matcher(screen); matcher.find(); ) {
            count = Long.parseLong(matcher.group(1));
        }
        return count;
    }

    /** RequestQueryCall on one established call, as fast as possible with {@code inFlight} at once, for {@code duration}. */
    static ObjectNode queryCall(BenchContext context, Duration duration) throws Exception {
        Phase phase = new Phase("query-call baseline");
        context.clients().enter(phase);
        long call = context.calls().incrementAndGet();
        boolean established = context.cycles().establishAndStart(call, new Phase("query-call setup"), false)
                .get(LoadClients.REPLY_TIMEOUT.toSeconds() * 3, TimeUnit.SECONDS);
        if (!established) {
            phase.errors.count("query-call setup failed");
        }
        PipelinedClient client = context.clients().desktop(call).client();
        LoadLoop.Outcome outcome = LoadLoop.closed(context.options().concurrency(), duration, new AtomicLong(), n -> {
            phase.requests.increment();
            return client.request(PipelinedClient.message("RequestQueryCall").put(Attr.CONNECTION_ID, LoadClients.connectionId(call)))
                    .handle((reply, failure) -> {
                        if (failure == null && "EventPartyInfo".equals(reply.message())) {
                            phase.latencies.record("RequestQueryCall", reply.nanos());
                            return true;
                        }
                        phase.errors.count(failure != null ? RecordingCycles.describe(failure) : RecordingCycles.unexpected(reply));
                        return false;
                    });
        });
        context.cycles().stopAndRelease(call, new Phase("query-call teardown"), false, true)
                .get(LoadClients.REPLY_TIMEOUT.toSeconds() * 3, TimeUnit.SECONDS);
        ObjectNode section = Report.object();
        section.put("seconds", Report.round(outcome.seconds()));
        section.put("requests", outcome.succeeded());
        section.put("requestsPerSecond", Report.round(outcome.perSecond()));
        section.put("inFlight", context.options().concurrency());
        section.set("latencyMs", Report.latency(phase.latencies.summary("RequestQueryCall")));
        section.set("errors", Report.errors(phase.errors));
        return section;
    }
}
