package org.recgate.sip.takeover;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sip.Dialog;
import javax.sip.header.Header;

/**
 * What a gateway process needs to continue one SIP dialog with a recorder that another process
 * set up: the dialog state of RFC 3261 §12 (Call-ID, local and remote tags, local and remote URI,
 * remote target, route set, local CSeq) and the last accepted offer/answer of RFC 3264, with the
 * {@code o=} version of the offer. It is the per-destination part of the state record of
 * docs/durable-state.md §2, and serialises to and from JSON as it would sit in the compacted state topic.
 *
 * @param callId       the dialog's Call-ID
 * @param localTag     our tag: the From tag of every request we send in the dialog
 * @param remoteTag    the recorder's tag: the To tag of our requests
 * @param localUri     our From address ({@code <sip:user@domain>})
 * @param remoteUri    the recorder's To address
 * @param remoteTarget the recorder's Contact URI: the Request-URI of our requests (RFC 3261 §12.2.1.1)
 * @param routeSet     the Route header values of the dialog, in order; empty without proxies
 * @param localCseq    the CSeq of our last request in the dialog
 * @param transport    {@code udp} or {@code tcp}
 * @param recorder     the recorder URI the session was set up with (the destination it serves)
 * @param sdpOffer     our last offer the recorder accepted
 * @param sdpVersion   the {@code o=} version of {@code sdpOffer}
 * @param sdpAnswer    the recorder's answer to it (null when it sent none)
 */
public record StoredDialog(String callId, String localTag, String remoteTag, String localUri, String remoteUri,
                           String remoteTarget, List<String> routeSet, long localCseq, String transport,
                           String recorder, String sdpOffer, long sdpVersion, String sdpAnswer) {

    /** CSeq numbers are 32-bit unsigned (RFC 3261 §8.1.1.5, §12.2.1.1). */
    public static final long MAX_CSEQ = (1L << 32) - 1;

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES); // a newer writer may add fields

    /** Every field but the answer is required; the version is the offer's own. */
    public StoredDialog {
        required("callId", callId);
        required("localTag", localTag);
        required("remoteTag", remoteTag);
        required("localUri", localUri);
        required("remoteUri", remoteUri);
        required("remoteTarget", remoteTarget);
        required("transport", transport);
        required("recorder", recorder);
        required("sdpOffer", sdpOffer);
        routeSet = routeSet == null ? List.of() : List.copyOf(routeSet);
        if (localCseq < 1 || localCseq > MAX_CSEQ) {
            throw new IllegalArgumentException("localCseq must be 1.." + MAX_CSEQ + ", not " + localCseq);
        }
        if (SdpOrigin.version(sdpOffer) != sdpVersion) {
            throw new IllegalArgumentException("sdpVersion " + sdpVersion + " is not the offer's o= version "
                    + SdpOrigin.version(sdpOffer));
        }
    }

    /**
     * The state of a confirmed dialog we set up as UAC, read from the stack after the 2xx of an
     * INVITE or re-INVITE was ACKed: {@code offer} is what that request offered, {@code answer}
     * what the 2xx answered.
     */
    public static StoredDialog capture(Dialog dialog, String recorder, String transport, String offer, String answer) {
        if (dialog.getRemoteTag() == null || dialog.getRemoteTarget() == null) {
            throw new IllegalArgumentException("dialog " + dialog.getDialogId() + " is not confirmed");
        }
        List<String> routes = new ArrayList<>();
        for (Iterator<?> it = dialog.getRouteSet(); it.hasNext(); ) {
            routes.add(valueOf((Header) it.next()));
        }
        return new StoredDialog(dialog.getCallId().getCallId(), dialog.getLocalTag(), dialog.getRemoteTag(),
                dialog.getLocalParty().toString(), dialog.getRemoteParty().toString(),
                dialog.getRemoteTarget().getURI().toString(), routes, dialog.getLocalSeqNumber(), transport,
                recorder, offer, SdpOrigin.version(offer), answer);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored dialog always serialises", e);
        }
    }

    /** The stored dialog in {@code json}; an {@link IllegalArgumentException} saying what is wrong with it. */
    public static StoredDialog fromJson(String json) {
        try {
            return JSON.readValue(json, StoredDialog.class);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException invalid ? invalid : e;
            throw new IllegalArgumentException("not a stored dialog: " + cause.getMessage(), e);
        }
    }

    /**
     * The stored dialog as a map of its fields (strings, numbers, a list), as it goes into a JSON state
     * record: the map Jackson's conversion of the record gives (fields in declaration order, nulls kept,
     * a number as an Integer when it fits), built directly, as it is for every recording change of the
     * state topic (docs/performance.md).
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("callId", callId);
        map.put("localTag", localTag);
        map.put("remoteTag", remoteTag);
        map.put("localUri", localUri);
        map.put("remoteUri", remoteUri);
        map.put("remoteTarget", remoteTarget);
        map.put("routeSet", new ArrayList<>(routeSet));
        map.put("localCseq", number(localCseq));
        map.put("transport", transport);
        map.put("recorder", recorder);
        map.put("sdpOffer", sdpOffer);
        map.put("sdpVersion", number(sdpVersion));
        map.put("sdpAnswer", sdpAnswer);
        return map;
    }

    /** As Jackson reads a JSON number into a map: an Integer when it fits, else a Long. */
    private static Object number(long value) {
        return value == (int) value ? Integer.valueOf((int) value) : Long.valueOf(value);
    }

    /** The stored dialog in {@code map} ({@link #toMap()}); an {@link IllegalArgumentException} saying what is wrong with it. */
    public static StoredDialog fromMap(Map<?, ?> map) {
        try {
            return JSON.convertValue(map, StoredDialog.class);
        } catch (IllegalArgumentException e) {
            Throwable cause = e; // Jackson wraps what the constructor threw: the innermost says what is wrong
            for (Throwable inner = e.getCause(); inner != null; inner = inner.getCause()) {
                cause = inner instanceof IllegalArgumentException ? inner : cause;
            }
            throw new IllegalArgumentException("not a stored dialog: " + cause.getMessage(), e);
        }
    }

    /** A header's value without its name: {@code Route: <sip:p1;lr>} gives {@code <sip:p1;lr>}. */
    private static String valueOf(Header header) {
        String text = header.toString().trim();
        return text.substring(text.indexOf(':') + 1).trim();
    }

    private static void required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
