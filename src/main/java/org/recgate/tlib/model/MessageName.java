package org.recgate.tlib.model;

/** Message names the gateway knows (docs/protocol.md). Route files branch on these strings. */
public final class MessageName {
    public static final String REQUEST_REGISTER_CLIENT = "RequestRegisterClient";
    public static final String REQUEST_REGISTER_ADDRESS = "RequestRegisterAddress";
    public static final String REQUEST_UNREGISTER_ADDRESS = "RequestUnregisterAddress";
    public static final String REQUEST_PRIVATE_SERVICE = "RequestPrivateService";
    public static final String REQUEST_SEND_EVENT = "RequestSendEvent";
    public static final String REQUEST_ROUTE_CALL = "RequestRouteCall";
    public static final String REQUEST_QUERY_CALL = "RequestQueryCall";

    public static final String EVENT_SERVER_INFO = "EventServerInfo";
    public static final String EVENT_REGISTERED = "EventRegistered";
    public static final String EVENT_UNREGISTERED = "EventUnregistered";
    public static final String EVENT_ACK = "EventACK";
    public static final String EVENT_ERROR = "EventError";
    public static final String EVENT_USER_EVENT = "EventUserEvent";
    public static final String EVENT_ATTACHED_DATA_CHANGED = "EventAttachedDataChanged";
    public static final String EVENT_PARTY_INFO = "EventPartyInfo";
    public static final String EVENT_ESTABLISHED = "EventEstablished";
    public static final String EVENT_PARTY_CHANGED = "EventPartyChanged";
    public static final String EVENT_RELEASED = "EventReleased";

    private MessageName() {
    }
}
