package org.recgate.sip.takeover;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.ParseException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sip.Dialog;
import javax.sip.header.ContentTypeHeader;
import javax.sip.message.Request;
import org.recgate.sip.session.MediaDirection;
import org.recgate.sip.session.SdpOffer;
import org.recgate.sip.stack.SipOutcome;
import org.recgate.sip.stack.SipUserAgent;

/**
 * The first gateway process of {@link DialogTakeoverIT}, run in a JVM of its own so that it can
 * be killed for real: with the gateway's own {@link SipUserAgent} it sets up a recording session
 * with the recorder (INVITE with SDP, capturing), pauses it (re-INVITE, {@code a=inactive}),
 * writes its {@link StoredDialog} after each (stored-1.json, stored-2.json in the output folder),
 * prints {@link #READY} and waits to be killed.
 * <p>
 * Arguments: recorder URI, transport, SIP port, output folder.
 */
public final class TakeoverChild {

    static final String READY = "TAKEOVER-CHILD-READY";
    static final String HOST = "127.0.0.1";
    static final long SDP_SESSION_ID = 4711;
    private static final long TIMEOUT_MS = 5000;

    private TakeoverChild() {
    }

    public static void main(String[] args) throws Exception {
        String recorder = args[0];
        String transport = args[1];
        int port = Integer.parseInt(args[2]);
        Path output = Path.of(args[3]);
        ExecutorService worker = Executors.newSingleThreadExecutor();
        SipUserAgent userAgent = new SipUserAgent(HOST, port, transport, worker);
        userAgent.start((event, transaction) -> { });

        String capturing = offer(1, MediaDirection.SENDONLY);
        Request invite = userAgent.newRequest(Request.INVITE, userAgent.parseSipUri(recorder),
                userAgent.address("recgate", HOST));
        invite.setHeader(userAgent.contact("recgate"));
        invite.setContent(capturing, sdp(userAgent));
        SipOutcome started = userAgent.sendInitial(invite, null, TIMEOUT_MS).get(10, TimeUnit.SECONDS);
        Dialog dialog = success("INVITE", started).dialog();
        store(output.resolve("stored-1.json"), StoredDialog.capture(dialog, recorder, transport, capturing, body(started)));

        String paused = offer(2, MediaDirection.INACTIVE);
        SipOutcome pausedOutcome = userAgent.sendInDialog(dialog, () -> {
            Request reInvite = dialog.createRequest(Request.INVITE);
            reInvite.setHeader(userAgent.contact("recgate"));
            reInvite.setContent(paused, sdp(userAgent));
            return reInvite;
        }, TIMEOUT_MS, ignored -> { }).get(10, TimeUnit.SECONDS);
        success("re-INVITE", pausedOutcome);
        store(output.resolve("stored-2.json"), StoredDialog.capture(dialog, recorder, transport, paused, body(pausedOutcome)));

        System.out.println(READY);
        System.out.flush();
        Thread.currentThread().join(); // until kill -9
    }

    static String offer(long version, MediaDirection direction) {
        return SdpOffer.render(HOST, 40000, SDP_SESSION_ID, version, direction);
    }

    private static ContentTypeHeader sdp(SipUserAgent userAgent) throws ParseException {
        return userAgent.headers().createContentTypeHeader("application", "sdp");
    }

    private static SipOutcome success(String what, SipOutcome outcome) {
        if (!outcome.isSuccess()) {
            System.out.println("FAILED " + what + ": " + outcome.describe());
            System.exit(2);
        }
        return outcome;
    }

    private static String body(SipOutcome outcome) {
        byte[] raw = outcome.response().getRawContent();
        return raw == null ? null : new String(raw, StandardCharsets.UTF_8);
    }

    /** Written whole or not at all, as a state record is. */
    private static void store(Path file, StoredDialog stored) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.writeString(partial, stored.toJson());
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
    }
}
