package org.recgate.routes;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.recgate.gateway.recording.CallQuery;
import org.recgate.tlib.model.Attr;
import org.recgate.tlib.model.TlibMessage;

/**
 * What the recording route tests share: the calls come in by the real call feed (call-feed.camel.yaml, from a
 * client with the switch role), the recorders behind {@code sip-recorder:session} are a {@link FakeRecorder}, and
 * the indications are read where kafka-publish.camel.yaml sends them.
 */
abstract class RecordingRouteTestSupport extends RouteTestSupport {

    static final String CALL = "00000000000000c1";
    static final String CALL_FEED = "direct:call-feed";
    static final String PRIVATE_SERVICE = "direct:private-service";

    final FakeRecorder recorder = new FakeRecorder();
    private RouteClient switchFeed;

    @BeforeEach
    void recorders() {
        mock("sip-recorder:session").whenAnyExchangeReceived(recorder);
    }

    private RouteClient switchFeed() {
        if (switchFeed == null) {
            switchFeed = client("switch");
        }
        return switchFeed;
    }

    /** EventEstablished: {@code thisDn} has the call from {@code otherDn}. */
    TlibMessage established(String connectionId, String thisDn, String otherDn) {
        return switchFeed().request(CALL_FEED, switchFeed().message("EventEstablished").with(Attr.CONNECTION_ID, connectionId)
                .with(Attr.THIS_DN, thisDn).with(Attr.OTHER_DN, otherDn).with(Attr.CALL_UUID, "UUID-" + connectionId)
                .with(Attr.ANI, "+15551234").with(Attr.DNIS, "800"));
    }

    /** EventPartyChanged: {@code left} transferred the call to {@code joined}. */
    TlibMessage transferred(String connectionId, String left, String joined) {
        return switchFeed().request(CALL_FEED, switchFeed().message("EventPartyChanged").with(Attr.CONNECTION_ID, connectionId)
                .with(Attr.THIRD_PARTY_DN, left).with(Attr.OTHER_DN, joined));
    }

    /** EventReleased: {@code dn} left the call. */
    TlibMessage released(String connectionId, String dn) {
        return switchFeed().request(CALL_FEED, switchFeed().message("EventReleased").with(Attr.CONNECTION_ID, connectionId)
                .with(Attr.THIS_DN, dn));
    }

    /** RequestPrivateService by {@code client} for {@code dn} on the call. */
    TlibMessage privateService(RouteClient client, String privateMsgId, String dn, Map<String, Object> extensions) {
        return client.request(PRIVATE_SERVICE, client.message("RequestPrivateService").with(Attr.PRIVATE_MSG_ID, privateMsgId)
                .with(Attr.THIS_DN, dn).with(Attr.CONNECTION_ID, CALL).with(Attr.EXTENSIONS, extensions));
    }

    TlibMessage privateService(RouteClient client, String privateMsgId, String dn) {
        return privateService(client, privateMsgId, dn, Map.of());
    }

    /** The call's recordings by id, as RequestQueryCall answers (the gateway's callQuery step). */
    @SuppressWarnings("unchecked")
    Map<String, Object> recordingsOfTheCall() {
        org.recgate.session.ClientSession supervisor = bean("tlibSessions", org.recgate.session.SessionRegistry.class)
                .open(new org.recgate.testing.TestConnection());
        supervisor.registeredAs(new org.recgate.config.ApplicationConfig("route-test-supervisor", null,
                java.util.Set.of(org.recgate.config.Role.SUPERVISOR), org.recgate.config.DnScope.ANY, 1));
        TlibMessage info = bean("callQuery", CallQuery.class).query(supervisor, TlibMessage.of("RequestQueryCall")
                .with(Attr.REFERENCE_ID, 1).with(Attr.CONNECTION_ID, CALL));
        return (Map<String, Object>) info.kvList(Attr.EXTENSIONS).get("recordings");
    }

    String indicationsTopic() {
        return setting("recgate.kafka.topic.indications");
    }

    /** The first {@code n} indications, once they are all published. */
    List<String> awaitIndications(int n) {
        awaitPublished(indicationsTopic(), n);
        return indications().subList(0, n);
    }

    /** The recording-indication/1 records so far: {@code previousState>state:cause} of each. */
    List<String> indications() {
        return published(indicationsTopic()).stream()
                .map(r -> r.value().get("previousState") + ">" + r.value().get("state") + ":" + r.value().get("cause")).toList();
    }
}
