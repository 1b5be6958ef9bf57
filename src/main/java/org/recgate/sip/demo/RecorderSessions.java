package org.recgate.sip.demo;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo recorder's live sessions, by Call-ID: a recording session is one dialog, and a
 * recorder is never forked to, so the Call-ID alone names it.
 */
final class RecorderSessions {

    private static final Logger LOG = LoggerFactory.getLogger(RecorderSessions.class);

    private final Map<String, RecorderSession<?>> sessions = new ConcurrentHashMap<>();

    /** The Call-ID of an initial INVITE, which no live session may use already. */
    String newCallId(Request request) throws Refusal {
        String callId = callId(request);
        if (sessions.containsKey(callId)) {
            throw new Refusal(Response.BAD_REQUEST, "Call-ID already used by a recording session");
        }
        return callId;
    }

    void add(String callId, RecorderSession<?> session) {
        sessions.put(callId, session);
    }

    /** The session of an in-dialog request, or null. */
    RecorderSession<?> of(Request request) {
        return sessions.get(callId(request));
    }

    /** The session ended with a BYE in its dialog. */
    void bye(RecorderSession<?> session, Request bye) {
        sessions.remove(callId(bye), session);
        stop(session, Request.BYE);
    }

    /** A dialog the stack ended on its own (e.g. its 200 never ACKed): its session ends too. */
    void dialogEnded(String callId, String cause) {
        RecorderSession<?> session = sessions.remove(callId);
        if (session != null) {
            stop(session, cause);
        }
    }

    /** Marks every live session stopped (the recorder is going away); sends nothing. */
    void stopAll(String cause) {
        sessions.values().forEach(session -> stop(session, cause));
        sessions.clear();
    }

    private static void stop(RecorderSession<?> session, String cause) {
        try {
            session.stop(cause);
            LOG.info("Demo recorder: recording {} stopped ({})", session.name(), cause);
        } catch (IOException e) {
            LOG.warn("Demo recorder: recording {} stopped ({}), but {} could not be written: {}", session.name(), cause,
                    session.file(), e.toString());
        }
    }

    static String callId(Request request) {
        return ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
    }
}
