package org.recgate.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One sipp process (Debian package sip-tester) on 127.0.0.1 over UDP: the recorder (a UAS
 * scenario, no call limit), or one side of the baseline. Its statistics go to a CSV file every
 * second ({@code -trace_stat}); {@link #close()} ends it for sure (SIGTERM, then SIGKILL).
 *
 * @param name   what the process is for (recorder, baseline-uas, ...): its folder is {@code sipp-<name>}
 * @param port   the UDP port it listens on, on 127.0.0.1
 * @param folder where its screen, statistics and errors go
 */
record SippProcess(String name, int port, Process process, Path folder) implements AutoCloseable {

    /** The recorder's scenario, in the jar; extracted to the work folder for sipp. */
    static final String RECORDER_SCENARIO = "bench/srs-bench.xml";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final String SCREEN = "screen.log";

    /**
     * The recorder: answers INVITE, re-INVITE, UPDATE and BYE of any number of concurrent
     * dialogs. {@code -l} lifts sipp's limit of open calls (held recordings).
     */
    static SippProcess recorder(Path workDir, int maxOpenDialogs) throws IOException {
        Path scenario = workDir.resolve("srs-bench.xml");
        try (InputStream in = SippProcess.class.getClassLoader().getResourceAsStream(RECORDER_SCENARIO)) {
            if (in == null) {
                throw new IOException(RECORDER_SCENARIO + " is not on the class path");
            }
            Files.copy(in, scenario, StandardCopyOption.REPLACE_EXISTING);
        }
        return start("recorder", workDir, List.of("-sf", scenario.toString(), "-l", Integer.toString(maxOpenDialogs)));
    }

    /** sipp's built-in UAS ({@code -sn uas}): the far end of the baseline. */
    static SippProcess builtInUas(Path workDir) throws IOException {
        return start("baseline-uas", workDir, List.of("-sn", "uas"));
    }

    /**
     * Starts a sipp process on a free UDP port and returns once it listens there. {@code arguments}:
     * the scenario and its options.
     */
    static SippProcess start(String name, Path workDir, List<String> arguments) throws IOException {
        Path folder = folderFor(workDir, name);
        List<String> traces = List.of("-trace_stat", "-stf", folder.resolve("stats.csv").toString(), "-fd", "1",
                "-trace_err", "-error_file", folder.resolve("errors.log").toString());
        SippProcess sipp = launch(name, folder, traces, arguments);
        Process process = sipp.process();
        int port = sipp.port();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (process.isAlive() && isFree(port)) {
            if (System.nanoTime() > deadline) {
                sipp.close();
                throw new IOException("sipp " + name + " did not listen on " + port + " within " + START_TIMEOUT);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        if (!process.isAlive()) {
            throw new IOException("sipp " + name + " exited at once (" + process.exitValue() + "): " + sipp.screen());
        }
        return sipp;
    }

    /** What a sipp run to its end did: exit code, wall seconds, and its final screen. */
    record Run(int exitCode, double seconds, String screen) {
    }

    /**
     * Runs sipp until it ends by itself ({@code -m} calls), at most {@code timeout}; then it is
     * killed and the run counts as failed (exit code -1).
     */
    static Run runToEnd(String name, Path workDir, List<String> arguments, Duration timeout) throws IOException, InterruptedException {
        Path folder = folderFor(workDir, name);
        long start = System.nanoTime();
        SippProcess sipp = launch(name, folder, List.of(), arguments);
        boolean ended = sipp.process().waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        sipp.close();
        return new Run(ended ? sipp.process().exitValue() : -1, seconds, Files.readString(folder.resolve(SCREEN)));
    }

    private static Path folderFor(Path workDir, String name) throws IOException {
        return Files.createDirectories(workDir.resolve("sipp-" + name));
    }

    /**
     * Starts sipp on a free UDP port of 127.0.0.1, its screen to {@code folder}; {@code traces}: what
     * else it writes there, {@code arguments}: the scenario and its options.
     */
    private static SippProcess launch(String name, Path folder, List<String> traces, List<String> arguments) throws IOException {
        int port = LocalPorts.free("udp");
        List<String> command = new ArrayList<>(List.of("sipp", "-i", "127.0.0.1", "-p", Integer.toString(port), "-t", "u1",
                "-nostdin", "-buff_size", "4194304"));
        command.addAll(traces);
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(folder.resolve(SCREEN).toFile()).start();
        return new SippProcess(name, port, process, folder);
    }

    private static boolean isFree(int port) {
        try {
            new DatagramSocket(port, InetAddress.getLoopbackAddress()).close();
            return true;
        } catch (BindException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    String uri() {
        return "sip:srs@127.0.0.1:" + port;
    }

    /** The CPU time sipp has used so far (from the OS). */
    Duration cpu() {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** The latest statistics row sipp wrote, or an empty one before its first. */
    SippStats stats() throws IOException {
        return SippStats.lastRow(folder.resolve("stats.csv"));
    }

    /**
     * A statistics row written after now: the counts of everything done up to now. sipp writes a
     * row a second; waits at most three.
     */
    SippStats statsAfterNow() throws IOException {
        double now = System.currentTimeMillis() / 1000.0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        SippStats stats = stats();
        while (stats.epochSeconds() < now && System.nanoTime() < deadline && process.isAlive()) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            stats = stats();
        }
        return stats;
    }

    String screen() {
        try {
            String text = Files.readString(folder.resolve(SCREEN));
            return text.substring(Math.max(0, text.length() - 3000));
        } catch (IOException e) {
            return "(no screen log: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "sipp " + name + " on 127.0.0.1:" + port;
    }
}
