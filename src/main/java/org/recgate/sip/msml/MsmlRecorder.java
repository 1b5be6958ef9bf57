package org.recgate.sip.msml;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.recgate.sip.DestinationResult;
import org.recgate.sip.DestinationStatus;
import org.recgate.sip.RecorderDestination;
import org.recgate.sip.RecorderEvent;
import org.recgate.sip.RecorderOperation;
import org.recgate.sip.RecordingSessionSpec;
import org.recgate.sip.session.DialectSettings;
import org.recgate.sip.session.DialogOutcomes;
import org.recgate.sip.session.DialogRequests;
import org.recgate.sip.session.RecorderDialect;
import org.recgate.sip.stack.SipUserAgent;

/**
 * Drives recordings on media servers with MSML (RFC 5707), the Genesys Media Server way: the
 * gateway is the application server (RFC 5707 §3.1), with one SIP dialog per media server and
 * recording and MSML in INFO within it. Each operation has a class of its own:
 * <ul>
 * <li>START: {@link MsmlSetup} (INVITE, then {@code <dialogstart>});</li>
 * <li>PAUSE / RESUME / STOP: {@link MsmlControl};</li>
 * <li>RESTORE: {@link MsmlRestore} takes over a dialog another process set up, or sets up a new one;</li>
 * <li>UPDATE: refused here; nothing is sent (MSML has no place for new params in a running dialog);</li>
 * <li>what the media server sends: {@link MsmlServerRequests}.</li>
 * </ul>
 * {@link MsmlDialogs} keeps the dialogs they share. Every future returned here completes
 * normally, with the destination's result.
 */
public final class MsmlRecorder implements RecorderDialect {

    private final MsmlDialogs dialogs;
    private final MsmlSetup setup;
    private final MsmlControl control;
    private final MsmlServerRequests serverRequests;
    private final MsmlRestore restore;

    /**
     * @param events where media-server-initiated endings go; called on the SIP message thread or
     *               the worker, it must not block
     */
    public MsmlRecorder(SipUserAgent userAgent, Consumer<RecorderEvent> events) {
        MsmlMessages messages = new MsmlMessages(userAgent);
        this.dialogs = new MsmlDialogs(userAgent, events);
        this.setup = new MsmlSetup(userAgent, messages, dialogs);
        this.control = new MsmlControl(userAgent, messages, dialogs);
        this.serverRequests = new MsmlServerRequests(userAgent, messages, dialogs);
        this.restore = new MsmlRestore(userAgent, messages, dialogs, setup, control);
    }

    @Override
    public List<CompletableFuture<DestinationResult>> perform(RecorderOperation operation, RecordingSessionSpec spec,
                                                              List<RecorderDestination> destinations,
                                                              DialectSettings options) {
        MsmlSettings settings = MsmlSettings.class.cast(options);
        return switch (operation) {
            case START -> setup.start(spec, destinations, settings);
            case PAUSE -> control.signal(spec, destinations, "pause");
            case RESUME -> control.signal(spec, destinations, "resume");
            case UPDATE -> destinations.stream().map(d -> DialogOutcomes.done(MsmlResults.result(d.uri(), d.role(),
                    DestinationStatus.REJECTED, null, "MSML cannot change the params of a running recording dialog "
                            + "(they go with START); nothing was sent", null))).toList();
            case STOP -> control.stop(spec, destinations, settings);
            case RESTORE -> restore.restore(spec, destinations, settings);
        };
    }

    @Override
    public DialogRequests<MsmlConnection> dialogRequests() {
        return serverRequests;
    }

    @Override
    public void hangUpAll() {
        dialogs.hangUpAll();
    }
}
